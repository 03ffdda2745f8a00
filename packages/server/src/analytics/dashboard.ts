import type { Schemas } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import * as store from './dashboard-store.js';

const MAX_DAILY_DAYS = 366;
const MAX_HOURLY_DAYS = 7;

/** `"5.20"` for +5.2 %; null when there is nothing to compare with. */
export function growth(current: number, previous: number): string | null {
  if (previous === 0) return null;
  return (((current - previous) / Math.abs(previous)) * 100).toFixed(2);
}

const revenueOf = (totals: store.Totals) => totals.gross - totals.refunded;

/**
 * The merchant's scope (currency, zone) and what every answer states about it. `as_of` is read alongside the
 * figures: `withFigures` runs both at once.
 */
async function contextOf(db: Queryable, tenant: Tenant, currency: string | undefined) {
  const merchant = await store.merchantContext(db, tenant);
  if (!merchant) throw new AppError(404, 'not_found', `No merchant ${tenant.merchantId}.`);
  const scope: store.Scope = {
    tenant,
    currency: currency ?? merchant.defaultCurrency,
    timeZone: merchant.timeZone,
  };
  const withFigures = async <T>(figures: Promise<T>) => {
    const [value, asOf] = await Promise.all([figures, store.asOf(db, tenant, merchant.cursor)]);
    const context = {
      currency: scope.currency,
      currencies: merchant.currencies,
      time_zone: scope.timeZone,
      as_of: asOf.toISOString(),
    };
    return { value, context };
  };
  return { scope, today: merchant.today, withFigures };
}

