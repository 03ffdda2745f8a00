import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDue } from '../src/ledger/ledger.js';
import { presentNotification } from '../src/notifications/store.js';
import { replaceSanctionsList } from '../src/screening/sanctions.js';
import { failExpiredTransfer } from '../src/transfers/service.js';
import { realPostgresUrl } from './helpers/database.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// Seed 002's confirm flow through real HTTP and a real database: risk, OTP step-up on the same key, screening,
// holds and the ledger.

let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startTestServer({ JOB_POLL_MS: '50' });
});
afterAll(async () => {
  await server?.close();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  server.call(method, path, { key: server.merchantKey, body, headers });

/** A customer with an account funded with `funds` USD minor units; returns their references. */
async function customer(
  options: {
    name?: string;
    kyc?: 'verified' | 'pending';
    phone?: string | null;
    funds?: number;
    userId?: string;
  } = {},
) {
  seq += 1;
  const id = `cust_${seq}_${randomUUID().slice(0, 8)}`;
  const created = await call('POST', '/api/v1/customers', {
    id,
    name: options.name ?? `Customer ${seq}`,
    kyc_status: options.kyc ?? 'verified',
    ...(options.phone === null ? {} : { phone: options.phone ?? '+260971234567' }),
    ...(options.userId ? { user_id: options.userId } : {}),
  });
  expect(created.status).toBe(201);
  const account = `ACC${seq}${randomUUID().slice(0, 6)}`;
  expect(
    (await call('POST', '/api/v1/accounts', { number: account, customer_id: id, currency: 'USD' })).status,
  ).toBe(201);
  if (options.funds) {
    const funded = await call(
      'POST',
      `/api/v1/accounts/${account}/deposits`,
      { amount: options.funds },
      { 'idempotency-key': randomUUID() },
    );
    expect(funded.status).toBe(201);
    expect(funded.body.balance).toBe(options.funds);
  }
  return { id, account };
}

const balanceOf = async (account: string) => {
  const got = await call('GET', `/api/v1/accounts/${account}`);
  return { balance: got.body.balance as number, reserved: got.body.reserved as number };
};

/** The seed's body for a transfer of `amount` from `from`'s account to `to`'s, with a new transaction id. */
const between = (from: { id: string; account: string }, to: { account: string }, amount: number) => ({
  transaction_id: `txn_${randomUUID()}`,
  customer_id: from.id,
  amount,
  from_account: from.account,
  to_account: to.account,
});

const confirm = (body: Record<string, unknown>, key = randomUUID(), path = '/api/v1/transfers') =>
  call('POST', path, body, { 'idempotency-key': key });

/** The code in the last message sent about `transferId` (test mode keeps the text). */
async function codeFor(transferId: string): Promise<string> {
  const list = await call('GET', '/api/v1/notifications?limit=100');
  const message = list.body.data.find((n: { subject: string }) => n.subject === transferId);
  const code = /\b(\d{6})\b/.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent for ${transferId}`);
  return code;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Sum of entries per currency: zero, always. */
async function ledgerSum(): Promise<number> {
  const { rows } = await server.db.query<{ n: string }>(
    'SELECT coalesce(sum(amount), 0)::text AS n FROM ledger_entries',
  );
  return Number(rows[0]?.n);
}

describe('transfers: LOW risk', () => {
  it('moves the money at once, replays on either path with the same key, and refuses the key for another amount', async () => {
    const from = await customer({ funds: 1_000_000 });
    const to = await customer();
    const key = randomUUID();
    const body = between(from, to, 100_000);
    const first = await confirm(body, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      object: 'transfer',
      status: 'completed',
      amount: 100_000,
      currency: 'USD',
      risk: { score: 0, level: 'LOW', rules: [] },
      otp: null,
    });
    expect(await balanceOf(from.account)).toEqual({ balance: 900_000, reserved: 0 });
    expect(await balanceOf(to.account)).toEqual({ balance: 100_000, reserved: 0 });

    const again = await confirm(body, key, '/payment/confirm');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(from.account)).toEqual({ balance: 900_000, reserved: 0 });

    expectProblem(await confirm({ ...body, amount: 100_001 }, key), 422, 'idempotency_key_reused');
    expectProblem(await confirm(body), 409, 'transaction_exists');
    expect(await ledgerSum()).toBe(0);

    const events = await call('GET', '/api/v1/events?type=transfer.completed');
    expect(events.body.data.map((e: { data: { object: { id: string } } }) => e.data.object.id)).toContain(
      first.body.id,
    );
  });

  it('one transaction_id sent by two customers at once makes one transfer; the others are 409', async () => {
    const to = await customer();
    const payers = await Promise.all([1, 2, 3, 4].map(() => customer({ funds: 10_000 })));
    const txn = `txn_${randomUUID()}`;
    const answers = await Promise.all(
      payers.map((payer) =>
        confirm({
          transaction_id: txn,
          customer_id: payer.id,
          amount: 100,
          from_account: payer.account,
          to_account: to.account,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await balanceOf(to.account)).toEqual({ balance: 100, reserved: 0 });
  });

  it('runs 20 concurrent retries of one request once', async () => {
    const from = await customer({ funds: 500_000 });
    const to = await customer();
    const key = randomUUID();
    const body = between(from, to, 1_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(body, key)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await balanceOf(from.account)).toEqual({ balance: 499_000, reserved: 0 });
  });

  it('refuses what cannot be done, and writes nothing but the stored answer', async () => {
    const from = await customer({ funds: 1_000 });
    const to = await customer();
    const other = await customer({ funds: 1_000 });
    const base = { customer_id: from.id, from_account: from.account, to_account: to.account };
    const txn = () => `txn_${randomUUID()}`;
    const before = await Promise.all(
      ['transfers', 'fund_reservations', 'ledger_entries'].map((t) => server.count(t)),
    );
    const poorKey = randomUUID();
    const poor = { ...base, transaction_id: txn(), amount: 1_001 };
    expectProblem(await confirm(poor, poorKey), 422, 'insufficient_funds');
    // The refusal is the key's stored answer: the same request gets it again.
    const replayed = await confirm(poor, poorKey);
    expect([replayed.status, replayed.body.code, replayed.headers.get('idempotent-replayed')]).toEqual([
      422,
      'insufficient_funds',
      'true',
    ]);
    expectProblem(
      await confirm({ ...base, transaction_id: txn(), amount: 10, from_account: other.account }),
      422,
      'account_not_owned',
    );
    expectProblem(
      await confirm({ ...base, transaction_id: txn(), amount: 10, to_account: from.account }),
      422,
      'same_account',
    );
    expectProblem(
      await confirm({ ...base, transaction_id: txn(), amount: 10, currency: 'EUR' }),
      422,
      'currency_mismatch',
    );
    expectProblem(
      await confirm({ ...base, transaction_id: txn(), amount: 10, customer_id: 'nobody' }),
      404,
      'not_found',
    );
    expectProblem(
      await confirm({ ...base, transaction_id: txn(), amount: 10, to_account: 'NOPE' }),
      404,
      'not_found',
    );
    const after = await Promise.all(
      ['transfers', 'fund_reservations', 'ledger_entries'].map((t) => server.count(t)),
    );
    expect(after).toEqual(before);
    expect(await balanceOf(from.account)).toEqual({ balance: 1_000, reserved: 0 });
  });
});

describe('transfers: risk rules through the API', () => {
  it('KYC not verified adds 40 (LOW alone, HIGH with an amount above USD 5 000)', async () => {
    const from = await customer({ kyc: 'pending', funds: 2_000_000 });
    const to = await customer();
    const low = await confirm(between(from, to, 100));
    expect(low.body.risk).toEqual({ score: 40, level: 'LOW', rules: ['kyc_not_verified'] });
    const high = await confirm(between(from, to, 500_001));
    expect(high.status).toBe(202);
    expect(high.body.risk).toEqual({
      score: 70,
      level: 'HIGH',
      rules: ['amount_above_first_threshold', 'kyc_not_verified'],
    });

    const kyc = await call('PUT', `/api/v1/customers/${from.id}/kyc`, { status: 'verified' });
    expect(kyc.body.kyc_status).toBe('verified');
    const verified = await confirm(between(from, to, 100));
    expect(verified.body.risk).toEqual({ score: 0, level: 'LOW', rules: [] });
  });

  it('more than five transfers today adds 25, from the sixth on', async () => {
    const from = await customer({ funds: 100_000 });
    const to = await customer();
    const scores: number[] = [];
    for (let n = 0; n < 7; n++) {
      const done = await confirm(between(from, to, 10));
      scores.push(done.body.risk.score);
    }
    expect(scores).toEqual([0, 0, 0, 0, 0, 25, 25]);
  });

  it('a sanctioned party is blocked at HIGH risk with nothing moved, the attempt recorded', async () => {
    await replaceSanctionsList(server.db, 'test-sdn', [
      { entryId: '1', name: 'DOE, John Sanctioned', entityType: 'individual', programs: 'SDGT' },
    ]);
    const from = await customer({ name: 'John Sanctioned Doe', funds: 10_000 });
    const to = await customer();
    const blocked = await confirm(between(from, to, 100));
    expectProblem(blocked, 403, 'transfer_blocked');
    expect(blocked.body.risk).toEqual({ score: 100, level: 'HIGH', rules: ['sanctioned'] });
    const recorded = await call('GET', `/api/v1/transfers/${blocked.body.transfer_id}`);
    expect(recorded.body).toMatchObject({ status: 'blocked', failure_code: 'sanctions_match' });
    expect(await balanceOf(from.account)).toEqual({ balance: 10_000, reserved: 0 });
    expect(await balanceOf(to.account)).toEqual({ balance: 0, reserved: 0 });

    // The beneficiary is screened too.
    const payer = await customer({ funds: 10_000 });
    const sanctionedPayee = await customer({ name: 'john doe sanctioned' });
    expectProblem(await confirm(between(payer, sanctionedPayee, 100)), 403, 'transfer_blocked');
    expect(await balanceOf(payer.account)).toEqual({ balance: 10_000, reserved: 0 });
  });
});

describe('transfers: OTP step-up on the same Idempotency-Key', () => {
  async function highRisk() {
    const from = await customer({ funds: 3_000_000 });
    const to = await customer();
    const key = randomUUID();
    const body = between(from, to, 1_500_000);
    const first = await confirm(body, key);
    expect(first.status).toBe(202);
    return { from, to, key, body, first };
  }

  it('holds the funds, sends a code, refuses a wrong one without using the key, completes with the right one', async () => {
    const { from, to, key, body, first } = await highRisk();
    expect(first.body).toMatchObject({
      status: 'requires_otp',
      risk: {
        score: 50,
        level: 'HIGH',
        rules: ['amount_above_first_threshold', 'amount_above_second_threshold'],
      },
      otp: { channel: 'sms', recipient: '+26097•••4567', sends: 1 },
    });
    expect(await balanceOf(from.account)).toEqual({ balance: 3_000_000, reserved: 1_500_000 });
    const code = await codeFor(first.body.id);
    // The code is in the message only: never in the answer, the transfer or the audit log.
    const { rows } = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE new_values::text LIKE '%' || $1 || '%'`,
      [code],
    );
    expect(rows[0]?.n).toBe(0);
    expect(JSON.stringify(first.body)).not.toContain(code);

    const replay = await confirm(body, key);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const bad = await confirm({ ...body, otp: wrong(code) }, key);
    expectProblem(bad, 403, 'otp_invalid');
    expect(bad.body.attempts_left).toBe(2);

    const done = await confirm({ ...body, otp: code }, key, '/payment/confirm');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ id: first.body.id, status: 'completed' });
    expect(await balanceOf(from.account)).toEqual({ balance: 1_500_000, reserved: 0 });
    expect(await balanceOf(to.account)).toEqual({ balance: 1_500_000, reserved: 0 });

    const after = await confirm({ ...body, otp: code }, key);
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body).toEqual(done.body);
    expectProblem(
      await confirm({ ...body, amount: 1_500_001, otp: code }, key),
      422,
      'idempotency_key_reused',
    );
    expect(await ledgerSum()).toBe(0);

    // The worker sends the message; test mode keeps its text.
    await waitFor(
      () => call('GET', '/api/v1/notifications?limit=100'),
      (list) =>
        list.body.data.find((n: { subject: string }) => n.subject === first.body.id)?.status === 'sent',
    );
  });

  it('takes 10 concurrent submissions of the right code once', async () => {
    const { from, to, key, body, first } = await highRisk();
    const code = await codeFor(first.body.id);
    const answers = await Promise.all(Array.from({ length: 10 }, () => confirm({ ...body, otp: code }, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([first.body.id]));
    expect(await balanceOf(from.account)).toEqual({ balance: 1_500_000, reserved: 0 });
    expect(await balanceOf(to.account)).toEqual({ balance: 1_500_000, reserved: 0 });
  });

  it.skipIf(!realPostgresUrl)(
    'the expiry worker skips a transfer whose code step holds it, and expires it afterwards (no deadlock)',
    async () => {
      const { first } = await highRisk();
      await server.db.query(
        `UPDATE fund_reservations SET expires_at = now() - interval '1 second'
          WHERE id = (SELECT reservation_id FROM transfers WHERE id = $1)`,
        [first.body.id],
      );
      await server.db.transaction(async (tx) => {
        await tx.query('SELECT id FROM transfers WHERE id = $1 FOR UPDATE', [first.body.id]);
        await expireDue(server.db, 100, failExpiredTransfer);
        const { rows } = await tx.query<{ status: string }>('SELECT status FROM transfers WHERE id = $1', [
          first.body.id,
        ]);
        expect(rows[0]?.status).toBe('requires_otp');
      });
      await expireDue(server.db, 100, failExpiredTransfer);
      expect((await call('GET', `/api/v1/transfers/${first.body.id}`)).body.status).toBe('failed');
    },
  );

  it('locks after three wrong codes: the transfer fails, the hold is released, the answer is final', async () => {
    const { from, key, body, first } = await highRisk();
    const code = await codeFor(first.body.id);
    expect((await confirm({ ...body, otp: wrong(code) }, key)).body.attempts_left).toBe(2);
    expect((await confirm({ ...body, otp: wrong(code) }, key)).body.attempts_left).toBe(1);
    expectProblem(await confirm({ ...body, otp: wrong(code) }, key), 403, 'otp_locked');
    // Final: even the right code now gets the stored refusal (with the first request's id).
    const replay = await confirm({ ...body, otp: code }, key);
    expect([replay.status, replay.body.code, replay.headers.get('idempotent-replayed')]).toEqual([
      403,
      'otp_locked',
      'true',
    ]);
    expect(await balanceOf(from.account)).toEqual({ balance: 3_000_000, reserved: 0 });
    const transfer = await call('GET', `/api/v1/transfers/${first.body.id}`);
    expect(transfer.body).toMatchObject({ status: 'failed', failure_code: 'otp_locked' });
  });

  it('refuses an expired code; a re-sent one completes the transfer', async () => {
    const { key, body, first } = await highRisk();
    const old = await codeFor(first.body.id);
    await server.db.query(
      `UPDATE otp_challenges SET expires_at = now() - interval '1 second', last_sent_at = now() - interval '1 minute'
        WHERE subject = $1`,
      [first.body.id],
    );
    expectProblem(await confirm({ ...body, otp: old }, key), 403, 'otp_expired');
    const resent = await call('POST', `/api/v1/transfers/${first.body.id}/otp`);
    expect(resent.status).toBe(202);
    expect(resent.body.otp.sends).toBe(2);
    expectProblem(await call('POST', `/api/v1/transfers/${first.body.id}/otp`), 429, 'otp_resend_limited');
    const code = await codeFor(first.body.id);
    expect((await confirm({ ...body, otp: code }, key)).status).toBe(201);
    expectProblem(await call('POST', `/api/v1/transfers/${first.body.id}/otp`), 409, 'otp_not_required');
  });

  it('releases the hold when the code never comes; the code then gets transfer_expired', async () => {
    const { from, key, body, first } = await highRisk();
    const code = await codeFor(first.body.id);
    await server.db.query(
      `UPDATE fund_reservations SET expires_at = now() - interval '1 second'
        WHERE id = (SELECT reservation_id FROM transfers WHERE id = $1)`,
      [first.body.id],
    );
    expect(await expireDue(server.db, 100, failExpiredTransfer)).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(from.account)).toEqual({ balance: 3_000_000, reserved: 0 });
    expect((await call('GET', `/api/v1/transfers/${first.body.id}`)).body).toMatchObject({
      status: 'failed',
      failure_code: 'hold_expired',
    });
    expectProblem(await confirm({ ...body, otp: code }, key), 422, 'transfer_expired');
    const events = await call('GET', '/api/v1/events?type=transfer.failed');
    expect(events.body.data.map((e: { data: { object: { id: string } } }) => e.data.object.id)).toContain(
      first.body.id,
    );
  });

  it('a HIGH-risk transfer for a customer with no phone or e-mail is refused before anything is held', async () => {
    const from = await customer({ funds: 2_000_000, phone: null });
    const to = await customer();
    expectProblem(await confirm(between(from, to, 1_500_000)), 422, 'no_otp_channel');
    expect(await balanceOf(from.account)).toEqual({ balance: 2_000_000, reserved: 0 });
  });
});

