import type { Molam } from '@molam/sdk';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading, QueryView } from '../components/states.js';
import { formatMoney } from '../format.js';
import { Link } from '../router.js';

/** One payment, and every call made to its provider as a timeline. */
export function PaymentDetail({ molam, id }: { molam: Molam; id: string }) {
  const payment = useQuery({ queryKey: ['payment', id], queryFn: () => molam.payments.get(id) });
  const attempts = useQuery({
    queryKey: ['attempts', id],
    queryFn: async () => (await molam.payments.attempts(id, { limit: 100 })).data,
  });
  if (payment.isPending) return <Loading what="the payment" />;
  if (payment.isError) return <ErrorState error={payment.error} retry={() => payment.refetch()} />;
  const p = payment.data;
  return (
    <section aria-labelledby="payment-title">
      <p>
        <Link to={{ page: 'payments' }}>← Payments</Link>
      </p>
      <header className="page-header">
        <h2 id="payment-title">{p.id}</h2>
        <p>
          <span className={`badge ${p.status}`}>{p.status}</span> {formatMoney(p.amount, p.currency)} ·{' '}
          {p.flow} · {p.provider}
        </p>
      </header>
      <dl className="facts">
        <dt>External id</dt>
        <dd>{p.external_id}</dd>
        <dt>Payer</dt>
        <dd>{p.payer ?? '–'}</dd>
        <dt>Payee</dt>
        <dd>{p.payee ?? '–'}</dd>
        <dt>Created</dt>
        <dd>{new Date(p.created_at).toLocaleString()}</dd>
        <dt>Completed</dt>
        <dd>{p.completed_at ? new Date(p.completed_at).toLocaleString() : '–'}</dd>
        {p.failure ? (
          <>
            <dt>Failure</dt>
            <dd>
              {p.failure.code}: {p.failure.message}
            </dd>
          </>
        ) : null}
      </dl>
      <h3>Provider attempts</h3>
      <QueryView
        query={attempts}
        what="the attempts"
        empty="No call to the provider yet."
        isEmpty={(data) => data.length === 0}
      >
        {(data) => (
          <ol className="timeline">
            {data.map((attempt) => (
              <li key={attempt.id}>
                <time dateTime={attempt.created_at}>{new Date(attempt.created_at).toLocaleTimeString()}</time>{' '}
                <strong>{attempt.operation}</strong> at {attempt.provider}: {attempt.decision}
                {attempt.http_status === null ? '' : ` (HTTP ${attempt.http_status}`}
                {attempt.http_status === null ? '' : `, ${attempt.duration_ms} ms)`}
                {attempt.error ? <span className="error"> {attempt.error}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}