export async function overview(
  db: Queryable,
  tenant: Tenant,
  currency: string | undefined,
): Promise<Schemas['AnalyticsOverview']> {
  const { scope, withFigures } = await contextOf(db, tenant, currency);
  const { value: figures, context } = await withFigures(store.overviewFigures(db, scope));
  const {
    todayTotals: today,
    todayHours: todayComplete,
    yesterdayHours: yesterday,
    month,
    previousMonth,
  } = figures;
  const revenue = revenueOf(today);
  return {
    object: 'analytics_overview',
    ...context,
    today: {
      date: figures.today,
      transactions: today.successful + today.failed,
      successful_transactions: today.successful,
      failed_transactions: today.failed,
      refunds: today.refunds,
      revenue,
      fees: today.fees,
      net_revenue: revenue - today.fees,
      avg_transaction: today.successful === 0 ? 0 : Math.round(revenue / today.successful),
      transaction_growth: growth(
        todayComplete.successful + todayComplete.failed,
        yesterday.successful + yesterday.failed,
      ),
      revenue_growth: growth(revenueOf(todayComplete), revenueOf(yesterday)),
    },
    month: {
      start_date: figures.monthStart,
      transactions: month.successful + month.failed,
      successful_transactions: month.successful,
      revenue: revenueOf(month),
      net_revenue: revenueOf(month) - month.fees,
      customers: figures.monthCustomers,
      transaction_growth: growth(
        month.successful + month.failed,
        previousMonth.successful + previousMonth.failed,
      ),
      revenue_growth: growth(revenueOf(month), revenueOf(previousMonth)),
    },
  };
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;
const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

function checkRange(from: string, to: string, granularity: 'daily' | 'hourly'): void {
  const span = daysBetween(from, to) + 1;
  const max = granularity === 'daily' ? MAX_DAILY_DAYS : MAX_HOURLY_DAYS;
  if (span < 1) {
    throw new AppError(400, 'invalid_date_range', `end_date ${to} is before start_date ${from}.`, {
      errors: [
        { field: 'query.end_date', message: 'must not be before start_date', code: 'invalid_date_range' },
      ],
    });
  }
  if (span > max) {
    throw new AppError(
      400,
      'invalid_date_range',
      `${granularity} figures cover at most ${max} days; this range has ${span}.`,
      {
        errors: [
          {
            field: 'query.end_date',
            message: `at most ${max} days after start_date`,
            code: 'invalid_date_range',
          },
        ],
      },
    );
  }
}

type Bucket = Schemas['AnalyticsBucket'];
const presentBucket = (row: store.BucketRow): Bucket => {
  const revenue = revenueOf(row);
  return {
    date: row.date,
    hour: row.hour === null ? null : row.hour.toISOString(),
    transactions: row.successful + row.failed,
    successful: row.successful,
    failed: row.failed,
    refunds: row.refunds,
    revenue,
    fees: row.fees,
    net_revenue: revenue - row.fees,
    customers: row.customers,
    new_customers: row.new_customers,
  };
};

type SeriesTotals = Schemas['AnalyticsTotals'];

/** A period's sums, with its distinct and new customers (which hourly buckets do not carry). */
function totalsOf(buckets: Bucket[], people: { customers: number; newCustomers: number }): SeriesTotals {
  const sum = (pick: (bucket: Bucket) => number | null) => buckets.reduce((n, b) => n + (pick(b) ?? 0), 0);
  return {
    transactions: sum((b) => b.transactions),
    successful: sum((b) => b.successful),
    failed: sum((b) => b.failed),
    refunds: sum((b) => b.refunds),
    revenue: sum((b) => b.revenue),
    fees: sum((b) => b.fees),
    net_revenue: sum((b) => b.net_revenue),
    customers: people.customers,
    new_customers: people.newCustomers,
  };
}

export interface SeriesQuery {
  start_date: string;
  end_date: string;
  granularity?: 'daily' | 'hourly' | undefined;
  compare?: 'previous' | undefined;
  currency?: string | undefined;
}

export async function series(
  db: Queryable,
  tenant: Tenant,
  query: SeriesQuery,
): Promise<Schemas['AnalyticsSeries']> {
  const granularity = query.granularity ?? 'daily';
  checkRange(query.start_date, query.end_date, granularity);
  const { scope, withFigures } = await contextOf(db, tenant, query.currency);
  const read = granularity === 'daily' ? store.dailySeries : store.hourlySeries;
  const { value: figures, context } = await withFigures(
    Promise.all([
      read(db, scope, query.start_date, query.end_date),
      store.rangeCustomers(db, scope, query.start_date, query.end_date),
    ]),
  );
  const [rows, people] = figures;
  const data = rows.map(presentBucket);
  const result: Schemas['AnalyticsSeries'] = {
    object: 'analytics_series',
    ...context,
    granularity,
    start_date: query.start_date,
    end_date: query.end_date,
    data,
    totals: totalsOf(data, people),
  };
  if (query.compare === 'previous') {
    const span = daysBetween(query.start_date, query.end_date) + 1;
    const from = shiftDays(query.start_date, -span);
    const to = shiftDays(query.start_date, -1);
    const [previousRows, previousPeople] = await Promise.all([
      read(db, scope, from, to),
      store.rangeCustomers(db, scope, from, to),
    ]);
    result.previous = previousRows.map(presentBucket);
    result.previous_totals = totalsOf(result.previous, previousPeople);
  }
  return result;
}

/** The last `days` local days, today included. */
const window = (today: string, days: number) => ({ from: shiftDays(today, -(days - 1)), to: today });

export async function paymentMethods(
  db: Queryable,
  tenant: Tenant,
  query: { days?: number | undefined; currency?: string | undefined },
): Promise<Schemas['AnalyticsPaymentMethods']> {
  const days = query.days ?? 30;
  const { scope, today, withFigures } = await contextOf(db, tenant, query.currency);
  const { from, to } = window(today, days);
  const { value: rows, context } = await withFigures(store.breakdown(db, scope, 'method', from, to, 1000));
  return {
    object: 'analytics_payment_methods',
    ...context,
    period_days: days,
    payment_methods: rows.map((row) => ({ method: row.key, count: row.transactions, amount: row.amount })),
  };
}

export async function topProducts(
  db: Queryable,
  tenant: Tenant,
  query: { days?: number | undefined; limit?: number | undefined; currency?: string | undefined },
): Promise<Schemas['AnalyticsTopProducts']> {
  const days = query.days ?? 30;
  const { scope, today, withFigures } = await contextOf(db, tenant, query.currency);
  const { from, to } = window(today, days);
  const { value: rows, context } = await withFigures(
    store.breakdown(db, scope, 'product', from, to, query.limit ?? 10),
  );
  return {
    object: 'analytics_top_products',
    ...context,
    period_days: days,
    products: rows.map((row) => ({
      product_id: row.key,
      product_name: row.name,
      transactions: row.transactions,
      amount: row.amount,
    })),
  };
}

export async function customers(
  db: Queryable,
  tenant: Tenant,
  query: { limit?: number | undefined; currency?: string | undefined },
): Promise<Schemas['AnalyticsCustomers']> {
  const { scope, withFigures } = await contextOf(db, tenant, query.currency);
  const { value: summary, context } = await withFigures(store.customerSummary(db, scope, query.limit ?? 50));
  const per = (total: number) => (summary.customers === 0 ? 0 : total / summary.customers);
  return {
    object: 'analytics_customers',
    ...context,
    summary: {
      total_customers: summary.customers,
      avg_transactions: per(summary.transactions).toFixed(2),
      avg_spend: Math.round(per(summary.spent)),
    },
    top_customers: summary.top.map((customer) => ({
      customer_id: customer.customer_id,
      transactions: customer.transactions,
      total_spent: customer.total_spent,
      first_transaction: customer.first_transaction.toISOString(),
      last_transaction: customer.last_transaction.toISOString(),
    })),
  };
}