describe('transfers: to a partner bank (the test-mode simulator)', () => {
  const toBank = async (account: string, amount = 10_000) => {
    const from = await customer({ funds: 100_000 });
    const sent = await confirm({
      transaction_id: `txn_${randomUUID()}`,
      customer_id: from.id,
      amount,
      from_account: from.account,
      to_account: account,
      to_bank: 'sandbox_bank',
    });
    return { from, sent };
  };
  const settled = (id: string) =>
    waitFor(
      () => call('GET', `/api/v1/transfers/${id}`),
      (got) => got.body.status !== 'processing',
    );

  it('holds the funds while the bank is paid, then posts them when it credits', async () => {
    const { from, sent } = await toBank('BANK12345678');
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      status: 'processing',
      to_bank: 'sandbox_bank',
      to_account: 'BANK12345678',
    });
    const done = await settled(sent.body.id);
    expect(done.body).toMatchObject({ status: 'completed', bank_reference: `sbk_${sent.body.id}` });
    expect(await balanceOf(from.account)).toEqual({ balance: 90_000, reserved: 0 });
    expect(await ledgerSum()).toBe(0);
  });

  it('releases the hold when the bank declines', async () => {
    const { from, sent } = await toBank('BANK00000001');
    const done = await settled(sent.body.id);
    expect(done.body).toMatchObject({ status: 'failed', failure_code: 'bank_account_closed' });
    expect(await balanceOf(from.account)).toEqual({ balance: 100_000, reserved: 0 });
    const events = await call('GET', '/api/v1/events?type=transfer.failed');
    expect(events.body.data.map((e: { data: { object: { id: string } } }) => e.data.object.id)).toContain(
      sent.body.id,
    );
  });

  it('after a timeout asks the bank before sending again, and pays once', async () => {
    const { from, sent } = await toBank('BANK00000002');
    const done = await settled(sent.body.id);
    expect(done.body).toMatchObject({ status: 'completed', bank_reference: `sbk_${sent.body.id}` });
    expect(await balanceOf(from.account)).toEqual({ balance: 90_000, reserved: 0 });
  });

  it('refuses a bank this server does not pay into, and a HIGH-risk one waits for its code first', async () => {
    const from = await customer({ funds: 2_000_000 });
    expectProblem(
      await confirm({
        transaction_id: `txn_${randomUUID()}`,
        customer_id: from.id,
        amount: 100,
        from_account: from.account,
        to_account: 'X1',
        to_bank: 'elsewhere',
      }),
      422,
      'bank_not_supported',
    );
    const key = randomUUID();
    const body = {
      transaction_id: `txn_${randomUUID()}`,
      customer_id: from.id,
      amount: 1_500_000,
      from_account: from.account,
      to_account: 'BANK77770000',
      to_bank: 'sandbox_bank',
    };
    const first = await confirm(body, key);
    expect(first.body.status).toBe('requires_otp');
    const stepped = await confirm({ ...body, otp: await codeFor(first.body.id) }, key);
    expect(stepped.status).toBe(202);
    expect(stepped.body.status).toBe('processing');
    expect((await settled(first.body.id)).body.status).toBe('completed');
    expect(await balanceOf(from.account)).toEqual({ balance: 500_000, reserved: 0 });
  });
});

