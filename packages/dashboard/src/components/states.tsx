import { MolamError } from '@molam/sdk';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

/** What went wrong, in words, with the request id to quote. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const detail =
    error instanceof MolamError ? error.detail : error instanceof Error ? error.message : String(error);
  const requestId = error instanceof MolamError ? error.requestId : undefined;
  return (
    <div className="state error" role="alert">
      <p>{detail}</p>
      {requestId ? <p className="muted">Request id: {requestId}</p> : null}
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/**
 * A query's four states in one place: loading, failed (with a retry), empty, and its data. `isEmpty` and
 * `children` receive the data once it is there.
 */
export function QueryView<T>({
  query,
  what,
  empty,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  /** For "Loading …". */
  what: string;
  empty: ReactNode;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => query.refetch()} />;
  if (isEmpty(query.data)) return <p className="state">{empty}</p>;
  return <>{children(query.data)}</>;
}
