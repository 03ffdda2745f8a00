import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterOptions } from '../../src/payments/providers/adapter-options.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { type AirtelFake, startAirtelFake } from '../fakes/airtel-fake.js';
import { airtelAdapterFor } from './adapters.js';
import { collectCalls, expectRedacted, recordSleeps, testPayment } from './helpers.js';

let fake: AirtelFake;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

const airtelAdapter = (of: AirtelFake, options: AdapterOptions = {}) =>
  airtelAdapterFor(of, { sleep, ...options });

beforeAll(async () => {
  fake = await startAirtelFake();
  adapter = airtelAdapter(fake);
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

describe('Airtel collection', () => {
  it('gets a JSON-body token, then pushes with X-Country, X-Currency and the national MSISDN', async () => {
    const payment = testPayment();
    const { log, calls } = collectCalls();
    expect(await adapter.submit(payment, log)).toEqual({ kind: 'accepted' });
    const token = fake.requests.find((request) => request.path === '/auth/oauth2/token');
    expect(token?.json).toEqual({
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      grant_type: 'client_credentials',
    });
    const push = fake.requests.at(-1);
    expect(push?.path).toBe('/merchant/v1/payments/');
    expect(push?.headers).toMatchObject({
      'x-country': 'ZM',
      'x-currency': 'ZMW',
      authorization: expect.stringMatching(/^Bearer /),
    });
    expect(push?.json).toEqual({
      reference: payment.paymentId,
      subscriber: { country: 'ZM', currency: 'ZMW', msisdn: '971234567' },
      transaction: { amount: 12.5, country: 'ZM', currency: 'ZMW', id: payment.reference },
    });
    expect(calls.map((call) => call.decision)).toEqual(['answered', 'accepted']);
  });

  it('caches a token whose expires_in is a string, until shortly before it runs out', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    const clocked = airtelAdapter(fake, { now: () => now });
    const issued = fake.tokensIssued;
    await clocked.submit(testPayment(), collectCalls().log);
    now += 119_000;
    await clocked.submit(testPayment(), collectCalls().log);
    expect(fake.tokensIssued).toBe(issued + 1);
    now += 2_000;
    await clocked.submit(testPayment(), collectCalls().log);
    expect(fake.tokensIssued).toBe(issued + 2);
    await clocked.close?.();
  });

  it('refreshes a refused token once', async () => {
    await adapter.submit(testPayment(), collectCalls().log);
    fake.revokeTokens();
    const { log, calls } = collectCalls();
    expect(await adapter.submit(testPayment(), log)).toEqual({ kind: 'accepted' });
    expect(calls.map((call) => call.decision)).toEqual(['refresh_token', 'answered', 'accepted']);
  });

  it('a reused transaction id is a duplicate (ESB000041)', async () => {
    const payment = testPayment();
    await adapter.submit(payment, collectCalls().log);
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'duplicate' });
  });

  it('refuses, without a call, currencies and numbers of other countries', async () => {
    const before = fake.requests.length;
    expect(await adapter.submit(testPayment({ currency: 'USD' }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'invalid_currency',
      fallbackAllowed: true,
    });
    expect(await adapter.submit(testPayment({ msisdn: '256771234567' }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'not_allowed',
      fallbackAllowed: true,
    });
    expect(fake.requests.length).toBe(before);
  });
});

describe('Airtel enquiry', () => {
  async function pushed() {
    const payment = testPayment();
    await adapter.submit(payment, collectCalls().log);
    return payment;
  }

  it.each([
    ['TIP', undefined, { kind: 'pending' }],
    ['TA', undefined, { kind: 'pending' }],
    ['TE', undefined, { kind: 'failed', code: 'expired' }],
    ['TF', 'DP00800001007', { kind: 'failed', code: 'insufficient_funds' }],
    ['TF', 'DP00800001008', { kind: 'failed', code: 'approval_rejected' }],
    ['TF', 'DP00800001024', { kind: 'failed', code: 'expired' }],
    ['TF', 'DP00800009999', { kind: 'failed', code: 'provider_error' }],
  ] as const)('%s %s', async (status, responseCode, expected) => {
    const payment = await pushed();
    fake.settle(payment.reference, status, responseCode);
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject(expected);
    expect(fake.requests.at(-1)?.path).toBe(`/standard/v1/payments/${payment.reference}`);
  });

  it('TS is successful with the Airtel Money id', async () => {
    const payment = await pushed();
    fake.settle(payment.reference, 'TS');
    expect(await adapter.status(payment, collectCalls().log)).toEqual({
      kind: 'successful',
      providerTransactionId: `AM${payment.reference.slice(0, 8)}`,
    });
  });

  it('failure reasons carry no full phone number', async () => {
    const payment = await pushed();
    fake.settle(payment.reference, 'TF', 'DP00800001008');
    const outcome = await adapter.status(payment, collectCalls().log);
    expect(JSON.stringify(outcome)).not.toContain('260971234567');
  });

  it('an id Airtel never saw is not_found (ESB000045)', async () => {
    expect(await adapter.status(testPayment(), collectCalls().log)).toEqual({ kind: 'not_found' });
  });
});

describe('Airtel disbursement', () => {
  it('sends the PIN RSA-encrypted (PKCS#1 v1.5 by default) and never in clear', async () => {
    const payment = testPayment({ flow: 'disbursement', amount: 5000 });
    const { log, calls } = collectCalls();
    expect(await adapter.submit(payment, log)).toEqual({ kind: 'accepted' });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe('/standard/v1/disbursements/');
    expect(request?.json).toMatchObject({
      payee: { msisdn: '971234567' },
      reference: payment.paymentId,
      transaction: { amount: 50, id: payment.reference },
    });
    expect(fake.decryptedPins.at(-1)).toBe(fake.pin);
    expect(request?.body).not.toContain(fake.pin);
    expect(calls.at(-1)?.requestBody).toMatchObject({ pin: '[redacted]' });
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({ kind: 'successful' });
    expect(fake.requests.at(-1)?.path).toBe(`/standard/v1/disbursements/${payment.reference}`);
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'duplicate' });
  });

  it('OAEP padding when configured so', async () => {
    const oaep = await startAirtelFake({ padding: 'oaep' });
    const oaepAdapter = airtelAdapter(oaep);
    expect(await oaepAdapter.submit(testPayment({ flow: 'disbursement' }), collectCalls().log)).toEqual({
      kind: 'accepted',
    });
    expect(oaep.decryptedPins).toEqual([oaep.pin]);
    await oaepAdapter.close?.();
    await oaep.close();
  });
});

describe('Airtel records', () => {
  it('never carry the client secret, the PIN, tokens or full MSISDNs', async () => {
    const fresh = airtelAdapter(fake);
    const { log, calls } = collectCalls();
    await fresh.submit(testPayment(), log);
    await fresh.submit(testPayment({ flow: 'disbursement' }), log);
    const payment = testPayment();
    await fresh.submit(payment, log);
    fake.settle(payment.reference, 'TF', 'DP00800001008');
    await fresh.status(payment, log);
    expectRedacted(calls, [fake.clientSecret, 'Bearer'], ['260971234567', '971234567']);
    expect(calls.find((call) => call.operation === 'token')?.requestBody).toMatchObject({
      client_secret: '[redacted]',
    });
    await fresh.close?.();
  });
});
