-- Webhook deliveries are their own queue: a dispatcher claims the due ones in batches under a lease (renewed while
-- they are being sent), sends them concurrently, and records the attempts in bulk. No job per delivery any more:
-- a delivery is due when it is pending and its next attempt's time has come.
-- migrate:up

ALTER TABLE webhook_deliveries ADD COLUMN locked_by text;
ALTER TABLE webhook_deliveries ADD COLUMN locked_until timestamptz;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
-- Every pending delivery has a time for its next attempt; the queued jobs that carried them are not needed (the
-- jobs servers of the previous release still queue during a rolling upgrade are dropped by webhooks/legacy-jobs.ts).
UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'pending' AND next_attempt_at IS NULL;
DELETE FROM jobs WHERE kind = 'webhook.deliver' AND state = 'queued';

-- One delivery per endpoint of the event's merchant and mode that wants it, and one wake-up for the dispatchers.
CREATE OR REPLACE FUNCTION molam_schedule_deliveries(p_event_id text, p_merchant_id text, p_mode text, p_type text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, next_attempt_at)
  SELECT molam_new_id('del'), endpoint.id, p_event_id, p_merchant_id, now()
    FROM webhook_endpoints endpoint
   WHERE endpoint.merchant_id = p_merchant_id AND endpoint.mode = p_mode AND endpoint.status = 'enabled'
     AND endpoint.deleted_at IS NULL
     AND (p_type = ANY (endpoint.enabled_events) OR '*' = ANY (endpoint.enabled_events))
   ORDER BY endpoint.id
  ON CONFLICT (endpoint_id, event_id) DO NOTHING;
  IF FOUND THEN
    PERFORM pg_notify('molam_webhooks', '');
  END IF;
END;
$$;

-- migrate:down

CREATE OR REPLACE FUNCTION molam_schedule_deliveries(p_event_id text, p_merchant_id text, p_mode text, p_type text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH deliveries AS (
    INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, next_attempt_at)
    SELECT molam_new_id('del'), endpoint.id, p_event_id, p_merchant_id, now()
      FROM webhook_endpoints endpoint
     WHERE endpoint.merchant_id = p_merchant_id AND endpoint.mode = p_mode AND endpoint.status = 'enabled'
       AND endpoint.deleted_at IS NULL
       AND (p_type = ANY (endpoint.enabled_events) OR '*' = ANY (endpoint.enabled_events))
     ORDER BY endpoint.id
    ON CONFLICT (endpoint_id, event_id) DO NOTHING
    RETURNING id)
  INSERT INTO jobs (kind, payload, max_attempts)
  SELECT 'webhook.deliver', jsonb_build_object('deliveryId', id), 1000 FROM deliveries;
  IF FOUND THEN
    PERFORM pg_notify('molam_jobs', 'webhook.deliver');
  END IF;
END;
$$;
INSERT INTO jobs (kind, payload, run_at, max_attempts)
SELECT 'webhook.deliver', jsonb_build_object('deliveryId', id), coalesce(next_attempt_at, now()), 1000
  FROM webhook_deliveries WHERE status = 'pending';
DROP INDEX webhook_deliveries_due_idx;
ALTER TABLE webhook_deliveries DROP COLUMN locked_until;
ALTER TABLE webhook_deliveries DROP COLUMN locked_by;
