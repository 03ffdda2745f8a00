-- Transfers (seed 002), first part: customers, their accounts, and a double-entry ledger with two-phase
-- reservations (pending → posted | voided | expired), in the style of TigerBeetle's pending transfers.
-- migrate:up

CREATE TABLE customers (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  -- The merchant's own id for the customer (seed: `cust_001`).
  external_id text NOT NULL,
  name text NOT NULL,
  kyc_status text NOT NULL DEFAULT 'pending' CHECK (kyc_status IN ('pending', 'verified', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, mode, external_id)
);

-- `balance` is what was posted, `reserved` what pending reservations hold; both are kept by the ledger
-- functions in the same transaction as the entries that justify them.
CREATE TABLE accounts (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  customer_id text COLLATE "C" REFERENCES customers (id),
  -- The seed's account numbers (`ACC001`).
  number text NOT NULL,
  currency char(3) NOT NULL,
  -- `funding` accounts stand for money outside this ledger (deposits, a partner bank): they may go negative.
  kind text NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'funding')),
  balance bigint NOT NULL DEFAULT 0,
  reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, mode, number),
  -- The last line of defence: a customer account never spends money it does not have.
  CONSTRAINT customer_accounts_never_overdraw CHECK (kind = 'funding' OR balance - reserved >= 0)
);

CREATE TABLE fund_reservations (
  id text COLLATE "C" PRIMARY KEY,
  merchant_id text COLLATE "C" NOT NULL REFERENCES merchants (id),
  mode text NOT NULL,
  debit_account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  credit_account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'posted', 'voided', 'expired')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX fund_reservations_pending ON fund_reservations (expires_at) WHERE status = 'pending';

-- Append-only: a posted reservation writes one debit and one credit, summing to zero.
CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reservation_id text COLLATE "C" NOT NULL REFERENCES fund_reservations (id),
  account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  amount bigint NOT NULL CHECK (amount <> 0),
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);

-- The function 0008 made for append-only tables.
CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_changes_to_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_changes_to_append_only();

-- migrate:down

DROP TABLE ledger_entries;
DROP TABLE fund_reservations;
DROP TABLE accounts;
DROP TABLE customers;
