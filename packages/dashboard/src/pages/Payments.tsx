import type { Molam, PaymentStatus } from '@molam/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { formatMoney } from '../format.js';
import { Link } from '../router.js';

const STATUSES: PaymentStatus[] = ['pending', 'successful', 'failed'];
const PAGE_SIZE = 25;

/** The merchant's payments, newest first, a page at a time (cursor paging). */
export function Payments({ molam }: { molam: Molam }) {
  const [status, setStatus] = useState<PaymentStatus | ''>('');
  // The cursors of the pages seen so far: going back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useQuery({
    queryKey: ['payments', status, cursor],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      molam.payments.list({
        limit: PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(cursor ? { starting_after: cursor } : {}),
      }),
  });
  return (
    <section aria-labelledby="payments-title">
      <header className="page-header">
        <h2 id="payments-title">Payments</h2>
      </header>
      <div className="toolbar">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as PaymentStatus | '');
              setCursors([]);
            }}
          >
            <option value="">All</option>
            {STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
      </div>
      {page.isPending ? (
        <Loading what="payments" />
      ) : page.isError ? (
        <ErrorState error={page.error} retry={() => page.refetch()} />
      ) : page.data.data.length === 0 ? (
        <Empty>No payments here yet.</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Payment</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {page.data.data.map((payment) => (
                  <tr key={payment.id}>
                    <td>
                      <Link to={{ page: 'payment', id: payment.id }}>{payment.id}</Link>
                    </td>
                    <td className="number">{formatMoney(payment.amount, payment.currency)}</td>
                    <td>
                      <span className={`badge ${payment.status}`}>{payment.status}</span>
                    </td>
                    <td>{payment.provider}</td>
                    <td>{payment.flow}</td>
                    <td>{new Date(payment.created_at).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Newer
            </button>
            <button
              type="button"
              disabled={!page.data.has_more || page.data.next_cursor === null}
              onClick={() => page.data.next_cursor && setCursors([...cursors, page.data.next_cursor])}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
