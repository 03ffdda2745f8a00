-- Publishing the outbox to Kafka (seed 001): each row's event type and correlation id for the message headers,
-- the lease that lets one relay at a time publish (so order per key holds however many relays run), and an
-- index for replay windows and the retention sweep.
-- migrate:up

ALTER TABLE outbox ADD COLUMN event_type text;
ALTER TABLE outbox ADD COLUMN correlation_id text;
UPDATE outbox SET
  event_type = CASE topic
    WHEN 'payments.payment-processed' THEN 'payment.succeeded'
    WHEN 'payments.payment-failed' THEN 'payment.failed'
    ELSE coalesce(payload->>'event', topic)
  END,
  correlation_id = payload->>'externalId';
ALTER TABLE outbox ALTER COLUMN event_type SET NOT NULL;
-- `payments.payment-requested` is the service's input: a creation's copy there would come back as a request.
DELETE FROM outbox WHERE topic = 'payments.payment-requested';
-- Rows written before the relay existed are history, in an older shape: turning Kafka on must not send them
-- all. They count as published (so `molam outbox replay` can still send a window of them on purpose).
UPDATE outbox SET published_at = created_at WHERE published_at IS NULL;
CREATE INDEX outbox_created_at_idx ON outbox (created_at);

CREATE TABLE outbox_relay_lease (
  name text PRIMARY KEY,
  holder text NOT NULL,
  lease_until timestamptz NOT NULL
);

-- migrate:down

DROP TABLE outbox_relay_lease;
DROP INDEX outbox_created_at_idx;
ALTER TABLE outbox DROP COLUMN correlation_id;
ALTER TABLE outbox DROP COLUMN event_type;
