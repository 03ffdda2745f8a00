-- Pay Entry (seed 000): each Molam ID user's entry preferences into Molam Pay, and their immutable history.
-- migrate:up

-- One row per Molam ID user (the token's `sub`), made from the token's claims on the user's first visit.
CREATE TABLE user_pay_entry_preferences (
  user_id text COLLATE "C" PRIMARY KEY,
  preferred_module text,
  last_module_used text,
  modules_enabled jsonb NOT NULL,
  auto_redirect boolean NOT NULL DEFAULT false,
  country text,
  currency text,
  lang text,
  -- How often each module was reported as used ({"wallet": 12}): the local recommendation when SIRA cannot answer.
  module_usage jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT modules_enabled_is_array CHECK (jsonb_typeof(modules_enabled) = 'array'),
  CONSTRAINT preferred_module_is_enabled
    CHECK (preferred_module IS NULL OR modules_enabled @> jsonb_build_array(preferred_module)),
  CONSTRAINT module_usage_is_object CHECK (jsonb_typeof(module_usage) = 'object')
);

CREATE TABLE pay_entry_audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  old_values jsonb,
  new_values jsonb,
  changed_by text NOT NULL,
  ip_address text,
  user_agent text,
  request_id text,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pay_entry_audit_log_user_idx ON pay_entry_audit_log (user_id, occurred_at);

-- Evidence, like audit_log: the database itself refuses to change or erase it. One function for every
-- append-only table from here on (it names the table it guards).
CREATE FUNCTION refuse_changes_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER pay_entry_audit_log_no_update_delete BEFORE UPDATE OR DELETE ON pay_entry_audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_changes_to_append_only();
CREATE TRIGGER pay_entry_audit_log_no_truncate BEFORE TRUNCATE ON pay_entry_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_changes_to_append_only();

-- migrate:down

DROP TABLE pay_entry_audit_log;
DROP FUNCTION refuse_changes_to_append_only();
DROP TABLE user_pay_entry_preferences;
