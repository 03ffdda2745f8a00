import {
  MolamConnectionError,
  MolamTimeoutError,
  type Payment,
  type PaymentCreateParams,
  type PaymentListParams,
  type PaymentWaitOptions,
  type RequestOptions,
} from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import type { MolamClient } from '../src/api/client.js';
import { run as createPayment } from '../src/commands/payments/create.js';
import { metadataEntry, normalizeMsisdn } from '../src/commands/payments/options.js';
import { UsageError } from '../src/errors.js';
import { main } from '../src/main.js';
import { amountProblem, formatMoney } from '../src/money.js';
import { type FakeClientParts, fakeClient, fakeDeps, pagesOf } from './helpers/fake-deps.js';
import { type FakeIOOptions, fakeIO } from './helpers/fake-io.js';
import { attempt, PAYMENT_ID, payment, record } from './helpers/fixtures.js';

const env = {
  MOLAM_API_KEY: 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456',
  MOLAM_CONFIG_DIR: '/nonexistent/molam',
};
const GENERATED_KEY = /^cli-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Created {
  body: PaymentCreateParams;
  opts: RequestOptions | undefined;
}

/** A client whose `create` records what it got and answers a pending payment built from the body. */
function creatingClient(created: Created[], parts: FakeClientParts = {}): MolamClient {
  return fakeClient({
    ...parts,
    payments: {
      create: async (body, opts) =>
        record(
          created,
          { body, opts },
          payment(
            body.flow === 'collection'
              ? { ...body, payer: body.payer, payee: null }
              : { ...body, payer: null, payee: body.payee },
          ),
        ),
      ...parts.payments,
    },
  });
}

/** `waitFor` that shows each state to `onPoll`, then answers the last one. */
function settlingWith(...states: Payment[]): MolamClient['payments']['waitFor'] {
  return async (_id, opts?: PaymentWaitOptions) => {
    for (const state of states) opts?.onPoll?.(state);
    return states[states.length - 1] as Payment;
  };
}

async function molam(argv: string[], client: MolamClient, io: FakeIOOptions = {}) {
  const fake = fakeIO({ env, ...io });
  const deps = fakeDeps({ client });
  const code = await main(argv, fake, deps);
  return { code, out: fake.out(), err: fake.err(), deps };
}

const COLLECT = ['payments', 'create', '--payer', '260971234567', '--amount', '1250', '--currency', 'ZMW'];

describe('money', () => {
  it('formats minor units with the currency exponent', () => {
    expect(formatMoney(1250, 'ZMW')).toBe('12.50 ZMW');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(1000, 'XOF')).toBe('1000 XOF');
    expect(formatMoney(5, 'KWD')).toBe('0.005 KWD');
    expect(formatMoney(1250, 'ABC')).toBe('1250 ABC (minor units)');
  });

  it('accepts whole numbers of minor units in range', () => {
    expect(amountProblem('1250', 'ZMW', '--amount')).toBeNull();
    expect(amountProblem('1', undefined, '--amount')).toBeNull();
    expect(amountProblem('0', 'ZMW', '--amount')).toMatch(/from 1 to 100000000000/);
    expect(amountProblem('100000000001', 'ZMW', '--amount')).toMatch(/from 1 to/);
  });

  it('refuses a decimal and names the minor-units value to use', () => {
    expect(amountProblem('12.50', 'ZMW', '--amount')).toBe(
      '--amount is a whole number of minor units: use --amount 1250 for 12.50 ZMW.',
    );
    expect(amountProblem('12.5', 'zmw', '--amount')).toContain('use --amount 1250 for 12.50 ZMW');
    expect(amountProblem('1000.00', 'XOF', '--amount')).toContain('use --amount 1000 for 1000 XOF');
    expect(amountProblem('1.25', 'KWD', '--amount')).toContain('use --amount 1250 for 1.250 KWD');
    expect(amountProblem('12.50', 'ZMW')).toBe(
      'the amount is a whole number of minor units: use 1250 for 12.50 ZMW.',
    );
  });

  it('explains amounts a currency cannot have, and text that is no number', () => {
    expect(amountProblem('1000.5', 'XOF', '--amount')).toMatch(/XOF has no minor unit/);
    expect(amountProblem('12.505', 'ZMW', '--amount')).toMatch(/ZMW has 2 decimals/);
    expect(amountProblem('12.50', undefined, '--amount')).toMatch(
      /2 decimals .* use --amount 1250 for 12.50/,
    );
    expect(amountProblem('12,50', 'ZMW', '--amount')).toMatch(/whole number of minor units/);
    expect(amountProblem('-5', 'ZMW', '--amount')).toMatch(/whole number/);
    expect(amountProblem('0.00', 'ZMW', '--amount')).toMatch(/at least 1 minor unit/);
  });
});

