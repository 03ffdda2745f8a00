-- Payments (seeds 001 and 003): payments with a state machine the database enforces, every provider
-- interaction, routing preferences, the job queue the workers claim from, and the event outbox.
-- migrate:up

CREATE TABLE payments (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  external_id text NOT NULL,
  flow text NOT NULL CHECK (flow IN ('collection', 'disbursement')),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  msisdn text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('mtn', 'airtel', 'zamtel', 'sandbox')),
  -- Our reference at the provider (MTN X-Reference-Id): re-sending with it can never charge twice.
  provider_reference uuid NOT NULL UNIQUE,
  provider_transaction_id text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'successful', 'failed')),
  failure_code text,
  failure_message text,
  description text,
  payer_message text,
  payee_note text,
  metadata jsonb NOT NULL DEFAULT '{}',
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  UNIQUE (merchant_id, external_id),
  CHECK ((status = 'failed') = (failure_code IS NOT NULL))
);
CREATE INDEX payments_merchant_idx ON payments (merchant_id, id);
CREATE INDEX payments_pending_idx ON payments (status) WHERE status = 'pending';

-- pending → successful | failed, and terminal states never change: enforced here, whatever the code does.
CREATE FUNCTION payments_state_machine() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' AND (NEW.status <> OLD.status OR NEW.amount <> OLD.amount
      OR NEW.provider_transaction_id IS DISTINCT FROM OLD.provider_transaction_id) THEN
    RAISE EXCEPTION 'payment % is % and cannot change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency OR NEW.merchant_id <> OLD.merchant_id
      OR NEW.flow <> OLD.flow OR NEW.msisdn <> OLD.msisdn OR NEW.provider_reference <> OLD.provider_reference THEN
    RAISE EXCEPTION 'payment % cannot change what it pays', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER payments_state_machine BEFORE UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_state_machine();

CREATE TABLE payment_attempts (
  id text COLLATE "C" PRIMARY KEY,
  payment_id text COLLATE "C" NOT NULL REFERENCES payments (id),
  merchant_id text COLLATE "C" NOT NULL,
  provider text NOT NULL,
  operation text NOT NULL,
  method text NOT NULL,
  url text NOT NULL,
  http_status integer,
  decision text NOT NULL,
  duration_ms integer NOT NULL,
  request jsonb,
  response jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_attempts_payment_idx ON payment_attempts (payment_id, id);

CREATE TABLE merchant_routing (
  merchant_id text COLLATE "C" PRIMARY KEY REFERENCES merchants (id),
  currencies jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Background work. Claimed with FOR UPDATE SKIP LOCKED under a lease: a worker that dies lets its job
-- come back when the lease ends. Failed jobs retry with backoff; past max_attempts they are dead (listable,
-- re-drivable).
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'dead')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 25,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready_idx ON jobs (run_at) WHERE state = 'queued';

-- The event stream (seed 001's topics), written in the same transaction as the change that caused it.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  merchant_id text COLLATE "C",
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- migrate:down

DROP TABLE outbox;
DROP TABLE jobs;
DROP TABLE merchant_routing;
DROP TABLE payment_attempts;
DROP TRIGGER payments_state_machine ON payments;
DROP TABLE payments;
DROP FUNCTION payments_state_machine();
