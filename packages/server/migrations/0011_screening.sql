-- Transfers (seed 002): sanctions screening. Lists are imported whole (OFAC's SDN list in its CSV format) and
-- matched on a normalised name key (see src/screening/sanctions.ts for the rule).
-- migrate:up

CREATE TABLE sanctions_entries (
  source text NOT NULL,
  entry_id text NOT NULL,
  name text NOT NULL,
  name_key text NOT NULL,
  entity_type text,
  programs text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, entry_id)
);
CREATE INDEX sanctions_entries_name_key ON sanctions_entries (name_key);

-- migrate:down

DROP TABLE sanctions_entries;