describe('payment flag parsers', () => {
  it('normalizes phone numbers', () => {
    expect(normalizeMsisdn('+260 97-123 4567')).toBe('260971234567');
    expect(normalizeMsisdn('0971234567')).toBeUndefined();
    expect(normalizeMsisdn('12345')).toBeUndefined();
  });

  it('collects metadata and refuses malformed or repeated keys', () => {
    expect(metadataEntry('b=x=y', metadataEntry('a=1', undefined))).toEqual({ a: '1', b: 'x=y' });
    expect(() => metadataEntry('novalue', undefined)).toThrow(/key=value/);
    expect(() => metadataEntry('bad key=1', undefined)).toThrow(/Metadata key/);
    expect(() => metadataEntry('a=2', { a: '1' })).toThrow(/twice/);
  });
});

describe('molam payments create', () => {
  it('sends the body with a generated idempotency key, which is also the external id, and prints it', async () => {
    const created: Created[] = [];
    const result = await molam(
      [...COLLECT, '--description', "Order 1042's", '--metadata', 'order=1042'],
      creatingClient(created),
    );
    expect(result.code).toBe(0);
    const [call] = created;
    const key = call?.opts?.idempotencyKey ?? '';
    expect(key).toMatch(GENERATED_KEY);
    expect(call?.body).toEqual({
      external_id: key,
      flow: 'collection',
      amount: 1250,
      currency: 'ZMW',
      payer: '260971234567',
      description: "Order 1042's",
      metadata: { order: '1042' },
    });
    expect(result.err).toContain(`Idempotency key: ${key}\n`);
    expect(result.err).toContain(
      `To retry without paying twice: molam payments create --flow collection --amount 1250 --currency ZMW ` +
        `--payer 260971234567 --description 'Order 1042'\\''s' --metadata order=1042 --idempotency-key ${key}\n`,
    );
    expect(result.err).toContain('Creating a collection of 12.50 ZMW from 260971234567');
    expect(result.out).toContain('amount       12.50 ZMW\n');
    expect(result.out).toContain(`external id  ${key}\n`);
  });

  it('--json prints only the payment plus idempotency_key, nothing on stderr', async () => {
    const created: Created[] = [];
    const result = await molam(['--json', ...COLLECT], creatingClient(created));
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const printed = JSON.parse(result.out);
    expect(printed).toMatchObject({ id: PAYMENT_ID, amount: 1250, status: 'pending' });
    expect(printed.idempotency_key).toBe(created[0]?.opts?.idempotencyKey);
  });

  it('uses a given idempotency key without printing it, as the external id unless one is given', async () => {
    const created: Created[] = [];
    const client = creatingClient(created);
    const quiet = await molam([...COLLECT, '--idempotency-key', 'order-1042-try'], client);
    expect(quiet.err).not.toContain('Idempotency key');
    await molam([...COLLECT, '--idempotency-key', 'order-1042-try', '--external-id', 'order-1042'], client);
    expect(created.map(({ body, opts }) => [body.external_id, opts?.idempotencyKey])).toEqual([
      ['order-1042-try', 'order-1042-try'],
      ['order-1042', 'order-1042-try'],
    ]);
    const unfit = await molam([...COLLECT, '--idempotency-key', 'key/with/slashes'], client);
    expect(unfit.code).toBe(2);
    expect(unfit.err).toContain('Give --external-id');
    expect(created).toHaveLength(2);
  });

  it('takes the flow from --payer or --payee, and refuses a counterparty that does not fit', async () => {
    const created: Created[] = [];
    const client = creatingClient(created);
    await molam(
      ['payments', 'create', '--payee', '+260 971 234 567', '--amount', '5', '--currency', 'eur'],
      client,
    );
    expect(created[0]?.body).toMatchObject({ flow: 'disbursement', payee: '260971234567', currency: 'EUR' });
    for (const argv of [
      [...COLLECT, '--flow', 'disbursement'],
      [...COLLECT, '--payee', '260971234568'],
      ['payments', 'create', '--payer', '12', '--amount', '5', '--currency', 'ZMW'],
      [...COLLECT, '--timeout', '10'],
      [...COLLECT, '--provider', 'orange'],
    ]) {
      const result = await molam(argv, client);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
    }
    expect(created).toHaveLength(1);
  });

  it('refuses a decimal amount with the minor-units value to use, exit 2, before any request', async () => {
    const result = await molam(
      ['payments', 'create', '--payer', '260971234567', '--amount', '12.50', '--currency', 'ZMW'],
      fakeClient(),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('use --amount 1250 for 12.50 ZMW');
    expect(result.deps.clientOptions).toEqual([]);
    const json = await molam(
      ['--json', 'payments', 'create', '--amount', '1000.5', '--currency', 'XOF'],
      fakeClient(),
    );
    expect(json.out).toBe('');
    expect(JSON.parse(json.err).error).toMatchObject({
      code: 'usage_error',
      detail: expect.stringMatching(/XOF/),
    });
  });

  it('prompts for each missing value on a terminal, in order, with the currency in the amount question', async () => {
    const created: Created[] = [];
    const deps = fakeDeps({
      client: creatingClient(created),
      answers: { text: ['Collection', 'zmw', '1250', '+260971234567'] },
    });
    await createPayment({ json: true }, fakeIO({ env, stdinTTY: true }), deps);
    expect(deps.questions).toEqual([
      'Flow (collection: from a payer; disbursement: to a payee):',
      'Currency (ISO 4217, such as ZMW):',
      'Amount in minor units of ZMW (1250 = 12.50 ZMW):',
      'Payer phone number (such as 260971234567):',
    ]);
    expect(created[0]?.body).toMatchObject({
      flow: 'collection',
      currency: 'ZMW',
      amount: 1250,
      payer: '260971234567',
    });
  });

  it('never prompts without a terminal: a missing value is a usage error', async () => {
    const deps = fakeDeps();
    const missing = createPayment(
      { json: false, payer: '260971234567', amount: '1250' },
      fakeIO({ env }),
      deps,
    );
    await expect(missing).rejects.toThrow(UsageError);
    await expect(
      createPayment({ json: false, payer: '260971234567', amount: '1250' }, fakeIO({ env }), deps),
    ).rejects.toThrow('Missing required option --currency.');
    expect(deps.questions).toEqual([]);
    expect(deps.clientOptions).toEqual([]);
  });

  it('names the idempotency key when the request fails, so the retry is safe', async () => {
    const lost = new MolamConnectionError({
      status: 0,
      code: 'connection_failed',
      title: 'Connection failed',
    });
    const client = fakeClient({ payments: { create: async () => Promise.reject(lost) } });
    const json = await molam(['--json', ...COLLECT, '--idempotency-key', 'order-1042-try'], client);
    expect(json.code).toBe(1);
    expect(json.out).toBe('');
    expect(JSON.parse(json.err).error).toMatchObject({
      code: 'connection_failed',
      status: 0,
      idempotency_key: 'order-1042-try',
    });
    const human = await molam(COLLECT, client);
    expect(human.err).toMatch(/Idempotency key: cli-[^ ]+ \(repeat the command with --idempotency-key cli-/);
  });

  describe('--wait', () => {
    it('exits 0 with the successful payment', async () => {
      const client = creatingClient([], {
        payments: { waitFor: settlingWith(payment(), payment({ status: 'successful' })) },
      });
      const result = await molam(['--json', ...COLLECT, '--wait'], client);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(JSON.parse(result.out)).toMatchObject({
        status: 'successful',
        idempotency_key: expect.any(String),
      });
    });

    it('exits 1 when the payment failed, printing it and its failure code', async () => {
      const failed = payment({
        status: 'failed',
        failure: { code: 'approval_rejected', message: 'The payer declined.' },
      });
      const client = creatingClient([], { payments: { waitFor: settlingWith(failed) } });
      const json = await molam(['--json', ...COLLECT, '--wait'], client);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({
        status: 'failed',
        failure: { code: 'approval_rejected' },
      });
      expect(JSON.parse(json.err).error).toMatchObject({
        code: 'payment_failed',
        detail: `Payment ${PAYMENT_ID} failed: approval_rejected (The payer declined.).`,
      });
      const human = await molam([...COLLECT, '--wait'], client);
      expect(human.code).toBe(1);
      expect(human.out).toContain('failure      approval_rejected: The payer declined.');
      expect(human.err).toContain('Error: Payment pay_');
    });
  });
});

describe('molam payments watch', () => {
  const WATCH = ['payments', 'watch', PAYMENT_ID];

  it('exit 0 once successful; in JSON or piped mode no status line, only the final JSON', async () => {
    const client = fakeClient({
      payments: { waitFor: settlingWith(payment(), payment(), payment({ status: 'successful' })) },
    });
    const result = await molam([...WATCH, '--json'], client, { stdoutTTY: false, stderrTTY: true });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({ id: PAYMENT_ID, status: 'successful' });
    const piped = await molam(WATCH, client);
    expect(piped.err).not.toContain('\r');
    expect(piped.out).toContain('status       successful');
  });

  it('draws a live status line on a terminal, rewritten with \\r and erased at the end', async () => {
    const client = fakeClient({
      payments: { waitFor: settlingWith(payment(), payment({ status: 'successful' })) },
    });
    const result = await molam(WATCH, client, { stderrTTY: true });
    expect(result.code).toBe(0);
    expect(result.err.startsWith(`\r⠋ ${PAYMENT_ID} waiting (0 s)\x1b[K`)).toBe(true);
    expect(result.err).toContain(`\r⠙ ${PAYMENT_ID} pending (0 s)\x1b[K`);
    expect(result.err).toContain(`\r\x1b[K✓ Payment ${PAYMENT_ID} is successful: 12.50 ZMW.\n`);
    expect(result.out).not.toContain('\r');
  });

  it('exit 1 when failed', async () => {
    const client = fakeClient({
      payments: {
        waitFor: settlingWith(payment({ status: 'failed', failure: { code: 'expired', message: 'x' } })),
      },
    });
    const result = await molam(WATCH, client);
    expect(result.code).toBe(1);
    expect(result.err).toContain('failed: expired');
  });

  it('exit 1 at the timeout, printing the payment as last seen', async () => {
    const timedOut = new MolamTimeoutError({
      status: 0,
      code: 'wait_timeout',
      title: 'Timed out waiting for the payment',
      payment: payment(),
    });
    const waits: (PaymentWaitOptions | undefined)[] = [];
    const client = fakeClient({
      payments: { waitFor: async (_id, opts) => record(waits, opts, Promise.reject(timedOut)) },
    });
    const result = await molam([...WATCH, '--timeout', '5', '--json'], client);
    expect(result.code).toBe(1);
    expect(waits[0]?.timeoutMs).toBe(5000);
    expect(JSON.parse(result.out)).toMatchObject({ status: 'pending' });
    expect(JSON.parse(result.err).error).toMatchObject({
      code: 'wait_timeout',
      status: null,
      detail: expect.stringContaining(`Gave up after 5 s: payment ${PAYMENT_ID} is still pending`),
    });
    expect((await molam([...WATCH, '--timeout', '0'], client)).code).toBe(2);
  });

  it('passes other errors on (exit 1, the API error)', async () => {
    const lost = new MolamConnectionError({
      status: 0,
      code: 'connection_failed',
      title: 'Connection failed',
    });
    const client = fakeClient({ payments: { waitFor: async () => Promise.reject(lost) } });
    const result = await molam([...WATCH, '--json'], client);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.err).error.code).toBe('connection_failed');
  });
});

