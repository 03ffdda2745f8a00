import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterOptions } from '../../src/payments/providers/adapter-options.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { type MtnFake, startMtnFake } from '../fakes/mtn-fake.js';
import { mtnAdapterFor } from './adapters.js';
import { collectCalls, expectRedacted, recordSleeps, testPayment } from './helpers.js';

let fake: MtnFake;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

const mtnAdapter = (env: Record<string, string> = {}, options: AdapterOptions = {}) =>
  mtnAdapterFor(fake, { sleep, ...options }, env);

beforeAll(async () => {
  fake = await startMtnFake();
  adapter = mtnAdapter();
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

const apiRequests = () => fake.requests.filter((request) => !request.path.endsWith('/token/'));

describe('MTN submit: the wire format', () => {
  it('gets a token with Basic auth, then requests to pay with MTN headers and a major-unit amount', async () => {
    const payment = testPayment({ callbackUrl: 'https://molam.example/api/v1/webhooks/mtn' });
    const { log, calls } = collectCalls();
    expect(await adapter.submit(payment, log)).toEqual({ kind: 'accepted' });
    const token = fake.requests.find((request) => request.path === '/collection/token/');
    const { apiUser, apiKey, subscriptionKey } = fake.credentials.collection;
    expect(token?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${apiUser}:${apiKey}`).toString('base64')}`,
    );
    expect(token?.headers['ocp-apim-subscription-key']).toBe(subscriptionKey);
    const request = apiRequests().at(-1);
    expect(request?.path).toBe('/collection/v1_0/requesttopay');
    expect(request?.headers).toMatchObject({
      authorization: expect.stringMatching(/^Bearer .+/),
      'x-reference-id': payment.reference,
      'x-target-environment': 'sandbox',
      'ocp-apim-subscription-key': subscriptionKey,
      'x-callback-url': payment.callbackUrl,
    });
    expect(request?.json).toEqual({
      amount: '12.50',
      currency: 'ZMW',
      externalId: payment.paymentId,
      payer: { partyIdType: 'MSISDN', partyId: '260971234567' },
      payerMessage: 'Order 42',
      payeeNote: 'Order 42',
    });
    expect(calls.map((call) => [call.operation, call.httpStatus, call.decision])).toEqual([
      ['token', 200, 'answered'],
      ['submit', 202, 'accepted'],
    ]);
  });

  it('sends 1000 XOF as "1000", and omits X-Callback-Url when there is none', async () => {
    await adapter.submit(testPayment({ amount: 1000, currency: 'XOF' }), collectCalls().log);
    const request = apiRequests().at(-1);
    expect(request?.json).toMatchObject({ amount: '1000' });
    expect(request?.headers['x-callback-url']).toBeUndefined();
  });

  it('transfers (disbursement) with its own product credentials and `payee`', async () => {
    const payment = testPayment({ flow: 'disbursement' });
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
    const request = apiRequests().at(-1);
    expect(request?.path).toBe('/disbursement/v1_0/transfer');
    expect(request?.headers['ocp-apim-subscription-key']).toBe(fake.credentials.disbursement.subscriptionKey);
    expect(request?.json).toMatchObject({ payee: { partyIdType: 'MSISDN', partyId: '260971234567' } });
  });

  it('refuses amounts and currencies it cannot express without calling MTN', async () => {
    const before = fake.requests.length;
    expect(await adapter.submit(testPayment({ amount: 12.5 }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'invalid_amount',
      fallbackAllowed: false,
    });
    expect(await adapter.submit(testPayment({ currency: 'ABC' }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'invalid_currency',
      fallbackAllowed: true,
    });
    expect(fake.requests.length).toBe(before);
  });
});

describe('MTN tokens', () => {
  it('reuses a token until 60 s before it expires', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    const clocked = mtnAdapter({}, { now: () => now });
    const issued = fake.tokensIssued;
    await clocked.submit(testPayment(), collectCalls().log);
    now += 3539_000;
    await clocked.submit(testPayment(), collectCalls().log);
    expect(fake.tokensIssued).toBe(issued + 1);
    now += 2_000;
    await clocked.submit(testPayment(), collectCalls().log);
    expect(fake.tokensIssued).toBe(issued + 2);
    await clocked.close?.();
  });

  it('fetches one token for concurrent calls', async () => {
    const fresh = mtnAdapter();
    const issued = fake.tokensIssued;
    await Promise.all([1, 2, 3].map(() => fresh.submit(testPayment(), collectCalls().log)));
    expect(fake.tokensIssued).toBe(issued + 1);
    await fresh.close?.();
  });

  it('on a 401 refreshes the token once and retries', async () => {
    await adapter.submit(testPayment(), collectCalls().log);
    fake.revokeTokens();
    const issued = fake.tokensIssued;
    const { log, calls } = collectCalls();
    expect(await adapter.submit(testPayment(), log)).toEqual({ kind: 'accepted' });
    expect(fake.tokensIssued).toBe(issued + 1);
    expect(calls.map((call) => call.decision)).toEqual(['refresh_token', 'answered', 'accepted']);
  });

  it('a 401 that survives the refresh is unavailable, not retried further', async () => {
    fake.inject(
      { kind: 'respond', status: 401, body: { statusCode: 401, message: 'Invalid token.' } },
      { times: 2 },
    );
    const outcome = await adapter.submit(testPayment(), collectCalls().log);
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('HTTP 401') });
    expect(delays).toEqual([]);
  });

  it('refused credentials: unavailable, and the payment call is never sent', async () => {
    const wrongKey = mtnAdapter({ MTN_COLLECTION_PRIMARY_KEY: 'not-the-key' });
    const before = apiRequests().length;
    const outcome = await wrongKey.submit(testPayment(), collectCalls().log);
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('token') });
    expect(apiRequests().length).toBe(before);
    await wrongKey.close?.();
  });
});

describe('MTN submit: records', () => {
  it('never carry keys, tokens or the full MSISDN', async () => {
    const fresh = mtnAdapter();
    const { log, calls } = collectCalls();
    fake.inject({
      kind: 'respond',
      status: 500,
      body: { code: 'PAYER_NOT_FOUND', message: 'Payer 260971234567' },
    });
    await fresh.submit(testPayment(), log);
    await fresh.submit(testPayment({ flow: 'disbursement' }), log);
    await fresh.status(testPayment(), log);
    const { collection, disbursement } = fake.credentials;
    expectRedacted(
      calls,
      [
        collection.apiKey,
        collection.subscriptionKey,
        disbursement.apiKey,
        disbursement.subscriptionKey,
        'Bearer',
        'Basic',
      ],
      ['260971234567'],
    );
    expect(JSON.stringify(calls)).toContain('260*******67');
    expect(calls.find((call) => call.operation === 'token')?.responseBody).toMatchObject({
      access_token: '[redacted]',
    });
    await fresh.close?.();
  });
});
