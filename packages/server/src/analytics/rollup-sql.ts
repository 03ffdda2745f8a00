/**
 * The one definition of how transaction events become aggregates, used both by the aggregator (adding the next
 * events past the cursor to what is stored) and by a replay (rebuilding months from every aggregated event), so
 * the two can never disagree. Both first stage the events in `analytics_batch` (`stageEvents`), then run the
 * statements below over it.
 *
 * Every figure is per currency; days, hours and months are the merchant's local ones. Refunds subtract from
 * amounts. Each statement reads what it adds to before adding (under the merchant's aggregation lock), so
 * distinct counts grow only by what is new to them.
 */
import type { Queryable } from '../platform/db/index.js';

const SUCCEEDED = "e.event_type = 'payment_succeeded'";
const REFUNDED = "e.event_type = 'payment_refunded'";
const sumOf = (column: string, filter: string) => `coalesce(sum(e.${column}) FILTER (WHERE ${filter}), 0)`;
/** Succeeded minus refunded: what a product, method or customer brought in. */
const NET_AMOUNT = `${sumOf('amount', SUCCEEDED)} - ${sumOf('amount', REFUNDED)}`;
const PAID = `e.customer_id IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})`;

/** Counts and money of one bucket: the columns of the daily and hourly tables. */
const BUCKET_FIGURES = `
  count(*) FILTER (WHERE e.event_type = 'payment_created'),
  count(*) FILTER (WHERE ${SUCCEEDED}),
  count(*) FILTER (WHERE e.event_type = 'payment_failed'),
  count(*) FILTER (WHERE ${REFUNDED}),
  ${sumOf('amount', SUCCEEDED)},
  ${sumOf('amount', REFUNDED)},
  ${sumOf('fee', SUCCEEDED)} - ${sumOf('fee', REFUNDED)}`;

const BUCKET_COLUMNS = 'created, successful, failed, refunds, gross_amount, refunded_amount, fees';
const adding = (table: string, columns: string) =>
  columns
    .split(', ')
    .map((column) => `${column} = ${table}.${column} + excluded.${column}`)
    .join(', ');

/**
 * Copies the events that `source` selects into this transaction's `analytics_batch`, with their merchant's
 * local day, hour and month: the statements below read them once, not each from the big table. The columns
 * keep the collations of the aggregate tables, so that looking rows up by them uses their keys.
 */
export const STAGE_EVENTS = [
  `CREATE TEMP TABLE IF NOT EXISTS analytics_batch (
     id text COLLATE "C", txid xid8, merchant_id text COLLATE "C", mode text, event_type text, customer_id text,
     amount bigint, fee bigint, currency char(3), payment_method text, product_id text, product_name text,
     occurred_at timestamptz, day date, hour timestamptz, month date, time_zone text
   ) ON COMMIT DELETE ROWS`,
  (source: string) => `INSERT INTO analytics_batch
   SELECT e.id, e.txid, e.merchant_id, e.mode, e.event_type, e.customer_id, e.amount, e.fee, e.currency,
     e.payment_method, e.product_id, e.product_name, e.occurred_at, local.at::date,
     date_trunc('hour', e.occurred_at, m.time_zone), date_trunc('month', local.at)::date, m.time_zone
   FROM (${source}) e JOIN merchants m ON m.id = e.merchant_id,
     LATERAL (SELECT e.occurred_at AT TIME ZONE m.time_zone AS at) local`,
] as const;