describe('molam payments list, get, attempts', () => {
  it('maps the filters to the API and prints amounts with their decimals', async () => {
    const queries: (PaymentListParams | undefined)[] = [];
    const client = fakeClient({
      payments: { list: (params) => record(queries, params, pagesOf([[payment({ status: 'successful' })]])) },
    });
    const result = await molam(
      [
        'payments',
        'list',
        '--status',
        'successful',
        '--provider',
        'sandbox',
        '--flow',
        'collection',
        '--since',
        '2026-11-01T00:00:00+02:00',
        '--until',
        '2026-12-01T00:00:00Z',
        '--limit',
        '5',
      ],
      client,
    );
    expect(queries).toEqual([
      {
        limit: 5,
        status: 'successful',
        provider: 'sandbox',
        flow: 'collection',
        created_gte: '2026-10-31T22:00:00.000Z',
        created_lt: '2026-12-01T00:00:00.000Z',
      },
    ]);
    expect(result.out).toBe(
      `${PAYMENT_ID}\t2026-11-22T09:30:00.000Z\tcollection\t12.50 ZMW\tsuccessful\tsandbox\t260971234567\torder-1042\n`,
    );
    const backwards = await molam(
      ['payments', 'list', '--since', '2026-12-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z'],
      client,
    );
    expect(backwards.code).toBe(2);
    expect((await molam(['payments', 'list', '--status', 'done'], client)).code).toBe(2);
  });

  it('--all follows every page; --json keeps the list shape with integer amounts', async () => {
    const client = fakeClient({
      payments: { list: () => pagesOf([[payment()], [payment({ id: 'pay_2', amount: 99 })]]) },
    });
    const result = await molam(['payments', 'list', '--all', '--json'], client);
    expect(JSON.parse(result.out)).toMatchObject({
      object: 'list',
      has_more: false,
      data: [{ amount: 1250 }, { id: 'pay_2', amount: 99 }],
    });
  });

  it('gets one payment', async () => {
    const client = fakeClient({ payments: { get: async () => payment({ metadata: { order: '1042' } }) } });
    const result = await molam(['payments', 'get', PAYMENT_ID, '--json'], client);
    expect(JSON.parse(result.out)).toEqual(payment({ metadata: { order: '1042' } }));
    const human = await molam(['payments', 'get', PAYMENT_ID], client);
    expect(human.out).toContain('metadata     order=1042\n');
  });

  it('lists the attempts: time, provider, operation, HTTP status, decision, duration', async () => {
    const ids: string[] = [];
    const client = fakeClient({
      payments: {
        attempts: (id) =>
          record(
            ids,
            id,
            pagesOf([[attempt(), attempt({ operation: 'status', http_status: null, error: 'timeout' })]]),
          ),
      },
    });
    const result = await molam(['payments', 'attempts', PAYMENT_ID], client);
    expect(ids).toEqual([PAYMENT_ID]);
    expect(result.out).toBe(
      '2026-11-22T09:30:01.000Z\tsandbox\tsubmit\t202\taccepted\t3 ms\t-\n' +
        '2026-11-22T09:30:01.000Z\tsandbox\tstatus\t-\taccepted\t3 ms\ttimeout\n',
    );
  });
});
