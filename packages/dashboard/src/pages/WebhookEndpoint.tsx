import type { Molam, WebhookDelivery } from '@molam/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ErrorState, Loading, QueryView } from '../components/states.js';
import { Link } from '../router.js';

/** Pending, with its next attempt within a minute: worth watching. */
const dueSoon = (delivery: WebhookDelivery) =>
  delivery.status === 'pending' &&
  (delivery.next_attempt_at === null || Date.parse(delivery.next_attempt_at) - Date.now() < 60_000);

/** One endpoint: its facts, its secret's rotation, and its deliveries with every attempt. */
export function WebhookEndpoint({ molam, id }: { molam: Molam; id: string }) {
  const endpoint = useQuery({ queryKey: ['endpoint', id], queryFn: () => molam.webhookEndpoints.get(id) });
  const deliveries = useQuery({
    queryKey: ['deliveries', id],
    queryFn: async () => (await molam.webhookEndpoints.listDeliveries(id, { limit: 50 })).data,
    // While a delivery is about to be attempted (a retry, say), follow it until it has an outcome.
    refetchInterval: (query) => (query.state.data?.some(dueSoon) ? 1000 : false),
  });
  if (endpoint.isPending) return <Loading what="the endpoint" />;
  if (endpoint.isError) return <ErrorState error={endpoint.error} retry={() => endpoint.refetch()} />;
  const e = endpoint.data;
  return (
    <section aria-labelledby="endpoint-title">
      <p>
        <Link to={{ page: 'webhooks' }}>← Webhooks</Link>
      </p>
      <header className="page-header">
        <h2 id="endpoint-title">{e.description ?? e.id}</h2>
        <p>
          <span className={`badge ${e.status}`}>{e.status}</span> {e.url}
        </p>
      </header>
      <dl className="facts">
        <dt>Id</dt>
        <dd>{e.id}</dd>
        <dt>Events</dt>
        <dd>{e.enabled_events.join(', ')}</dd>
        {e.disabled_reason ? (
          <>
            <dt>Disabled because</dt>
            <dd>{e.disabled_reason}</dd>
          </>
        ) : null}
      </dl>
      <RotateSecret molam={molam} id={id} />
      <h3>Deliveries</h3>
      <QueryView
        query={deliveries}
        what="deliveries"
        empty="Nothing delivered to this endpoint yet."
        isEmpty={(data) => data.length === 0}
      >
        {(data) => (
          <ul className="deliveries">
            {data.map((delivery) => (
              <Delivery key={delivery.id} molam={molam} delivery={delivery} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function Delivery({ molam, delivery }: { molam: Molam; delivery: WebhookDelivery }) {
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => molam.webhookEndpoints.retryDelivery(delivery.endpoint_id, delivery.id),
    onSettled: () => client.invalidateQueries({ queryKey: ['deliveries', delivery.endpoint_id] }),
  });
  const last = delivery.attempts.at(-1);
  return (
    <li data-testid={`delivery-${delivery.id}`}>
      <details>
        <summary>
          <span className={`badge ${delivery.status}`}>{delivery.status}</span> {delivery.event_type} ·{' '}
          {delivery.attempt_count} attempt{delivery.attempt_count === 1 ? '' : 's'}
          {last ? ` · last ${last.status_code ?? last.error ?? '–'}` : ''}
          {delivery.next_attempt_at ? ` · next ${new Date(delivery.next_attempt_at).toLocaleString()}` : ''}
        </summary>
        <ol className="timeline">
          {delivery.attempts.map((attempt) => (
            <li key={attempt.attempted_at}>
              <time dateTime={attempt.attempted_at}>{new Date(attempt.attempted_at).toLocaleString()}</time>{' '}
              {attempt.status_code === null ? 'no answer' : `HTTP ${attempt.status_code}`},{' '}
              {attempt.latency_ms} ms
              {attempt.error ? <span className="error"> {attempt.error}</span> : null}
            </li>
          ))}
        </ol>
      </details>
      <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
        {retry.isPending ? 'Retrying…' : `Retry ${delivery.event_type}`}
      </button>
      {retry.isError ? <ErrorState error={retry.error} /> : null}
    </li>
  );
}

/** Rotation asks first; the new secret is shown once, with a copy button, and never again. */
function RotateSecret({ molam, id }: { molam: Molam; id: string }) {
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const rotate = useMutation({ mutationFn: () => molam.webhookEndpoints.rotateSecret(id) });
  // Focus follows the step: the confirmation's button when it opens, the new secret once it exists.
  const confirmButton = useRef<HTMLButtonElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  const hasSecret = Boolean(rotate.data?.secret);
  useEffect(() => {
    if (hasSecret) secretField.current?.focus();
    else if (confirming) confirmButton.current?.focus();
  }, [confirming, hasSecret]);
  if (rotate.data?.secret) {
    const secret = rotate.data.secret;
    return (
      <section className="secret" aria-label="Signing secret rotated">
        <p>
          <strong>New signing secret</strong>, shown this once: store it now. The old one keeps signing for 24
          hours.
        </p>
        <label htmlFor="new-secret" className="visually-hidden">
          New signing secret
        </label>
        <input
          id="new-secret"
          ref={secretField}
          readOnly
          value={secret}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </section>
    );
  }
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        Rotate signing secret…
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label="Rotate the signing secret?">
      <p>Make a new signing secret? Update your receiver within 24 hours, when the old one stops signing.</p>
      <button ref={confirmButton} type="button" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
        {rotate.isPending ? 'Rotating…' : 'Rotate now'}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {rotate.isError ? <ErrorState error={rotate.error} /> : null}
    </div>
  );
}
