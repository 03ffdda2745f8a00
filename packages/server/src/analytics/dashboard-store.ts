import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { type Cursor, PAST_CURSOR } from './aggregator.js';

/** Whose figures, in which currency and time zone. `$1`..`$3` of every query below. */
export interface Scope {
  tenant: Tenant;
  currency: string;
  timeZone: string;
}

const params = (scope: Scope) => [scope.tenant.merchantId, scope.tenant.mode, scope.currency];
const MINE = 'merchant_id = $1 AND mode = $2 AND currency = $3';

/** Sums of bucket rows; every amount is in the scope's currency. */
export interface Totals {
  successful: number;
  failed: number;
  refunds: number;
  gross: number;
  refunded: number;
  fees: number;
}

const TOTALS = `coalesce(sum(successful), 0)::int8 AS successful, coalesce(sum(failed), 0)::int8 AS failed,
  coalesce(sum(refunds), 0)::int8 AS refunds, coalesce(sum(gross_amount), 0)::int8 AS gross,
  coalesce(sum(refunded_amount), 0)::int8 AS refunded, coalesce(sum(fees), 0)::int8 AS fees`;

type Numeric<T> = { [K in keyof T]: string | number };
const numbers = <T extends object>(row: Numeric<T>): T =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as T;

const totalsOf = (table: string, where: string) =>
  `(SELECT to_jsonb(t) FROM (SELECT ${TOTALS} FROM ${table} WHERE ${MINE} AND ${where}) t)`;

/** The overview's figures: today, today's and yesterday's complete hours, this month and the previous one. */
export interface OverviewFigures {
  today: string;
  monthStart: string;
  todayTotals: Totals;
  /** The complete local hours of today, and the same hours of yesterday (23 or 25 h before on DST days). */
  todayHours: Totals;
  yesterdayHours: Totals;
  month: Totals;
  /** The previous month up to the same day-of-month (clipped to its end). */
  previousMonth: Totals;
  monthCustomers: number;
}

/** Everything the overview shows, in one statement: the merchant's calendar now, and its totals. */
export async function overviewFigures(db: Queryable, scope: Scope): Promise<OverviewFigures> {
  const { rows } = await db.query<{
    today: string;
    month_start: string;
    today_totals: Numeric<Totals>;
    today_hours: Numeric<Totals>;
    yesterday_hours: Numeric<Totals>;
    month: Numeric<Totals>;
    previous_month: Numeric<Totals>;
    month_customers: string | null;
  }>(
    `WITH t AS (SELECT (now() AT TIME ZONE $4)::date AS today),
     cal AS (
       SELECT today, (today::timestamp AT TIME ZONE $4) AS today_start,
         ((today - 1)::timestamp AT TIME ZONE $4) AS yesterday_start,
         date_trunc('hour', now(), $4) AS hour_start,
         ((date_trunc('hour', now() AT TIME ZONE $4) - interval '1 day') AT TIME ZONE $4) AS same_hour_yesterday,
         date_trunc('month', today)::date AS month_start,
         (date_trunc('month', today) - interval '1 month')::date AS previous_month_start,
         least((date_trunc('month', today) - interval '1 month' + (today - date_trunc('month', today)::date)
           * interval '1 day')::date, (date_trunc('month', today) - interval '1 day')::date)
           AS previous_month_same_day
       FROM t)
     SELECT today::text, month_start::text,
       ${totalsOf('merchant_daily_aggregates', 'day = cal.today')} AS today_totals,
       ${totalsOf('merchant_hourly_aggregates', 'hour >= cal.today_start AND hour < cal.hour_start')} AS today_hours,
       ${totalsOf('merchant_hourly_aggregates', 'hour >= cal.yesterday_start AND hour < cal.same_hour_yesterday')}
         AS yesterday_hours,
       ${totalsOf('merchant_daily_aggregates', 'day BETWEEN cal.month_start AND cal.today')} AS month,
       ${totalsOf('merchant_daily_aggregates', 'day BETWEEN cal.previous_month_start AND cal.previous_month_same_day')}
         AS previous_month,
       (SELECT customers FROM merchant_monthly_aggregates WHERE ${MINE} AND month = cal.month_start)
         AS month_customers
     FROM cal`,
    [...params(scope), scope.timeZone],
  );
  const row = rows[0]!;
  return {
    today: row.today,
    monthStart: row.month_start,
    todayTotals: numbers<Totals>(row.today_totals),
    todayHours: numbers<Totals>(row.today_hours),
    yesterdayHours: numbers<Totals>(row.yesterday_hours),
    month: numbers<Totals>(row.month),
    previousMonth: numbers<Totals>(row.previous_month),
    monthCustomers: Number(row.month_customers ?? 0),
  };
}

