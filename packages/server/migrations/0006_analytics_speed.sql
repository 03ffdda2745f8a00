-- Analytics at the speed of the data. Events are aggregated in commit order past one cursor instead of being
-- marked one by one (marking rewrote every event row and its indexes: most of the aggregator's time). Distinct
-- customers are kept per customer and local month, with a bit per active day, instead of one row per customer
-- and day; the dashboard's customer figures are stored counts instead of counts at read time.
-- migrate:up

-- The transaction that wrote each event. Every event of a transaction older than the oldest one still running
-- is committed (or gone), so "all events up to (txid, id)" is a set that can only grow past the cursor.
ALTER TABLE transaction_events ADD COLUMN txid xid8;
-- Events already aggregated sort before the first cursor; those still waiting after it.
UPDATE transaction_events SET txid = CASE WHEN processed THEN '0'::xid8 ELSE pg_current_xact_id() END;
ALTER TABLE transaction_events ALTER COLUMN txid SET NOT NULL;
ALTER TABLE transaction_events ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
DROP INDEX transaction_events_unprocessed;
ALTER TABLE transaction_events DROP COLUMN processed;
CREATE INDEX transaction_events_commit_order ON transaction_events (txid, id);

-- Every event at or before (txid, event_id) is in the aggregates; nothing after it is.
CREATE TABLE analytics_cursor (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  txid xid8 NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  advanced_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO analytics_cursor (txid, event_id) VALUES ('1', '');

-- Distinct paying customers of the local day.
ALTER TABLE merchant_daily_aggregates ADD COLUMN customers bigint NOT NULL DEFAULT 0;

-- One row per customer, currency and local month: `active_days` has bit d-1 set when the customer paid on day d.
CREATE TABLE merchant_customer_months (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  month date NOT NULL,
  customer_id text NOT NULL,
  active_days integer NOT NULL DEFAULT 0,
  transactions bigint NOT NULL DEFAULT 0,
  spent bigint NOT NULL DEFAULT 0,
  first_transaction timestamptz NOT NULL,
  last_transaction timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, mode, currency, month, customer_id)
);

-- Distinct paying customers of the local month.
CREATE TABLE merchant_monthly_aggregates (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  month date NOT NULL,
  currency char(3) NOT NULL,
  customers bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, month, currency)
);

-- Customers whose first transaction was on that local day.
CREATE TABLE merchant_new_customers (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  day date NOT NULL,
  customers bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, currency, day)
);

-- The sums of merchant_customer_stats per merchant and currency.
CREATE TABLE merchant_customer_totals (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  customers bigint NOT NULL DEFAULT 0,
  transactions bigint NOT NULL DEFAULT 0,
  spent bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, currency)
);

-- The new figures of what was aggregated before this migration.
INSERT INTO merchant_customer_months
  (merchant_id, mode, currency, month, customer_id, active_days, transactions, spent, first_transaction,
   last_transaction)
SELECT e.merchant_id, e.mode, e.currency, date_trunc('month', (e.occurred_at AT TIME ZONE m.time_zone))::date,
  e.customer_id,
  coalesce(bit_or(1 << (extract(day FROM e.occurred_at AT TIME ZONE m.time_zone)::int - 1))
    FILTER (WHERE e.event_type = 'payment_succeeded'), 0),
  count(*) FILTER (WHERE e.event_type = 'payment_succeeded'),
  coalesce(sum(e.amount) FILTER (WHERE e.event_type = 'payment_succeeded'), 0)
    - coalesce(sum(e.amount) FILTER (WHERE e.event_type = 'payment_refunded'), 0),
  min(e.occurred_at), max(e.occurred_at)
FROM transaction_events e JOIN merchants m ON m.id = e.merchant_id
WHERE e.txid = '0' AND e.customer_id IS NOT NULL
  AND e.event_type IN ('payment_succeeded', 'payment_refunded')
GROUP BY 1, 2, 3, 4, 5;

UPDATE merchant_daily_aggregates a SET customers = d.customers
FROM (SELECT merchant_id, mode, currency, day, count(*) AS customers FROM merchant_daily_customers
      GROUP BY 1, 2, 3, 4) d
WHERE a.merchant_id = d.merchant_id AND a.mode = d.mode AND a.currency = d.currency AND a.day = d.day;

INSERT INTO merchant_monthly_aggregates (merchant_id, mode, month, currency, customers)
SELECT merchant_id, mode, month, currency, count(*) FROM merchant_customer_months
WHERE active_days <> 0 GROUP BY 1, 2, 3, 4;

INSERT INTO merchant_new_customers (merchant_id, mode, currency, day, customers)
SELECT c.merchant_id, c.mode, c.currency, (c.first_transaction AT TIME ZONE m.time_zone)::date, count(*)
FROM merchant_customer_stats c JOIN merchants m ON m.id = c.merchant_id GROUP BY 1, 2, 3, 4;

INSERT INTO merchant_customer_totals (merchant_id, mode, currency, customers, transactions, spent)
SELECT merchant_id, mode, currency, count(*), sum(transactions), sum(total_spent)
FROM merchant_customer_stats GROUP BY 1, 2, 3;

DROP TABLE merchant_daily_customers;
DROP INDEX merchant_customer_stats_first_seen;

-- migrate:down

CREATE INDEX merchant_customer_stats_first_seen
  ON merchant_customer_stats (merchant_id, mode, currency, first_transaction);
CREATE TABLE merchant_daily_customers (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  day date NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (merchant_id, mode, currency, day, customer_id)
);
INSERT INTO merchant_daily_customers (merchant_id, mode, currency, day, customer_id)
SELECT merchant_id, mode, currency, (month + d)::date, customer_id
FROM merchant_customer_months, generate_series(0, 30) d
WHERE active_days & (1 << d) <> 0;

DROP TABLE merchant_customer_totals;
DROP TABLE merchant_new_customers;
DROP TABLE merchant_monthly_aggregates;
DROP TABLE merchant_customer_months;
ALTER TABLE merchant_daily_aggregates DROP COLUMN customers;

ALTER TABLE transaction_events ADD COLUMN processed boolean NOT NULL DEFAULT false;
UPDATE transaction_events e SET processed = true
FROM analytics_cursor c WHERE (e.txid, e.id) <= (c.txid, c.event_id);
CREATE INDEX transaction_events_unprocessed ON transaction_events (id) WHERE NOT processed;
DROP TABLE analytics_cursor;
DROP INDEX transaction_events_commit_order;
ALTER TABLE transaction_events DROP COLUMN txid;
