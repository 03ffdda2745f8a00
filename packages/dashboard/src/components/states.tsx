import { MolamError } from '@molam/sdk';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="state">{children}</p>;
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
