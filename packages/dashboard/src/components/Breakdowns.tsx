import type { AnalyticsTotals, Molam } from '@molam/sdk';
import { useQuery } from '@tanstack/react-query';
import { formatCount, formatMoney } from '../format.js';
import { QueryView } from './states.js';
import { PALETTE } from './TrendChart.js';

const BAR_COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion];

export interface BreakdownsProps {
  molam: Molam;
  /** The last `days` local days, today included: the period the cards show. */
  days: number;
  currency: string;
  totals: AnalyticsTotals;
}

/** Payment methods, top products and customers for the period beside the KPI cards. */
export function Breakdowns({ molam, days, currency, totals }: BreakdownsProps) {
  const money = (minor: number) => formatMoney(minor, currency);
  const methods = useQuery({
    queryKey: ['methods', days, currency],
    queryFn: () => molam.analytics.paymentMethods({ days, currency }),
  });
  const products = useQuery({
    queryKey: ['products', days, currency],
    queryFn: () => molam.analytics.topProducts({ days, limit: 5, currency }),
  });
  const customers = useQuery({
    queryKey: ['customers', currency],
    queryFn: () => molam.analytics.customers({ limit: 5, currency }),
  });
  const largest = Math.max(1, ...(methods.data?.payment_methods.map((m) => Math.abs(m.amount)) ?? []));
  return (
    <div className="breakdowns">
      <section aria-labelledby="methods-title">
        <h3 id="methods-title">Payment methods</h3>
        <QueryView
          query={methods}
          what="payment methods"
          empty="No successful payments in this period."
          isEmpty={(data) => data.payment_methods.length === 0}
        >
          {(data) => (
            <ul className="bars">
              {data.payment_methods.map((method, index) => (
                <li key={method.method} data-testid={`method-${method.method}`}>
                  <span className="bar-label">
                    {method.method} · {formatCount(method.count)} · {money(method.amount)}
                  </span>
                  <span
                    className="bar"
                    style={{
                      width: `${(Math.abs(method.amount) / largest) * 100}%`,
                      background: BAR_COLORS[index % BAR_COLORS.length],
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="products-title">
        <h3 id="products-title">Top products</h3>
        <QueryView
          query={products}
          what="products"
          empty="No products sold in this period."
          isEmpty={(data) => data.products.length === 0}
        >
          {(data) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Sold</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {data.products.map((product) => (
                  <tr key={product.product_id}>
                    <td>{product.product_name ?? product.product_id}</td>
                    <td className="number">{formatCount(product.transactions)}</td>
                    <td className="number">{money(product.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="customers-title">
        <h3 id="customers-title">Customers</h3>
        <p data-testid="customers-split">
          {formatCount(totals.new_customers)} new, {formatCount(totals.customers - totals.new_customers)}{' '}
          returning in this period
        </p>
        <QueryView
          query={customers}
          what="customers"
          empty="No paying customers yet."
          isEmpty={(data) => data.top_customers.length === 0}
        >
          {(data) => (
            <table>
              <caption className="muted">Top spenders, all time</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Payments</th>
                  <th scope="col">Spent</th>
                </tr>
              </thead>
              <tbody>
                {data.top_customers.map((customer) => (
                  <tr key={customer.customer_id}>
                    <td>{customer.customer_id}</td>
                    <td className="number">{formatCount(customer.transactions)}</td>
                    <td className="number">{money(customer.total_spent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
    </div>
  );
}