/** Adds the staged events to the day, hour, product and payment-method buckets; selects their count. */
export const ADD_TO_BUCKETS = `
WITH ev AS (SELECT * FROM analytics_batch),
daily AS (
  INSERT INTO merchant_daily_aggregates AS a (merchant_id, mode, day, currency, ${BUCKET_COLUMNS})
  SELECT e.merchant_id, e.mode, e.day, e.currency, ${BUCKET_FIGURES}
  FROM ev e GROUP BY e.merchant_id, e.mode, e.day, e.currency
  ON CONFLICT (merchant_id, mode, day, currency) DO UPDATE SET ${adding('a', BUCKET_COLUMNS)}
),
hourly AS (
  INSERT INTO merchant_hourly_aggregates AS a (merchant_id, mode, hour, currency, ${BUCKET_COLUMNS})
  SELECT e.merchant_id, e.mode, e.hour, e.currency, ${BUCKET_FIGURES}
  FROM ev e GROUP BY e.merchant_id, e.mode, e.hour, e.currency
  ON CONFLICT (merchant_id, mode, hour, currency) DO UPDATE SET ${adding('a', BUCKET_COLUMNS)}
),
products AS (
  INSERT INTO merchant_product_stats AS p
    (merchant_id, mode, day, currency, product_id, product_name, transactions, amount)
  SELECT e.merchant_id, e.mode, e.day, e.currency, e.product_id, max(e.product_name),
         count(*) FILTER (WHERE ${SUCCEEDED}), ${NET_AMOUNT}
  FROM ev e WHERE e.product_id IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})
  GROUP BY e.merchant_id, e.mode, e.day, e.currency, e.product_id
  ON CONFLICT (merchant_id, mode, day, currency, product_id) DO UPDATE SET
    product_name = greatest(p.product_name, excluded.product_name),
    transactions = p.transactions + excluded.transactions, amount = p.amount + excluded.amount
),
methods AS (
  INSERT INTO merchant_payment_method_stats AS p (merchant_id, mode, day, currency, method, transactions, amount)
  SELECT e.merchant_id, e.mode, e.day, e.currency, e.payment_method,
         count(*) FILTER (WHERE ${SUCCEEDED}), ${NET_AMOUNT}
  FROM ev e WHERE e.payment_method IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})
  GROUP BY e.merchant_id, e.mode, e.day, e.currency, e.payment_method
  ON CONFLICT (merchant_id, mode, day, currency, method) DO UPDATE SET
    transactions = p.transactions + excluded.transactions, amount = p.amount + excluded.amount
)
SELECT count(*)::int AS events FROM ev`;

const MONTH_KEY = 'merchant_id, mode, currency, month, customer_id';

/**
 * Adds the staged events to their customers' months (bit d-1 of `active_days`: paid on day d), and counts the
 * days and months a customer is new to into the daily and monthly customer figures.
 */
export const ADD_TO_CUSTOMER_MONTHS = `
WITH batch AS (
  SELECT e.merchant_id, e.mode, e.currency, e.month, e.customer_id,
    coalesce(bit_or(1 << (extract(day FROM e.day)::int - 1)) FILTER (WHERE ${SUCCEEDED}), 0) AS active_days,
    count(*) FILTER (WHERE ${SUCCEEDED}) AS transactions, ${NET_AMOUNT} AS spent,
    min(e.occurred_at) AS first_transaction, max(e.occurred_at) AS last_transaction
  FROM analytics_batch e WHERE ${PAID}
  GROUP BY e.merchant_id, e.mode, e.currency, e.month, e.customer_id
),
known AS (
  SELECT b.merchant_id, b.mode, b.currency, b.month, coalesce(c.active_days, 0) AS was, b.active_days AS adds
  FROM batch b LEFT JOIN merchant_customer_months c USING (${MONTH_KEY})
),
saved AS (
  INSERT INTO merchant_customer_months AS c
    (${MONTH_KEY}, active_days, transactions, spent, first_transaction, last_transaction)
  SELECT * FROM batch
  ON CONFLICT (${MONTH_KEY}) DO UPDATE SET active_days = c.active_days | excluded.active_days,
    transactions = c.transactions + excluded.transactions, spent = c.spent + excluded.spent,
    first_transaction = least(c.first_transaction, excluded.first_transaction),
    last_transaction = greatest(c.last_transaction, excluded.last_transaction)
),
monthly AS (
  INSERT INTO merchant_monthly_aggregates AS a (merchant_id, mode, month, currency, customers)
  SELECT merchant_id, mode, month, currency, count(*) FROM known WHERE was = 0 AND adds <> 0
  GROUP BY merchant_id, mode, month, currency
  ON CONFLICT (merchant_id, mode, month, currency) DO UPDATE SET customers = a.customers + excluded.customers
)
INSERT INTO merchant_daily_aggregates AS a (merchant_id, mode, day, currency, customers)
SELECT merchant_id, mode, (month + d)::date, currency, count(*)
FROM known, generate_series(0, 30) d WHERE (adds & ~was) & (1 << d) <> 0
GROUP BY merchant_id, mode, 3, currency
ON CONFLICT (merchant_id, mode, day, currency) DO UPDATE SET customers = a.customers + excluded.customers`;

const CUSTOMER_KEY = 'merchant_id, mode, currency, customer_id';

/**
 * Adds the staged events to their customers' lifetime figures (a customer is someone who paid), to the
 * merchant's customer totals, and moves each customer's "new on" day when an earlier event arrives late.
 */
