-- Transfers (seed 002): one-time passwords for HIGH-risk transfers. 6 digits, stored hashed with a salt, valid
-- 5 minutes; 3 wrong tries lock the challenge; re-sends are limited.
-- migrate:up

CREATE TABLE otp_challenges (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  -- What the code unlocks (a transfer's idempotency key): one challenge per subject.
  subject text NOT NULL,
  salt text NOT NULL,
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  failed_attempts int NOT NULL DEFAULT 0,
  sends int NOT NULL DEFAULT 1,
  last_sent_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'verified', 'locked')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, mode, subject)
);

-- migrate:down

DROP TABLE otp_challenges;