export interface BucketRow extends Totals {
  date: string;
  hour: Date | null;
  customers: number | null;
  new_customers: number | null;
}

/** Every local day of `from`..`to`, zeros included, with its active and new customers. */
export async function dailySeries(
  db: Queryable,
  scope: Scope,
  from: string,
  to: string,
): Promise<BucketRow[]> {
  const { rows } = await db.query<Numeric<Omit<BucketRow, 'date' | 'hour'>> & { date: string }>(
    `SELECT days.day::date::text AS date, coalesce(a.successful, 0) AS successful, coalesce(a.failed, 0) AS failed,
       coalesce(a.refunds, 0) AS refunds, coalesce(a.gross_amount, 0) AS gross,
       coalesce(a.refunded_amount, 0) AS refunded, coalesce(a.fees, 0) AS fees,
       coalesce(a.customers, 0) AS customers, coalesce(n.customers, 0) AS new_customers
     FROM generate_series($4::date, $5::date, interval '1 day') days (day)
     LEFT JOIN merchant_daily_aggregates a ON a.merchant_id = $1 AND a.mode = $2 AND a.currency = $3
       AND a.day = days.day::date
     LEFT JOIN merchant_new_customers n ON n.merchant_id = $1 AND n.mode = $2 AND n.currency = $3
       AND n.day = days.day::date
     ORDER BY days.day`,
    [...params(scope), from, to],
  );
  return rows.map(({ date, ...figures }) => ({
    date,
    hour: null,
    ...numbers<Omit<BucketRow, 'date' | 'hour'>>(figures),
  }));
}

/**
 * The customers of the local days `from`..`to`: the distinct ones who paid (each customer-month row keeps a bit
 * per day paid, bit 0 = the 1st, so a month counts when its bits meet the days of the range that fall in it),
 * and those among them who paid for the first time. Daily figures, whatever the series' granularity.
 */
export async function rangeCustomers(
  db: Queryable,
  scope: Scope,
  from: string,
  to: string,
): Promise<{ customers: number; newCustomers: number }> {
  const { rows } = await db.query<{ customers: number; new_customers: number }>(
    `SELECT
       (SELECT count(DISTINCT customer_id)::int
          FROM merchant_customer_months
         WHERE ${MINE}
           AND month BETWEEN date_trunc('month', $4::date)::date AND date_trunc('month', $5::date)::date
           AND active_days & (
                 ((1::int8 << (least($5::date, (month + interval '1 month')::date - 1) - month + 1)) - 1)
               - ((1::int8 << (greatest($4::date, month) - month)) - 1)
               )::int <> 0) AS customers,
       (SELECT coalesce(sum(customers), 0)::int
          FROM merchant_new_customers
         WHERE ${MINE} AND day BETWEEN $4::date AND $5::date) AS new_customers`,
    [...params(scope), from, to],
  );
  return { customers: rows[0]?.customers ?? 0, newCustomers: rows[0]?.new_customers ?? 0 };
}

/** Every local hour of the days `from`..`to` (23 or 25 on a DST change), zeros included. */
export async function hourlySeries(
  db: Queryable,
  scope: Scope,
  from: string,
  to: string,
): Promise<BucketRow[]> {
  const { rows } = await db.query<Numeric<Totals> & { date: string; hour: Date }>(
    `WITH hours AS (
       SELECT h AS hour FROM generate_series(($5::date::timestamp AT TIME ZONE $4),
         (($6::date + 1)::timestamp AT TIME ZONE $4) - interval '1 hour', interval '1 hour') h)
     SELECT (hours.hour AT TIME ZONE $4)::date::text AS date, hours.hour,
       coalesce(a.successful, 0) AS successful, coalesce(a.failed, 0) AS failed,
       coalesce(a.refunds, 0) AS refunds, coalesce(a.gross_amount, 0) AS gross,
       coalesce(a.refunded_amount, 0) AS refunded, coalesce(a.fees, 0) AS fees
     FROM hours
     LEFT JOIN merchant_hourly_aggregates a ON a.merchant_id = $1 AND a.mode = $2 AND a.currency = $3
       AND a.hour = hours.hour
     ORDER BY hours.hour`,
    [...params(scope), scope.timeZone, from, to],
  );
  return rows.map(({ date, hour, ...figures }) => ({
    date,
    hour,
    ...numbers<Totals>(figures),
    customers: null,
    new_customers: null,
  }));
}

