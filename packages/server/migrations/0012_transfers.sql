-- Transfers (seed 002), the confirm flow: the transfers themselves (the seed's `transactions`), the contact
-- details an OTP is sent to, the notifications that carry it, and a third idempotency state for a request
-- that waits for its OTP.
-- migrate:up

-- Who may act for the customer with a Molam ID user token (the token's `sub`), and where their OTPs go.
ALTER TABLE customers ADD COLUMN user_id text;
ALTER TABLE customers ADD COLUMN phone text;
ALTER TABLE customers ADD COLUMN email text;
CREATE INDEX customers_user ON customers (merchant_id, mode, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE transfers (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  -- The merchant's own reference (seed: `transaction_id`), unique per merchant and mode.
  transaction_id text NOT NULL,
  customer_id text COLLATE "C" NOT NULL REFERENCES customers (id),
  debit_account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  credit_account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('requires_otp', 'completed', 'blocked', 'failed')),
  risk_score int NOT NULL,
  risk_level text NOT NULL CHECK (risk_level IN ('LOW', 'HIGH')),
  risk_rules text[] NOT NULL,
  reservation_id text COLLATE "C" REFERENCES fund_reservations (id),
  -- Why a transfer did not complete: `sanctions_match` (blocked), `otp_locked` or `hold_expired` (failed).
  failure_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  UNIQUE (merchant_id, mode, transaction_id)
);
CREATE INDEX transfers_page ON transfers (merchant_id, mode, id);
-- "More than five transfers today" counts these.
CREATE INDEX transfers_customer_day ON transfers (customer_id, created_at);
CREATE INDEX transfers_reservation ON transfers (reservation_id) WHERE reservation_id IS NOT NULL;

CREATE TABLE notifications (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'push')),
  recipient text NOT NULL,
  purpose text NOT NULL,
  -- What the transfer's OTP concerns, for people reading the list.
  subject text,
  -- The text to send. A live message's text is erased once sent (it may hold a code); test mode keeps it, so
  -- the sandbox's OTPs can be read (`molam notifications list`).
  body text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notifications_page ON notifications (merchant_id, mode, id);

ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check
  CHECK (state IN ('in_progress', 'completed', 'awaiting_otp'));

-- migrate:down

ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check;
DELETE FROM idempotency_keys WHERE state = 'awaiting_otp';
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check
  CHECK (state IN ('in_progress', 'completed'));
DROP TABLE notifications;
DROP TABLE transfers;
DROP INDEX customers_user;
ALTER TABLE customers DROP COLUMN email;
ALTER TABLE customers DROP COLUMN phone;
ALTER TABLE customers DROP COLUMN user_id;