describe("transfers: seed 002's demo in the sandbox", () => {
  it("runs the seed's curl commands: the demo user signs in and confirms for cust_001", async () => {
    const login = await server.call('POST', '/auth/login', {
      key: null,
      body: { username: 'demo', password: 'password123' },
    });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const seedCall = (body: Record<string, unknown>, key: string) =>
      server.call('POST', '/payment/confirm', { key: token, body, headers: { 'idempotency-key': key } });
    const low = await seedCall(
      {
        transaction_id: 'txn_001',
        customer_id: 'cust_001',
        amount: 100_000,
        from_account: 'ACC001',
        to_account: 'ACC002',
      },
      randomUUID(),
    );
    expect(low.status).toBe(201);
    expect(low.body.status).toBe('completed');

    const key = randomUUID();
    const body = {
      transaction_id: 'txn_002',
      customer_id: 'cust_001',
      amount: 1_500_000,
      from_account: 'ACC001',
      to_account: 'ACC002',
    };
    const high = await seedCall(body, key);
    expect(high.status).toBe(202);
    const done = await seedCall({ ...body, otp: await codeFor(high.body.id) }, key);
    expect(done.status).toBe(201);
    expect(await balanceOf('ACC001')).toEqual({ balance: 2_000_000 - 1_600_000, reserved: 0 });
    expect(await balanceOf('ACC002')).toEqual({ balance: 1_600_000, reserved: 0 });
  });
});