/** Per payment method (or product) over the local days `from`..`to`, largest amount first. */
export async function breakdown(
  db: Queryable,
  scope: Scope,
  by: 'method' | 'product',
  from: string,
  to: string,
  limit: number,
): Promise<Array<{ key: string; name: string | null; transactions: number; amount: number }>> {
  const [table, key, name] =
    by === 'method'
      ? ['merchant_payment_method_stats', 'method', 'NULL::text']
      : ['merchant_product_stats', 'product_id', 'max(product_name)'];
  const { rows } = await db.query<{ key: string; name: string | null; transactions: string; amount: string }>(
    `SELECT ${key} AS key, ${name} AS name, sum(transactions)::int8 AS transactions, sum(amount)::int8 AS amount
     FROM ${table} WHERE ${MINE} AND day BETWEEN $4 AND $5
     GROUP BY ${key} ORDER BY sum(amount) DESC, ${key} LIMIT $6`,
    [...params(scope), from, to, limit],
  );
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    transactions: Number(row.transactions),
    amount: Number(row.amount),
  }));
}

export interface CustomerRow {
  customer_id: string;
  transactions: number;
  total_spent: number;
  first_transaction: Date;
  last_transaction: Date;
}

export async function customerSummary(db: Queryable, scope: Scope, limit: number) {
  const [summary, top] = await Promise.all([
    db.query<{ customers: string; transactions: string; spent: string }>(
      `SELECT customers, transactions, spent FROM merchant_customer_totals WHERE ${MINE}`,
      params(scope),
    ),
    db.query<Numeric<Pick<CustomerRow, 'transactions' | 'total_spent'>> & CustomerRow>(
      `SELECT customer_id, transactions, total_spent, first_transaction, last_transaction
       FROM merchant_customer_stats WHERE ${MINE}
       ORDER BY total_spent DESC, customer_id LIMIT $4`,
      [...params(scope), limit],
    ),
  ]);
  const row = summary.rows[0];
  return {
    customers: Number(row?.customers ?? 0),
    transactions: Number(row?.transactions ?? 0),
    spent: Number(row?.spent ?? 0),
    top: top.rows.map((customer) => ({
      ...customer,
      transactions: Number(customer.transactions),
      total_spent: Number(customer.total_spent),
    })),
  };
}

/** What every answer states (the merchant's zone, today there, its currencies) and the aggregation cursor. */
export interface MerchantContext {
  timeZone: string;
  defaultCurrency: string;
  today: string;
  currencies: string[];
  cursor: Cursor;
}

export async function merchantContext(db: Queryable, tenant: Tenant): Promise<MerchantContext | undefined> {
  const { rows } = await db.query<{
    time_zone: string;
    default_currency: string;
    today: string;
    currencies: string[];
    txid: string;
    event_id: string;
  }>(
    `SELECT m.time_zone, trim(m.default_currency) AS default_currency,
       (now() AT TIME ZONE m.time_zone)::date::text AS today,
       array(SELECT DISTINCT trim(a.currency) FROM merchant_daily_aggregates a
             WHERE a.merchant_id = m.id AND a.mode = $2 ORDER BY 1) AS currencies,
       c.txid::text, c.event_id
     FROM merchants m, analytics_cursor c WHERE m.id = $1`,
    [tenant.merchantId, tenant.mode],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    timeZone: row.time_zone,
    defaultCurrency: row.default_currency,
    today: row.today,
    currencies: row.currencies,
    cursor: { txid: row.txid, event_id: row.event_id },
  };
}

/**
 * Every event received before this instant is in the aggregates: when the merchant's oldest event past the
 * cursor was received, or now.
 */
export async function asOf(db: Queryable, tenant: Tenant, cursor: Cursor): Promise<Date> {
  const { rows } = await db.query<{ as_of: Date | null }>(
    `SELECT min(e.received_at) AS as_of FROM transaction_events e
     WHERE ${PAST_CURSOR} AND e.merchant_id = $3 AND e.mode = $4`,
    [cursor.txid, cursor.event_id, tenant.merchantId, tenant.mode],
  );
  return rows[0]?.as_of ?? new Date();
}
