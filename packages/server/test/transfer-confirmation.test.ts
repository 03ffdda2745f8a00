import { randomUUID } from 'node:crypto';
import { ID_PATTERNS } from '@molam/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from '../src/events/store.js';
import { WEBHOOKS_CHANNEL } from '../src/webhooks/queue-store.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { countNotifications, oneRow } from './helpers/written.js';

// A LOW-risk transfer between two accounts here is completed by one database function (migration 0017) fed rows
// built by the server's own code: these check that what it writes is what the rest of the server writes and
// reads, that it wakes its listeners, and that the ledger's rules hold when many run at once.
let server: TestServer;
let notifications: Awaited<ReturnType<typeof countNotifications>>;

beforeAll(async () => {
  // No workers: the deliveries stay where the transfer put them.
  server = await startTestServer({ MOLAM_ROLE: 'api' });
  notifications = await countNotifications(server.db, [EVENTS_CHANNEL, WEBHOOKS_CHANNEL]);
});
afterAll(async () => {
  await notifications?.stop();
  await server?.close();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  server.call(method, path, { key: server.merchantKey, body, headers });

/** A verified customer with a USD account holding `funds` minor units. */
async function customer(funds = 0) {
  const id = `cust_${randomUUID().slice(0, 12)}`;
  expect(
    (await call('POST', '/api/v1/customers', { id, name: `Payer ${id}`, kyc_status: 'verified' })).status,
  ).toBe(201);
  const account = `ACC${randomUUID().slice(0, 10)}`;
  expect(
    (await call('POST', '/api/v1/accounts', { number: account, customer_id: id, currency: 'USD' })).status,
  ).toBe(201);
  if (funds > 0) {
    const deposit = await call(
      'POST',
      `/api/v1/accounts/${account}/deposits`,
      { amount: funds },
      { 'idempotency-key': randomUUID() },
    );
    expect(deposit.status).toBe(201);
  }
  return { id, account };
}

const confirm = (body: Record<string, unknown>, key = randomUUID()) =>
  call('POST', '/api/v1/transfers', body, { 'idempotency-key': key });

const one = <Row>(sql: string, params: unknown[]) => oneRow<Row>(server.db, sql, params);

describe('a LOW-risk transfer completed in one statement', () => {
  it('writes the money moved, the transfer, its audit row, event, deliveries and answer', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: 'https://hooks.example.com/molam',
      enabled_events: ['transfer.completed'],
    });
    expect(endpoint.status).toBe(201);
    const from = await customer(50_000);
    const to = await customer();
    const woken = new Map(notifications.counts);
    const key = randomUUID();
    const created = await confirm(
      {
        transaction_id: `txn_${randomUUID()}`,
        customer_id: from.id,
        amount: 12_345,
        from_account: from.account,
        to_account: to.account,
      },
      key,
    );
    expect(created.status).toBe(201);
    const transfer = created.body;
    expect(transfer).toMatchObject({ status: 'completed', customer_id: from.id, to_bank: null, otp: null });
    expect(transfer.id).toMatch(new RegExp(ID_PATTERNS.trf));

    // The answer is the transfer as it reads back.
    expect((await call('GET', `/api/v1/transfers/${transfer.id}`)).body).toEqual(transfer);
    expect((await call('GET', `/api/v1/accounts/${from.account}`)).body).toMatchObject({
      balance: 37_655,
      reserved: 0,
    });
    expect((await call('GET', `/api/v1/accounts/${to.account}`)).body).toMatchObject({
      balance: 12_345,
      reserved: 0,
    });

    // Its hold is posted, with the two entries that moved the balances.
    const hold = await one<{ id: string; status: string; amount: string; resolved: boolean }>(
      `SELECT r.id, r.status, r.amount::text, r.resolved_at IS NOT NULL AS resolved
         FROM fund_reservations r JOIN transfers t ON t.reservation_id = r.id WHERE t.id = $1`,
      [transfer.id],
    );
    expect(hold).toMatchObject({ status: 'posted', amount: '12345', resolved: true });
    expect(hold.id).toMatch(/^rsv_/);
    const { rows: entries } = await server.db.query<{ number: string; amount: string }>(
      `SELECT a.number, e.amount::text FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
        WHERE e.reservation_id = $1 ORDER BY e.amount`,
      [hold.id],
    );
    expect(entries).toEqual([
      { number: from.account, amount: '-12345' },
      { number: to.account, amount: '12345' },
    ]);

    const event = await one<{ id: string; data: { object: unknown } }>(
      "SELECT id, data FROM events WHERE type = 'transfer.completed' AND data->'object'->>'id' = $1",
      [transfer.id],
    );
    const listed = (await call('GET', `/api/v1/events/${event.id}`)).body;
    expect(listed.data.object).toEqual(transfer);
    // Stamped with the transaction's time, as its event is.
    expect(listed.created).toBe(transfer.created_at);
    const delivery = await one<{ id: string; status: string; due: boolean }>(
      'SELECT id, status, next_attempt_at <= now() AS due FROM webhook_deliveries WHERE event_id = $1 AND endpoint_id = $2',
      [event.id, endpoint.body.id],
    );
    expect(delivery).toMatchObject({ status: 'pending', due: true });

    const audit = await one<{ actor: string; request_id: string; new_values: unknown }>(
      "SELECT actor, request_id, new_values FROM audit_log WHERE action = 'transfer.completed' AND entity_id = $1",
      [transfer.id],
    );
    expect(audit.actor).toMatch(/^key_/);
    expect(audit.request_id).toBe(created.headers.get('x-request-id'));
    expect(audit.new_values).toEqual(transfer);

    const stored = await one<{ state: string; response_status: number; response_body: unknown }>(
      'SELECT state, response_status, response_body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(stored).toEqual({ state: 'completed', response_status: 201, response_body: transfer });

    // The event stream and the webhook dispatchers are woken on commit.
    await waitFor(
      async () => notifications.silentSince(woken),
      (silent) => silent.length === 0,
    );
  });

  it('never overdraws, and always balances, under many transfers at once between the same accounts', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => customer(5_000)));
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const moves = Array.from({ length: 48 }, () => {
      const payer = Math.floor(next() * 4);
      const payee = (payer + 1 + Math.floor(next() * 3)) % 4;
      return { payer, payee, amount: 1 + Math.floor(next() * 3_000) };
    });
    const answers = await Promise.all(
      moves.map(({ payer, payee, amount }) =>
        confirm({
          transaction_id: `txn_${randomUUID()}`,
          customer_id: people[payer]?.id,
          amount,
          from_account: people[payer]?.account,
          to_account: people[payee]?.account,
        }),
      ),
    );
    for (const answer of answers) {
      if (answer.status !== 201) expectProblem(answer, 422, 'insufficient_funds');
    }
    // More was asked than the accounts hold: some were refused, and every refusal wrote nothing but its answer.
    expect(answers.some((answer) => answer.status === 422)).toBe(true);

    const { rows } = await server.db.query<{
      number: string;
      balance: string;
      reserved: string;
      entries: string;
    }>(
      `SELECT a.number, a.balance::text, a.reserved::text,
              (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)::text AS entries
         FROM accounts a WHERE a.number = ANY ($1::text[])`,
      [people.map((person) => person.account)],
    );
    let total = 0;
    for (const row of rows) {
      expect(Number(row.balance)).toBeGreaterThanOrEqual(0);
      expect(row.reserved).toBe('0');
      // A deposit is an entry too: every balance is the sum of its entries.
      expect(row.balance).toBe(row.entries);
      total += Number(row.balance);
    }
    expect(total).toBe(4 * 5_000);
    const completed = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id);
    const { rows: posted } = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM transfers t JOIN fund_reservations r ON r.id = t.reservation_id
        WHERE t.id = ANY ($1::text[]) AND t.status = 'completed' AND r.status = 'posted'`,
      [completed],
    );
    expect(posted[0]?.n).toBe(completed.length);
  });
});
