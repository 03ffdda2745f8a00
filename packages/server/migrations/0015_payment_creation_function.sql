-- Payment creation in one round trip: the idempotency claim, the payment, its outbox messages, its event and the
-- webhook deliveries it fans out to, its analytics row, its submission job, its audit row and the stored answer,
-- written by one server-side function in one statement's transaction. PL/pgSQL keeps each statement's plan for
-- the connection, so nothing is parsed or planned again per payment. The rows themselves are built by the server
-- (payments/create.ts), so their shape has one source; the function holds only what needs the database.
-- The claim, the fan-out and the job's insert are functions of their own, which the server's other writes call
-- too (idempotency-keys.ts, webhooks/fanout.ts, jobs/queue.ts): one copy of each statement.
-- migrate:up

-- A public id as platform/ids.ts makes them: the prefix, 48 bits of millisecond time then 80 random bits, in
-- Crockford base32 (26 characters). For rows the database creates in numbers it cannot know in advance.
CREATE FUNCTION molam_new_id(prefix text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  t bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
  -- Two version-4 UUIDs' first six and four bytes: 80 bits with none of the fixed version and variant bits.
  random_bits bit(80) := ('x' || encode(substring(uuid_send(gen_random_uuid()) FROM 1 FOR 6)
                                     || substring(uuid_send(gen_random_uuid()) FROM 1 FOR 4), 'hex'))::bit(80);
  time_part text := '';
  random_part text := '';
BEGIN
  FOR i IN 1..10 LOOP
    time_part := substr(alphabet, (t % 32)::int + 1, 1) || time_part;
    t := t / 32;
  END LOOP;
  FOR i IN 0..15 LOOP
    random_part := random_part || substr(alphabet, substring(random_bits FROM i * 5 + 1 FOR 5)::int + 1, 1);
  END LOOP;
  RETURN prefix || '_' || time_part || random_part;
END;
$$;

-- Claims an idempotency key for a request (platform/idempotency-keys.ts says when a claim wins): true when the key
-- is now this request's.
CREATE FUNCTION molam_claim_idempotency_key(
  p_owner text, p_key text, p_fingerprint text, p_lock_seconds double precision, p_keep_hours integer
) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idempotency_keys (owner, key, fingerprint, state, locked_until, expires_at)
  VALUES (p_owner, p_key, p_fingerprint, 'in_progress', now() + make_interval(secs => p_lock_seconds),
          now() + make_interval(hours => p_keep_hours))
  ON CONFLICT (owner, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress',
    response_status = NULL, response_body = NULL, locked_until = EXCLUDED.locked_until,
    created_at = now(), expires_at = EXCLUDED.expires_at
  WHERE idempotency_keys.expires_at < now()
     OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until < now()
         AND idempotency_keys.fingerprint = EXCLUDED.fingerprint);
  RETURN FOUND;
END;
$$;

-- Adds a job and wakes the workers on commit (platform/jobs/queue.ts).
CREATE FUNCTION molam_enqueue_job(p_kind text, p_payload jsonb, p_run_at timestamptz, p_max_attempts integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, payload, run_at, max_attempts) VALUES (p_kind, p_payload, p_run_at, p_max_attempts);
  PERFORM pg_notify('molam_jobs', p_kind);
END;
$$;

-- One delivery, and one job to send it, per endpoint of the event's merchant and mode that wants it
-- (webhooks/fanout.ts); the job's attempts are the delivery's own schedule, hence its 1000.
CREATE FUNCTION molam_schedule_deliveries(p_event_id text, p_merchant_id text, p_mode text, p_type text)
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

-- Creates one payment exactly once. Answers 'created'; or 'taken' with the key's row when another request holds
-- or held the key (the server decides replay, reuse or in progress, as for every key). A payment with this
-- external id already there raises SQLSTATE MP409 and writes nothing: the server answers it the slower way.
CREATE FUNCTION molam_create_payment(
  p_owner text, p_key text, p_fingerprint text, p_keep_hours integer,
  p_payment jsonb, p_outbox jsonb, p_event jsonb, p_analytics jsonb, p_job jsonb, p_audit jsonb, p_response jsonb
) RETURNS TABLE (outcome text, fingerprint text, state text, response_status integer, response_body jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  claimed boolean;
BEGIN
  -- A key deleted between the claim and the read (expired, swept) is free again: claim anew, a few times at most.
  FOR attempt IN 1..3 LOOP
    -- No lock time: the claim lives and dies with this statement's transaction.
    claimed := molam_claim_idempotency_key(p_owner, p_key, p_fingerprint, 0, p_keep_hours);
    EXIT WHEN claimed;
    RETURN QUERY SELECT 'taken', k.fingerprint, k.state, k.response_status, k.response_body
                   FROM idempotency_keys k WHERE k.owner = p_owner AND k.key = p_key;
    IF FOUND THEN
      RETURN;
    END IF;
  END LOOP;
  IF NOT claimed THEN
    RAISE EXCEPTION 'idempotency key % could not be claimed', p_key USING ERRCODE = 'serialization_failure';
  END IF;

  INSERT INTO payments (id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference,
                        description, payer_message, payee_note, metadata, mode, provider_requested, created_at,
                        updated_at)
  SELECT id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference,
         description, payer_message, payee_note, metadata, mode, provider_requested, created_at, updated_at
    FROM jsonb_populate_record(NULL::payments, p_payment)
  ON CONFLICT (merchant_id, mode, external_id) DO NOTHING;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'payment with external id % exists', p_payment->>'external_id' USING ERRCODE = 'MP409';
  END IF;

  INSERT INTO outbox (topic, key, event_type, correlation_id, merchant_id, payload)
  SELECT m.topic, m.key, m.event_type, m.correlation_id, m.merchant_id, m.payload
    FROM jsonb_to_recordset(p_outbox)
      AS m(topic text, key text, event_type text, correlation_id text, merchant_id text, payload jsonb);

  INSERT INTO events (id, merchant_id, type, mode, data)
  VALUES (p_event->>'id', p_event->>'merchant_id', p_event->>'type', p_event->>'mode', p_event->'data');
  PERFORM pg_notify('molam_events', (p_event->>'merchant_id') || ':' || (p_event->>'mode'));
  PERFORM molam_schedule_deliveries(p_event->>'id', p_event->>'merchant_id', p_event->>'mode', p_event->>'type');

  IF p_analytics IS NOT NULL THEN
    INSERT INTO transaction_events (id, merchant_id, mode, source, transaction_id, event_type, customer_id, amount,
                                    fee, currency, payment_method, product_id, product_name, occurred_at)
    SELECT id, merchant_id, mode, source, transaction_id, event_type, customer_id, amount,
           fee, currency, payment_method, product_id, product_name, occurred_at
      FROM jsonb_populate_record(NULL::transaction_events, p_analytics)
    ON CONFLICT (merchant_id, mode, transaction_id, event_type) DO NOTHING;
    IF FOUND THEN
      PERFORM pg_notify('molam_analytics', '');
    END IF;
  END IF;

  PERFORM molam_enqueue_job(p_job->>'kind', p_job->'payload', now(), (p_job->>'max_attempts')::integer);

  INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip,
                         user_agent, request_id)
  SELECT id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip, user_agent, request_id
    FROM jsonb_populate_record(NULL::audit_log, p_audit);

  UPDATE idempotency_keys k SET state = 'completed', response_status = (p_response->>'status')::integer,
                                response_body = p_response->'body'
   WHERE k.owner = p_owner AND k.key = p_key;
  RETURN QUERY SELECT 'created', p_fingerprint, 'completed', (p_response->>'status')::integer, p_response->'body';
END;
$$;

-- migrate:down

DROP FUNCTION molam_create_payment(text, text, text, integer, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb);
DROP FUNCTION molam_schedule_deliveries(text, text, text, text);
DROP FUNCTION molam_enqueue_job(text, jsonb, timestamptz, integer);
DROP FUNCTION molam_claim_idempotency_key(text, text, text, double precision, integer);
DROP FUNCTION molam_new_id(text);
