-- Test and live are separate worlds: an external id, a routing preference and an idempotency key belong to one
-- mode. A payment remembers whether its merchant named the provider (then it is never re-routed), and its jobs
-- name their provider, so a worker without that provider's credentials leaves them to one that has them.
-- migrate:up

ALTER TABLE payments ADD COLUMN provider_requested boolean NOT NULL DEFAULT false;
ALTER TABLE payments DROP CONSTRAINT payments_merchant_id_external_id_key;
ALTER TABLE payments ADD CONSTRAINT payments_merchant_mode_external_id_key UNIQUE (merchant_id, mode, external_id);

ALTER TABLE merchant_routing ADD COLUMN mode text NOT NULL DEFAULT 'test' CHECK (mode IN ('test', 'live'));
ALTER TABLE merchant_routing DROP CONSTRAINT merchant_routing_pkey;
-- One preference served both modes until now: each mode keeps a copy.
INSERT INTO merchant_routing (merchant_id, currencies, updated_at, mode)
  SELECT merchant_id, currencies, updated_at, 'live' FROM merchant_routing;
ALTER TABLE merchant_routing ADD PRIMARY KEY (merchant_id, mode);
ALTER TABLE merchant_routing ALTER COLUMN mode DROP DEFAULT;

UPDATE jobs SET kind = jobs.kind || ':' || p.provider
  FROM payments p
  WHERE jobs.state = 'queued' AND jobs.kind IN ('payment.submit', 'payment.check')
    AND p.id = jobs.payload->>'paymentId';

-- Stored responses never hold secrets: scrub the ones recorded before this rule.
UPDATE idempotency_keys
  SET response_body = response_body || '{"secret": null, "secret_redacted": true}'::jsonb
  WHERE jsonb_typeof(response_body) = 'object' AND jsonb_typeof(response_body->'secret') = 'string';

-- Idempotency keys now belong to a merchant in one mode ("mer_…:live"). A stored answer that names its mode
-- moves there; one that does not (a problem, an endpoint) is kept for both modes until it expires, so a retry
-- that straddles the upgrade is still answered rather than run twice.
INSERT INTO idempotency_keys (owner, key, fingerprint, state, response_status, response_body, created_at, locked_until, expires_at)
  SELECT i.owner || ':' || m.mode, i.key, i.fingerprint, i.state, i.response_status, i.response_body, i.created_at,
         i.locked_until, i.expires_at
  FROM idempotency_keys i
  CROSS JOIN (VALUES ('test'), ('live')) AS m (mode)
  WHERE i.owner NOT LIKE '%:%'
    AND coalesce(i.response_body->>'mode', m.mode) = m.mode
ON CONFLICT (owner, key) DO NOTHING;
DELETE FROM idempotency_keys WHERE owner NOT LIKE '%:%';

-- migrate:down
-- (Down fails while an external id is used in both modes: the old constraint cannot hold such data.)

UPDATE jobs SET kind = split_part(kind, ':', 1) WHERE kind LIKE 'payment.submit:%' OR kind LIKE 'payment.check:%';
DELETE FROM merchant_routing WHERE mode = 'live';
ALTER TABLE merchant_routing DROP CONSTRAINT merchant_routing_pkey;
ALTER TABLE merchant_routing DROP COLUMN mode;
ALTER TABLE merchant_routing ADD PRIMARY KEY (merchant_id);
ALTER TABLE payments DROP CONSTRAINT payments_merchant_mode_external_id_key;
ALTER TABLE payments ADD CONSTRAINT payments_merchant_id_external_id_key UNIQUE (merchant_id, external_id);
ALTER TABLE payments DROP COLUMN provider_requested;