export const ADD_TO_CUSTOMERS = `
WITH batch AS (
  SELECT e.merchant_id, e.mode, e.currency, e.customer_id,
    count(*) FILTER (WHERE ${SUCCEEDED}) AS transactions, ${NET_AMOUNT} AS total_spent,
    min(e.occurred_at) AS first_transaction, max(e.occurred_at) AS last_transaction
  FROM analytics_batch e WHERE ${PAID}
  GROUP BY e.merchant_id, e.mode, e.currency, e.customer_id
),
known AS (
  SELECT b.*, c.first_transaction AS was_first
  FROM batch b LEFT JOIN merchant_customer_stats c USING (${CUSTOMER_KEY})
),
saved AS (
  INSERT INTO merchant_customer_stats AS c
    (${CUSTOMER_KEY}, transactions, total_spent, first_transaction, last_transaction)
  SELECT * FROM batch
  ON CONFLICT (${CUSTOMER_KEY}) DO UPDATE SET transactions = c.transactions + excluded.transactions,
    total_spent = c.total_spent + excluded.total_spent,
    first_transaction = least(c.first_transaction, excluded.first_transaction),
    last_transaction = greatest(c.last_transaction, excluded.last_transaction)
),
totals AS (
  INSERT INTO merchant_customer_totals AS t (merchant_id, mode, currency, customers, transactions, spent)
  SELECT merchant_id, mode, currency, count(*) FILTER (WHERE was_first IS NULL), sum(transactions),
    sum(total_spent)
  FROM known GROUP BY merchant_id, mode, currency
  ON CONFLICT (merchant_id, mode, currency) DO UPDATE SET ${adding('t', 'customers, transactions, spent')}
),
moved AS (
  SELECT merchant_id, mode, currency, first_transaction AS at, 1 AS customers FROM known
  WHERE was_first IS NULL OR first_transaction < was_first
  UNION ALL
  SELECT merchant_id, mode, currency, was_first, -1 FROM known WHERE first_transaction < was_first
)
INSERT INTO merchant_new_customers AS n (merchant_id, mode, currency, day, customers)
SELECT v.merchant_id, v.mode, v.currency, (v.at AT TIME ZONE m.time_zone)::date, sum(v.customers)
FROM moved v JOIN merchants m ON m.id = v.merchant_id
GROUP BY v.merchant_id, v.mode, v.currency, 4 HAVING sum(v.customers) <> 0
ON CONFLICT (merchant_id, mode, currency, day) DO UPDATE SET customers = n.customers + excluded.customers`;

/** Rebuilds one merchant's lifetime customer figures, totals and "new on" days from its customer months. */
export const CUSTOMERS_FROM_MONTHS = [
  `INSERT INTO merchant_customer_stats
     (${CUSTOMER_KEY}, transactions, total_spent, first_transaction, last_transaction)
   SELECT ${CUSTOMER_KEY}, sum(transactions), sum(spent), min(first_transaction), max(last_transaction)
   FROM merchant_customer_months WHERE merchant_id = $1 AND mode = $2
   GROUP BY ${CUSTOMER_KEY}`,
  `INSERT INTO merchant_customer_totals (merchant_id, mode, currency, customers, transactions, spent)
   SELECT merchant_id, mode, currency, count(*), sum(transactions), sum(total_spent)
   FROM merchant_customer_stats WHERE merchant_id = $1 AND mode = $2 GROUP BY merchant_id, mode, currency`,
  `INSERT INTO merchant_new_customers (merchant_id, mode, currency, day, customers)
   SELECT c.merchant_id, c.mode, c.currency, (c.first_transaction AT TIME ZONE m.time_zone)::date, count(*)
   FROM merchant_customer_stats c JOIN merchants m ON m.id = c.merchant_id
   WHERE c.merchant_id = $1 AND c.mode = $2 GROUP BY c.merchant_id, c.mode, c.currency, 4`,
];

/**
 * Stages the events `source` selects (with `params`) and adds them to the day, hour, product, method and
 * customer-month figures, and with `lifetime` to the customers' lifetime figures too. Resolves with their count.
 * Once per transaction: the staged rows go at its end.
 */
export async function addEvents(
  tx: Queryable,
  source: string,
  params: unknown[],
  options: { lifetime: boolean },
): Promise<number> {
  const [createBatch, fillBatch] = STAGE_EVENTS;
  await tx.query(createBatch);
  await tx.query(fillBatch(source), params);
  // The staged batch has no statistics, so the planner guesses it tiny and groups it by sorting, which for
  // text keys costs more than all the rest; hashing is right for any batch size.
  await tx.query('SET LOCAL enable_sort = off');
  const { rows } = await tx.query<{ events: number }>(ADD_TO_BUCKETS);
  await tx.query(ADD_TO_CUSTOMER_MONTHS);
  if (options.lifetime) await tx.query(ADD_TO_CUSTOMERS);
  return rows[0]?.events ?? 0;
}
