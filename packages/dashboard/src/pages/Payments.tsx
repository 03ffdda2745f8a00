import { FLOWS, PAYMENT_STATUSES, PROVIDER_NAMES } from '@molam/contract';
import type { Flow, Molam, PaymentListParams, PaymentStatus, ProviderName } from '@molam/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryView } from '../components/states.js';
import { formatMoney } from '../format.js';
import { Link } from '../router.js';

interface Filters {
  status: PaymentStatus | '';
  provider: ProviderName | '';
  flow: Flow | '';
  /** Local dates (YYYY-MM-DD) from the date inputs, both included. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { status: '', provider: '', flow: '', from: '', to: '' };

/** The list's query: the day after `to` as the exclusive end, in this browser's time zone. */
function queryOf(filters: Filters): PaymentListParams {
  const startOf = (day: string) => new Date(`${day}T00:00:00`).toISOString();
  const nextDay = (day: string) => {
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.provider ? { provider: filters.provider } : {}),
    ...(filters.flow ? { flow: filters.flow } : {}),
    ...(filters.from ? { created_gte: startOf(filters.from) } : {}),
    ...(filters.to ? { created_lt: nextDay(filters.to) } : {}),
  };
}
const PAGE_SIZE = 25;

/** The merchant's payments, newest first, a page at a time (cursor paging). */
export function Payments({ molam }: { molam: Molam }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The cursors of the pages seen so far: going back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useQuery({
    queryKey: ['payments', filters, cursor],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      molam.payments.list({
        limit: PAGE_SIZE,
        ...queryOf(filters),
        ...(cursor ? { starting_after: cursor } : {}),
      }),
  });
  const filtered = Object.values(filters).some((value) => value !== '');
  // Any change of filters starts again from the newest page.
  const changeFilters = (next: Filters) => {
    setFilters(next);
    setCursors([]);
  };
  const filter = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    changeFilters({ ...filters, [name]: value });
  return (
    <section aria-labelledby="payments-title">
      <header className="page-header">
        <h2 id="payments-title">Payments</h2>
      </header>
      <fieldset className="toolbar">
        <legend className="visually-hidden">Filters</legend>
        <label>
          Status{' '}
          <select
            value={filters.status}
            onChange={(event) => filter('status', event.target.value as Filters['status'])}
          >
            <option value="">All</option>
            {PAYMENT_STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Provider{' '}
          <select
            value={filters.provider}
            onChange={(event) => filter('provider', event.target.value as Filters['provider'])}
          >
            <option value="">All</option>
            {PROVIDER_NAMES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Flow{' '}
          <select
            value={filters.flow}
            onChange={(event) => filter('flow', event.target.value as Filters['flow'])}
          >
            <option value="">All</option>
            {FLOWS.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          From{' '}
          <input type="date" value={filters.from} onChange={(event) => filter('from', event.target.value)} />
        </label>
        <label>
          To <input type="date" value={filters.to} onChange={(event) => filter('to', event.target.value)} />
        </label>
        {filtered ? (
          <button type="button" onClick={() => changeFilters(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </fieldset>
      <QueryView
        query={page}
        what="payments"
        empty={filtered ? 'No payment matches these filters.' : 'No payments yet.'}
        isEmpty={(data) => data.data.length === 0}
      >
        {(data) => (
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
                  {data.data.map((payment) => (
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
                disabled={!data.has_more || data.next_cursor === null}
                onClick={() => data.next_cursor && setCursors([...cursors, data.next_cursor])}
              >
                Older
              </button>
            </nav>
          </>
        )}
      </QueryView>
    </section>
  );
}
