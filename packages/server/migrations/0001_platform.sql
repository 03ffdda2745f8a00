-- Platform tables: the append-only audit log, merchants (the tenants), API keys, idempotency records.
-- migrate:up

CREATE TABLE audit_log (
  id text COLLATE "C" PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  merchant_id text COLLATE "C",
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  old_values jsonb,
  new_values jsonb,
  ip text,
  user_agent text,
  request_id text
);
CREATE INDEX audit_log_merchant_idx ON audit_log (merchant_id, occurred_at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

-- The audit trail is evidence: the database itself refuses to change or erase it.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE TABLE merchants (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  email text,
  country char(2) NOT NULL,
  default_currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id text COLLATE "C" PRIMARY KEY,
  -- NULL for the platform's own (admin) keys.
  merchant_id text COLLATE "C" REFERENCES merchants (id),
  name text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  -- The first characters of the secret: how a presented key finds its row.
  prefix text NOT NULL,
  -- SHA-256 of the whole secret, hex. The secret itself is never stored.
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  replaced_by text COLLATE "C" REFERENCES api_keys (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);
CREATE INDEX api_keys_owner_idx ON api_keys (merchant_id, id);

CREATE TABLE idempotency_keys (
  -- The merchant id, or 'platform' for admin keys: keys are scoped per tenant.
  owner text COLLATE "C" NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'completed')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- migrate:down

DROP TABLE idempotency_keys;
DROP TABLE api_keys;
DROP TABLE merchants;
DROP TABLE audit_log;
DROP FUNCTION audit_log_is_append_only();
