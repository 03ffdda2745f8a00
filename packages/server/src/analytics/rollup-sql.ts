/**
 * The one definition of how transaction events become aggregates, used both by the aggregator (adding a batch of
 * newly claimed events to what is stored) and by a replay (rebuilding buckets from every processed event), so the
 * two can never disagree. `source` is a SQL query over `transaction_events e` that the caller filters.
 *
 * Every figure is per currency; days and hours are the merchant's local ones. Refunds subtract from amounts.
 */

const SUCCEEDED = "e.event_type = 'payment_succeeded'";
const REFUNDED = "e.event_type = 'payment_refunded'";
const sumOf = (column: string, filter: string) => `coalesce(sum(e.${column}) FILTER (WHERE ${filter}), 0)`;

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
const addBucket = (table: string) =>
  BUCKET_COLUMNS.split(', ')
    .map((column) => `${column} = ${table}.${column} + excluded.${column}`)
    .join(', ');

/** The events of `source` with their merchant's local day and hour. */
const localized = (source: string) => `
  SELECT e.*, (e.occurred_at AT TIME ZONE m.time_zone)::date AS day,
         date_trunc('hour', e.occurred_at, m.time_zone) AS hour
  FROM (${source}) e JOIN merchants m ON m.id = e.merchant_id`;

/** Adds the events of `source` to the day, hour, product, payment-method and daily-customer buckets. */
export function addToBuckets(source: string): string {
  return `
WITH ev AS (${localized(source)}),
daily AS (
  INSERT INTO merchant_daily_aggregates AS a (merchant_id, mode, day, currency, ${BUCKET_COLUMNS})
  SELECT e.merchant_id, e.mode, e.day, e.currency, ${BUCKET_FIGURES}
  FROM ev e GROUP BY e.merchant_id, e.mode, e.day, e.currency
  ON CONFLICT (merchant_id, mode, day, currency) DO UPDATE SET ${addBucket('a')}
),
hourly AS (
  INSERT INTO merchant_hourly_aggregates AS a (merchant_id, mode, hour, currency, ${BUCKET_COLUMNS})
  SELECT e.merchant_id, e.mode, e.hour, e.currency, ${BUCKET_FIGURES}
  FROM ev e GROUP BY e.merchant_id, e.mode, e.hour, e.currency
  ON CONFLICT (merchant_id, mode, hour, currency) DO UPDATE SET ${addBucket('a')}
),
products AS (
  INSERT INTO merchant_product_stats AS p
    (merchant_id, mode, day, currency, product_id, product_name, transactions, amount)
  SELECT e.merchant_id, e.mode, e.day, e.currency, e.product_id, max(e.product_name),
         count(*) FILTER (WHERE ${SUCCEEDED}), ${sumOf('amount', SUCCEEDED)} - ${sumOf('amount', REFUNDED)}
  FROM ev e WHERE e.product_id IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})
  GROUP BY e.merchant_id, e.mode, e.day, e.currency, e.product_id
  ON CONFLICT (merchant_id, mode, day, currency, product_id) DO UPDATE SET
    product_name = greatest(p.product_name, excluded.product_name),
    transactions = p.transactions + excluded.transactions, amount = p.amount + excluded.amount
),
methods AS (
  INSERT INTO merchant_payment_method_stats AS p (merchant_id, mode, day, currency, method, transactions, amount)
  SELECT e.merchant_id, e.mode, e.day, e.currency, e.payment_method,
         count(*) FILTER (WHERE ${SUCCEEDED}), ${sumOf('amount', SUCCEEDED)} - ${sumOf('amount', REFUNDED)}
  FROM ev e WHERE e.payment_method IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})
  GROUP BY e.merchant_id, e.mode, e.day, e.currency, e.payment_method
  ON CONFLICT (merchant_id, mode, day, currency, method) DO UPDATE SET
    transactions = p.transactions + excluded.transactions, amount = p.amount + excluded.amount
),
daily_customers AS (
  INSERT INTO merchant_daily_customers (merchant_id, mode, currency, day, customer_id)
  SELECT DISTINCT e.merchant_id, e.mode, e.currency, e.day, e.customer_id
  FROM ev e WHERE e.customer_id IS NOT NULL AND ${SUCCEEDED}
  ON CONFLICT DO NOTHING
)
SELECT count(*)::int AS events FROM ev`;
}

/** Adds the events of `source` to their customers' lifetime figures: a customer is someone who paid. */
export function addToCustomers(source: string): string {
  return `
INSERT INTO merchant_customer_stats AS c
  (merchant_id, mode, currency, customer_id, transactions, total_spent, first_transaction, last_transaction)
SELECT e.merchant_id, e.mode, e.currency, e.customer_id,
       count(*) FILTER (WHERE ${SUCCEEDED}), ${sumOf('amount', SUCCEEDED)} - ${sumOf('amount', REFUNDED)},
       min(e.occurred_at), max(e.occurred_at)
FROM (${source}) e WHERE e.customer_id IS NOT NULL AND (${SUCCEEDED} OR ${REFUNDED})
GROUP BY e.merchant_id, e.mode, e.currency, e.customer_id
ON CONFLICT (merchant_id, mode, currency, customer_id) DO UPDATE SET
  transactions = c.transactions + excluded.transactions,
  total_spent = c.total_spent + excluded.total_spent,
  first_transaction = least(c.first_transaction, excluded.first_transaction),
  last_transaction = greatest(c.last_transaction, excluded.last_transaction)`;
}
