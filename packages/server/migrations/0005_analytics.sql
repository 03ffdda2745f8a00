-- Merchant analytics: raw transaction events (ingested, or written by our own payments) and the aggregates the
-- dashboard reads. Money is in minor units, per currency; days and hours are the merchant's local ones.
-- Exactly once: the aggregator claims events (`processed`) and adds them to the aggregates in one transaction,
-- so a crash loses or doubles nothing; a replay rebuilds a merchant's buckets from the processed events.
-- migrate:up

ALTER TABLE merchants ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

CREATE TABLE transaction_events (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  transaction_id text NOT NULL,
  event_type text NOT NULL
    CHECK (event_type IN ('payment_created', 'payment_succeeded', 'payment_failed', 'payment_refunded')),
  customer_id text,
  amount bigint NOT NULL CHECK (amount >= 0),
  fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
  currency char(3) NOT NULL,
  payment_method text,
  product_id text,
  product_name text,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'payment')),
  processed boolean NOT NULL DEFAULT false,
  -- Deduplicated forever, not for a window: the same transaction's same event counts once.
  UNIQUE (merchant_id, mode, transaction_id, event_type)
);
CREATE INDEX transaction_events_unprocessed ON transaction_events (id) WHERE NOT processed;
CREATE INDEX transaction_events_by_time ON transaction_events (merchant_id, mode, occurred_at);

-- One row per merchant, mode, local day (or hour) and currency. `revenue` = succeeded − refunded amounts.
CREATE TABLE merchant_daily_aggregates (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  day date NOT NULL,
  currency char(3) NOT NULL,
  created bigint NOT NULL DEFAULT 0,
  successful bigint NOT NULL DEFAULT 0,
  failed bigint NOT NULL DEFAULT 0,
  refunds bigint NOT NULL DEFAULT 0,
  gross_amount bigint NOT NULL DEFAULT 0,
  refunded_amount bigint NOT NULL DEFAULT 0,
  fees bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, day, currency)
);

CREATE TABLE merchant_hourly_aggregates (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  -- The instant the local hour starts: the two 01:00s of a DST change are two rows.
  hour timestamptz NOT NULL,
  currency char(3) NOT NULL,
  created bigint NOT NULL DEFAULT 0,
  successful bigint NOT NULL DEFAULT 0,
  failed bigint NOT NULL DEFAULT 0,
  refunds bigint NOT NULL DEFAULT 0,
  gross_amount bigint NOT NULL DEFAULT 0,
  refunded_amount bigint NOT NULL DEFAULT 0,
  fees bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, hour, currency)
);

-- Per day, so that any window of days can be answered. Amounts: succeeded − refunded.
CREATE TABLE merchant_product_stats (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  day date NOT NULL,
  currency char(3) NOT NULL,
  product_id text NOT NULL,
  product_name text,
  transactions bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, day, currency, product_id)
);

CREATE TABLE merchant_payment_method_stats (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  day date NOT NULL,
  currency char(3) NOT NULL,
  method text NOT NULL,
  transactions bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode, day, currency, method)
);

-- Lifetime figures per customer and currency.
CREATE TABLE merchant_customer_stats (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  customer_id text NOT NULL,
  transactions bigint NOT NULL DEFAULT 0,
  total_spent bigint NOT NULL DEFAULT 0,
  first_transaction timestamptz NOT NULL,
  last_transaction timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, mode, currency, customer_id)
);
CREATE INDEX merchant_customer_stats_first_seen
  ON merchant_customer_stats (merchant_id, mode, currency, first_transaction);
CREATE INDEX merchant_customer_stats_spent
  ON merchant_customer_stats (merchant_id, mode, currency, total_spent DESC, customer_id);

-- Which customers were active on which local day: distinct counts stay exact under any order of events.
CREATE TABLE merchant_daily_customers (
  merchant_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  currency char(3) NOT NULL,
  day date NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (merchant_id, mode, currency, day, customer_id)
);

CREATE TABLE analytics_replays (
  id text COLLATE "C" PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  merchant_id text COLLATE "C" REFERENCES merchants (id),
  from_date date NOT NULL,
  to_date date NOT NULL,
  verify boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  merchants_total integer NOT NULL DEFAULT 0,
  merchants_done integer NOT NULL DEFAULT 0,
  events_replayed bigint NOT NULL DEFAULT 0,
  differences jsonb NOT NULL DEFAULT '[]',
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  -- Written after each merchant by the run that owns the replay; a stale one means that run died.
  heartbeat_at timestamptz,
  finished_at timestamptz
);

-- migrate:down

DROP TABLE analytics_replays;
DROP TABLE merchant_daily_customers;
DROP TABLE merchant_customer_stats;
DROP TABLE merchant_payment_method_stats;
DROP TABLE merchant_product_stats;
DROP TABLE merchant_hourly_aggregates;
DROP TABLE merchant_daily_aggregates;
DROP TABLE transaction_events;
ALTER TABLE merchants DROP COLUMN time_zone;
