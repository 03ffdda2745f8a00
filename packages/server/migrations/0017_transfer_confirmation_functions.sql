-- A transfer's confirmation in four round trips instead of about twenty-five (transfers/confirm.ts): after the
-- idempotency claim, one function reads everything the decision needs, under the locks it needs; the server screens
-- both names in one query and scores the risk; and when the answer is a LOW-risk transfer between two accounts here,
-- one more function moves the money and writes the transfer, its audit row, its event and webhook deliveries, and
-- the stored answer. Every row is built by the server, as for payment creation (migration 0015). Every other
-- outcome (a code to send, a partner bank, a refusal) still takes the server's own statements.
-- migrate:up

-- An account as transfers/store.ts reads one: with its owner's reference and its currency's code unpadded.
CREATE FUNCTION molam_account_json(a accounts) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT to_jsonb(a) || jsonb_build_object(
    'currency', trim(a.currency),
    'customer_ref', (SELECT c.external_id FROM customers c WHERE c.id = a.customer_id));
$$;

-- What a confirmation decides on, in the order the locks must be taken: the customer's row (so "transfers today"
-- is exact and one customer's transfers run one at a time), then the transaction id's advisory lock (two customers
-- naming one transaction id run one at a time, so the second sees the first). Nothing but the customer when there
-- is no such customer. `p_to` is null for an account at a partner bank. `started_at` is the transaction's time, which the
-- server stamps the transfer with, as every other row of the transaction is.
CREATE FUNCTION molam_transfer_facts(
  p_merchant_id text, p_mode text, p_customer_ref text, p_transaction_id text, p_from text, p_to text
) RETURNS TABLE (customer jsonb, existing_transfer_id text, from_account jsonb, to_account jsonb,
                 beneficiary jsonb, transfers_today integer, started_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  payer customers;
  payee_id text;
BEGIN
  SELECT * INTO payer FROM customers c
   WHERE c.merchant_id = p_merchant_id AND c.mode = p_mode AND c.external_id = p_customer_ref FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::jsonb, NULL::text, NULL::jsonb, NULL::jsonb, NULL::jsonb, 0, now();
    RETURN;
  END IF;
  -- 0x74726600: the namespace of transaction ids' locks, apart from every other advisory lock.
  PERFORM pg_advisory_xact_lock(1953654272, hashtext(p_merchant_id || ':' || p_mode || ':' || p_transaction_id));

  customer := to_jsonb(payer);
  started_at := now();
  SELECT t.id INTO existing_transfer_id FROM transfers t
   WHERE t.merchant_id = p_merchant_id AND t.mode = p_mode AND t.transaction_id = p_transaction_id;
  SELECT molam_account_json(a) INTO from_account FROM accounts a
   WHERE a.merchant_id = p_merchant_id AND a.mode = p_mode AND a.number = p_from;
  IF p_to IS NOT NULL THEN
    SELECT molam_account_json(a), a.customer_id INTO to_account, payee_id FROM accounts a
     WHERE a.merchant_id = p_merchant_id AND a.mode = p_mode AND a.number = p_to;
    SELECT to_jsonb(c) INTO beneficiary FROM customers c WHERE c.id = payee_id;
  END IF;
  -- Since the start of today (UTC), whatever their outcome: the risk rule counts tries.
  SELECT count(*)::integer INTO transfers_today FROM transfers t
   WHERE t.customer_id = payer.id
     AND t.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  RETURN NEXT;
END;
$$;

-- Moves a LOW-risk transfer's money at once and records it, or answers false, writing nothing, when the debit
-- account cannot spend it. The accounts are locked in id order, the one order every movement of the ledger uses
-- (ledger/ledger.ts); its hold is written already posted (and so expired as it was made: it never waited), with
-- the two entries that move the balances.
CREATE FUNCTION molam_complete_transfer(
  p_transfer jsonb, p_audit jsonb, p_event jsonb, p_owner text, p_key text, p_response jsonb
) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  t transfers := jsonb_populate_record(NULL::transfers, p_transfer);
  debit accounts;
  locked integer;
BEGIN
  SELECT count(*) INTO locked FROM (
    SELECT a.id FROM accounts a
     WHERE a.id IN (t.debit_account_id, t.credit_account_id) AND a.merchant_id = t.merchant_id AND a.mode = t.mode
     ORDER BY a.id FOR UPDATE) accounts_locked;
  IF locked <> 2 THEN
    RAISE EXCEPTION 'transfer % names accounts that are not its tenant''s', t.id;
  END IF;
  SELECT * INTO debit FROM accounts a WHERE a.id = t.debit_account_id;
  IF debit.kind = 'customer' AND debit.balance - debit.reserved < t.amount THEN
    RETURN false;
  END IF;

  INSERT INTO fund_reservations (id, merchant_id, mode, debit_account_id, credit_account_id, amount, currency, status,
                                 expires_at, resolved_at)
  VALUES (t.reservation_id, t.merchant_id, t.mode, t.debit_account_id, t.credit_account_id, t.amount, t.currency,
          'posted', now(), now());
  UPDATE accounts a SET balance = a.balance + CASE WHEN a.id = t.debit_account_id THEN -t.amount ELSE t.amount END
   WHERE a.id IN (t.debit_account_id, t.credit_account_id);
  INSERT INTO ledger_entries (reservation_id, account_id, amount, currency)
  VALUES (t.reservation_id, t.debit_account_id, -t.amount, t.currency),
         (t.reservation_id, t.credit_account_id, t.amount, t.currency);
  INSERT INTO transfers (id, merchant_id, mode, transaction_id, customer_id, debit_account_id, credit_account_id,
                         amount, currency, status, risk_score, risk_level, risk_rules, reservation_id, failure_code,
                         to_bank, external_account, created_at, updated_at, completed_at)
  VALUES (t.id, t.merchant_id, t.mode, t.transaction_id, t.customer_id, t.debit_account_id, t.credit_account_id,
          t.amount, t.currency, t.status, t.risk_score, t.risk_level, t.risk_rules, t.reservation_id, t.failure_code,
          t.to_bank, t.external_account, t.created_at, t.updated_at, t.completed_at);

  INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip,
                         user_agent, request_id)
  SELECT id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip, user_agent, request_id
    FROM jsonb_populate_record(NULL::audit_log, p_audit);

  INSERT INTO events (id, merchant_id, type, mode, data)
  VALUES (p_event->>'id', p_event->>'merchant_id', p_event->>'type', p_event->>'mode', p_event->'data');
  PERFORM pg_notify('molam_events', (p_event->>'merchant_id') || ':' || (p_event->>'mode'));
  PERFORM molam_schedule_deliveries(p_event->>'id', p_event->>'merchant_id', p_event->>'mode', p_event->>'type');

  UPDATE idempotency_keys k SET state = 'completed', response_status = (p_response->>'status')::integer,
                                response_body = p_response->'body'
   WHERE k.owner = p_owner AND k.key = p_key;
  RETURN true;
END;
$$;

-- migrate:down

DROP FUNCTION molam_complete_transfer(jsonb, jsonb, jsonb, text, text, jsonb);
DROP FUNCTION molam_transfer_facts(text, text, text, text, text, text);
DROP FUNCTION molam_account_json(accounts);
