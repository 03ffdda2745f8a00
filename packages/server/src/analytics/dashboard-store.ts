import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';

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

/** The merchant's calendar now: today, the instants its days and hours start at, and this month. */
export interface Calendar {
  today: string;
  todayStart: Date;
  yesterdayStart: Date;
  /** The start of the current local hour, and of the same local hour yesterday (23 or 25 h before on DST days). */
  hourStart: Date;
  sameHourYesterday: Date;
  monthStart: string;
  previousMonthStart: string;
  /** The same day-of-month of the previous month (clipped to its end). */
  previousMonthSameDay: string;
}

export async function calendar(db: Queryable, timeZone: string): Promise<Calendar> {
  const { rows } = await db.query<{
    today: string;
    today_start: Date;
    yesterday_start: Date;
    hour_start: Date;
    same_hour_yesterday: Date;
    month_start: string;
    previous_month_start: string;
    previous_month_same_day: string;
  }>(
    `WITH t AS (SELECT (now() AT TIME ZONE $1)::date AS today)
     SELECT today::text, (today::timestamp AT TIME ZONE $1) AS today_start,
       ((today - 1)::timestamp AT TIME ZONE $1) AS yesterday_start,
       date_trunc('hour', now(), $1) AS hour_start,
       ((date_trunc('hour', now() AT TIME ZONE $1) - interval '1 day') AT TIME ZONE $1) AS same_hour_yesterday,
       date_trunc('month', today)::date::text AS month_start,
       (date_trunc('month', today) - interval '1 month')::date::text AS previous_month_start,
       least((date_trunc('month', today) - interval '1 month' + (today - date_trunc('month', today)::date)
         * interval '1 day')::date, (date_trunc('month', today) - interval '1 day')::date)::text
         AS previous_month_same_day
     FROM t`,
    [timeZone],
  );
  const row = rows[0]!;
  return {
    today: row.today,
    todayStart: row.today_start,
    yesterdayStart: row.yesterday_start,
    hourStart: row.hour_start,
    sameHourYesterday: row.same_hour_yesterday,
    monthStart: row.month_start,
    previousMonthStart: row.previous_month_start,
    previousMonthSameDay: row.previous_month_same_day,
  };
}

/** Totals of the local hours starting in [from, to). */
export async function hourlyTotals(db: Queryable, scope: Scope, from: Date, to: Date): Promise<Totals> {
  const { rows } = await db.query<Numeric<Totals>>(
    `SELECT ${TOTALS} FROM merchant_hourly_aggregates
     WHERE ${MINE} AND hour >= $4 AND hour < $5`,
    [...params(scope), from, to],
  );
  return numbers<Totals>(rows[0]!);
}

/** Totals of the local days `from`..`to`, both included. */
export async function dailyTotals(db: Queryable, scope: Scope, from: string, to: string): Promise<Totals> {
  const { rows } = await db.query<Numeric<Totals>>(
    `SELECT ${TOTALS} FROM merchant_daily_aggregates
     WHERE ${MINE} AND day BETWEEN $4 AND $5`,
    [...params(scope), from, to],
  );
  return numbers<Totals>(rows[0]!);
}

/** Distinct customers active on the local days `from`..`to`. */
export async function activeCustomers(
  db: Queryable,
  scope: Scope,
  from: string,
  to: string,
): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    `SELECT count(DISTINCT customer_id) AS count FROM merchant_daily_customers
     WHERE ${MINE} AND day BETWEEN $4 AND $5`,
    [...params(scope), from, to],
  );
  return Number(rows[0]!.count);
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
    `WITH days AS (SELECT d::date AS day FROM generate_series($5::date, $6::date, interval '1 day') d),
     active AS (
       SELECT day, count(*) AS customers FROM merchant_daily_customers
       WHERE ${MINE} AND day BETWEEN $5 AND $6 GROUP BY day),
     fresh AS (
       SELECT (first_transaction AT TIME ZONE $4)::date AS day, count(*) AS new_customers
       FROM merchant_customer_stats
       WHERE ${MINE} AND first_transaction >= ($5::date::timestamp AT TIME ZONE $4)
         AND first_transaction < (($6::date + 1)::timestamp AT TIME ZONE $4)
       GROUP BY 1)
     SELECT days.day::text AS date, coalesce(a.successful, 0) AS successful, coalesce(a.failed, 0) AS failed,
       coalesce(a.refunds, 0) AS refunds, coalesce(a.gross_amount, 0) AS gross,
       coalesce(a.refunded_amount, 0) AS refunded, coalesce(a.fees, 0) AS fees,
       coalesce(active.customers, 0) AS customers, coalesce(fresh.new_customers, 0) AS new_customers
     FROM days
     LEFT JOIN merchant_daily_aggregates a ON a.merchant_id = $1 AND a.mode = $2 AND a.currency = $3
       AND a.day = days.day
     LEFT JOIN active ON active.day = days.day
     LEFT JOIN fresh ON fresh.day = days.day
     ORDER BY days.day`,
    [...params(scope), scope.timeZone, from, to],
  );
  return rows.map(({ date, ...figures }) => ({
    date,
    hour: null,
    ...numbers<Omit<BucketRow, 'date' | 'hour'>>(figures),
  }));
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
  const summary = await db.query<{ customers: string; transactions: string; spent: string }>(
    `SELECT count(*) AS customers, coalesce(sum(transactions), 0) AS transactions,
       coalesce(sum(total_spent), 0) AS spent
     FROM merchant_customer_stats WHERE ${MINE}`,
    params(scope),
  );
  const top = await db.query<Numeric<Pick<CustomerRow, 'transactions' | 'total_spent'>> & CustomerRow>(
    `SELECT customer_id, transactions, total_spent, first_transaction, last_transaction
     FROM merchant_customer_stats WHERE ${MINE}
     ORDER BY total_spent DESC, customer_id LIMIT $4`,
    [...params(scope), limit],
  );
  const row = summary.rows[0]!;
  return {
    customers: Number(row.customers),
    transactions: Number(row.transactions),
    spent: Number(row.spent),
    top: top.rows.map((customer) => ({
      ...customer,
      transactions: Number(customer.transactions),
      total_spent: Number(customer.total_spent),
    })),
  };
}

/** Every currency the merchant has figures in. */
export async function currencies(db: Queryable, tenant: Tenant): Promise<string[]> {
  const { rows } = await db.query<{ currency: string }>(
    `SELECT DISTINCT currency FROM merchant_daily_aggregates WHERE merchant_id = $1 AND mode = $2
     ORDER BY currency`,
    [tenant.merchantId, tenant.mode],
  );
  return rows.map((row) => row.currency.trim());
}

/** Every event received before this instant is in the aggregates. */
export async function asOf(db: Queryable, tenant: Tenant): Promise<Date> {
  const { rows } = await db.query<{ as_of: Date }>(
    `SELECT coalesce(min(received_at), now()) AS as_of FROM transaction_events
     WHERE NOT processed AND merchant_id = $1 AND mode = $2`,
    [tenant.merchantId, tenant.mode],
  );
  return rows[0]!.as_of;
}