describe('notifications', () => {
  it('never shows the text of a live message, which may hold a code', () => {
    const row = {
      id: 'ntf_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
      merchant_id: 'mer_x',
      channel: 'sms' as const,
      recipient: '+260971234567',
      purpose: 'transfer_otp' as const,
      subject: 'trf_x',
      body: 'Molam: 123456 is your code',
      status: 'queued' as const,
      attempts: 0,
      last_error: null,
      created_at: new Date(),
      sent_at: null,
    };
    expect(presentNotification({ ...row, mode: 'live' }).body).toBeNull();
    expect(presentNotification({ ...row, mode: 'test' }).body).toBe(row.body);
  });
});

describe('transfers: who may act', () => {
  it("one user's Idempotency-Key never replays another user's answer", async () => {
    const token = async (userId: string) => {
      const minted = await server.call('POST', '/api/v1/dev/tokens', {
        body: { user_id: userId, roles: ['customer'], merchant_id: server.merchantId },
      });
      return minted.body.token as string;
    };
    const owner = await customer({ funds: 2_000_000, userId: 'usr_key_owner' });
    const to = await customer();
    const held = await confirm(between(owner, to, 1_500_000));
    expect(held.body.status).toBe('requires_otp');
    await server.db.query(
      `UPDATE otp_challenges SET last_sent_at = now() - interval '1 minute' WHERE subject = $1`,
      [held.body.id],
    );
    const key = randomUUID();
    const resend = (as: string) =>
      server.call('POST', `/api/v1/transfers/${held.body.id}/otp`, {
        key: as,
        headers: { 'idempotency-key': key },
      });
    expect((await resend(await token('usr_key_owner'))).status).toBe(202);
    // Another payer of the same merchant, the same key and request: their own request (404), not a replay.
    const other = await resend(await token('usr_key_guesser'));
    expectProblem(other, 404, 'not_found');
    expect(other.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a Molam ID customer confirms and lists transfers of their own customers only', async () => {
    const mint = await server.call('POST', '/api/v1/dev/tokens', {
      body: { user_id: 'usr_payer_1', roles: ['customer'], merchant_id: server.merchantId },
    });
    expect(mint.status).toBe(201);
    const token = mint.body.token as string;
    const mine = await customer({ funds: 10_000, userId: 'usr_payer_1' });
    const theirs = await customer({ funds: 10_000, userId: 'usr_someone_else' });
    const to = await customer();
    const asUser = (body: Record<string, unknown>) =>
      server.call('POST', '/payment/confirm', {
        key: token,
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
    const own = await asUser(between(mine, to, 100));
    expect(own.status).toBe(201);
    expectProblem(await asUser(between(theirs, to, 100)), 404, 'not_found');
    const listed = await server.call('GET', '/api/v1/transfers', { key: token });
    expect(listed.body.data.map((t: { customer_id: string }) => t.customer_id)).toEqual([mine.id]);
    // A viewer who is also a payer reads every transfer, but moves only their own customers' money.
    const mixed = await server.call('POST', '/api/v1/dev/tokens', {
      body: {
        user_id: 'usr_payer_1',
        roles: ['customer', 'merchant_viewer'],
        merchant_id: server.merchantId,
      },
    });
    const mixedToken = mixed.body.token as string;
    expectProblem(
      await server.call('POST', '/api/v1/transfers', {
        key: mixedToken,
        body: between(theirs, to, 100),
        headers: { 'idempotency-key': randomUUID() },
      }),
      404,
      'not_found',
    );
    const all = await server.call('GET', `/api/v1/transfers?customer_id=${theirs.id}`, { key: mixedToken });
    expect(all.status).toBe(200);
    // Customers and accounts are the merchant's to manage, not the payer's.
    expectProblem(
      await server.call('GET', '/api/v1/customers', { key: token }),
      403,
      'user_token_not_accepted',
    );
  });
});

describe("transfers: seed 002's rate limit", () => {
  it('counts confirmations and sign-ins per address, and not reads', async () => {
    const limited = await startTestServer({ TRANSFER_RATE_LIMIT_MAX: '3' });
    try {
      const post = () =>
        limited.call('POST', '/payment/confirm', {
          key: limited.merchantKey,
          body: {
            transaction_id: 'txn_x',
            customer_id: 'nobody',
            amount: 1,
            from_account: 'A',
            to_account: 'B',
          },
          headers: { 'idempotency-key': randomUUID() },
        });
      for (let n = 0; n < 3; n++) expect((await post()).status).toBe(404);
      for (let n = 0; n < 5; n++)
        expect((await limited.call('GET', '/api/v1/transfers', { key: limited.merchantKey })).status).toBe(
          200,
        );
      expectProblem(await post(), 429, 'rate_limited');
      expectProblem(
        await limited.call('POST', '/auth/login', { key: null, body: { username: 'demo', password: 'x' } }),
        429,
        'rate_limited',
      );
    } finally {
      await limited.close();
    }
  });
});
