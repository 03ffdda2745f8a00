-- A payment's settlement in one round trip: pending → successful | failed, its outbox messages, its event and the
-- webhook deliveries it fans out to, its analytics row and its audit row, written by one server-side function in
-- one statement's transaction (it had been nine round trips inside a transaction holding the payment's row). As for
-- creation (0015), the rows are built by the server (payments/settle.ts) and the function holds only what needs
-- the database. What a change writes beside itself (an event, an audit row, analytics, outbox messages) is a
-- function of its own here, for the functions still to come; 0015's and 0017's functions keep their own copies,
-- since replacing them would mean carrying their old bodies in this file's down section.
-- migrate:up

-- An event, its wake-up for the event streams, and its webhook deliveries (events/service.ts's `emitEvent`).
CREATE FUNCTION molam_emit_event(p_event jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (id, merchant_id, type, mode, data)
  VALUES (p_event->>'id', p_event->>'merchant_id', p_event->>'type', p_event->>'mode', p_event->'data');
  PERFORM pg_notify('molam_events', (p_event->>'merchant_id') || ':' || (p_event->>'mode'));
  PERFORM molam_schedule_deliveries(p_event->>'id', p_event->>'merchant_id', p_event->>'mode', p_event->>'type');
END;
$$;

-- One audit row, as audit/audit.ts's `auditRow` builds it.
CREATE FUNCTION molam_write_audit(p_audit jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip,
                         user_agent, request_id)
  SELECT id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip, user_agent, request_id
    FROM jsonb_populate_record(NULL::audit_log, p_audit);
END;
$$;

-- Outbox messages, as outbox/append.ts's `outboxRow` builds them.
CREATE FUNCTION molam_append_outbox(p_outbox jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, key, event_type, correlation_id, merchant_id, payload)
  SELECT m.topic, m.key, m.event_type, m.correlation_id, m.merchant_id, m.payload
    FROM jsonb_to_recordset(p_outbox)
      AS m(topic text, key text, event_type text, correlation_id text, merchant_id text, payload jsonb);
END;
$$;

-- A payment's analytics row (analytics/ingest.ts's `paymentTransactionEvent`), once, and a wake-up for the
-- aggregator when it is new. NULL (a disbursement) writes nothing.
CREATE FUNCTION molam_record_transaction_event(p_event jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_event IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO transaction_events (id, merchant_id, mode, source, transaction_id, event_type, customer_id, amount,
                                  fee, currency, payment_method, product_id, product_name, occurred_at)
  SELECT id, merchant_id, mode, source, transaction_id, event_type, customer_id, amount,
         fee, currency, payment_method, product_id, product_name, occurred_at
    FROM jsonb_populate_record(NULL::transaction_events, p_event)
  ON CONFLICT (merchant_id, mode, transaction_id, event_type) DO NOTHING;
  IF FOUND THEN
    PERFORM pg_notify('molam_analytics', '');
  END IF;
END;
$$;

-- Settles a pending payment the server read at row version p_read_version (its `xmin`: the transaction that wrote
-- the row as read, which any later change replaces) with the settled row p_payment. Answers 'settled'; 'final' when
-- it was no longer pending (a duplicate check, or another worker got there first), writing nothing; or 'changed'
-- when it is still pending but was changed since that read (re-routed, submitted again): the server built its rows
-- from an old view, so it reads the payment again and decides anew.
CREATE FUNCTION molam_settle_payment(
  p_payment jsonb, p_read_version text, p_outbox jsonb, p_event jsonb, p_analytics jsonb, p_audit jsonb
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  settled payments := jsonb_populate_record(NULL::payments, p_payment);
BEGIN
  UPDATE payments p SET status = settled.status, provider_transaction_id = settled.provider_transaction_id,
                        failure_code = settled.failure_code, failure_message = settled.failure_message,
                        completed_at = settled.completed_at, updated_at = settled.updated_at
   WHERE p.id = settled.id AND p.status = 'pending' AND p.xmin = p_read_version::xid;
  IF NOT FOUND THEN
    RETURN CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE p.id = settled.id AND p.status = 'pending')
                THEN 'changed' ELSE 'final' END;
  END IF;
  PERFORM molam_append_outbox(p_outbox);
  PERFORM molam_emit_event(p_event);
  PERFORM molam_record_transaction_event(p_analytics);
  PERFORM molam_write_audit(p_audit);
  RETURN 'settled';
END;
$$;

-- migrate:down

DROP FUNCTION molam_settle_payment(jsonb, text, jsonb, jsonb, jsonb, jsonb);
DROP FUNCTION molam_record_transaction_event(jsonb);
DROP FUNCTION molam_append_outbox(jsonb);
DROP FUNCTION molam_write_audit(jsonb);
DROP FUNCTION molam_emit_event(jsonb);
