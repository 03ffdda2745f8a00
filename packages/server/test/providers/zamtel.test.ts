import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { ZAMTEL_UNVERIFIED } from '../../src/payments/providers/zamtel/adapter.js';
import { loadZamtelConfig } from '../../src/payments/providers/zamtel/config.js';
import { DEFAULT_ZAMTEL_WIRE } from '../../src/payments/providers/zamtel/wire.js';
import { startZamtelFake, ZAMTEL_RUNNING, type ZamtelFake } from '../fakes/zamtel-fake.js';
import { zamtelAdapterFor } from './adapters.js';
import { collectCalls, expectRedacted, recordSleeps, testPayment } from './helpers.js';

let fake: ZamtelFake;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

beforeAll(async () => {
  fake = await startZamtelFake();
  adapter = zamtelAdapterFor(fake, { sleep });
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

describe('Zamtel (UNVERIFIED wire format)', () => {
  it('says so in its capabilities', () => {
    expect(adapter.capabilities).toEqual({
      flows: ['collection', 'disbursement'],
      currencies: ['ZMW'],
      disabledFlows: {},
      unverified: ZAMTEL_UNVERIFIED,
    });
  });

  it('collects with a GET whose query carries the credentials and fields', async () => {
    const payment = testPayment();
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
    const request = fake.requests.at(-1);
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe(fake.paths.collection);
    expect(request?.query).toEqual({
      ThirdPartyID: fake.thirdPartyId,
      Password: fake.password,
      Amount: '12.50',
      Msisdn: '260971234567',
      Shortcode: fake.shortcode,
      ConversationId: payment.reference,
    });
  });

  it('pays out with the identifier and credential', async () => {
    const payment = testPayment({ flow: 'disbursement' });
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
    expect(fake.requests.at(-1)?.query).toMatchObject({
      identifier: fake.identifier,
      credential: fake.credential,
    });
  });

  it('keeps credentials out of records: no query in URLs, parameters redacted, MSISDN masked', async () => {
    const { log, calls } = collectCalls();
    const payment = testPayment({ flow: 'disbursement' });
    await adapter.submit(payment, log);
    await adapter.status(payment, log);
    fake.inject({ kind: 'close' });
    await adapter.submit(testPayment(), log);
    for (const call of calls) expect(call.url).not.toContain('?');
    expect(calls[0]?.requestBody).toMatchObject({
      ThirdPartyID: '[redacted]',
      Password: '[redacted]',
      credential: '[redacted]',
      Msisdn: '260*******67',
    });
    expectRedacted(calls, [fake.password, fake.credential, fake.thirdPartyId], ['260971234567']);
  });

  it('status "0" is successful; codes nobody documented stay unknown unless configured', async () => {
    const payment = testPayment();
    await adapter.submit(payment, collectCalls().log);
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({ kind: 'unknown' });
    const configured = zamtelAdapterFor(fake, {
      sleep,
      wire: {
        ...DEFAULT_ZAMTEL_WIRE,
        pendingCodes: [ZAMTEL_RUNNING],
        failedCodes: { '7': 'insufficient_funds' },
      },
    });
    expect(await configured.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
    fake.settle(payment.reference, '7');
    expect(await configured.status(payment, collectCalls().log)).toMatchObject({
      kind: 'failed',
      code: 'insufficient_funds',
    });
    fake.settle(payment.reference, '0');
    expect(await adapter.status(payment, collectCalls().log)).toEqual({
      kind: 'successful',
      providerTransactionId: `ZT${payment.reference.slice(0, 6)}`,
    });
    await configured.close?.();
  });

  it('a non-zero answer to a submit is ambiguous: its meaning is not known', async () => {
    const payment = testPayment();
    await adapter.submit(payment, collectCalls().log);
    expect(await adapter.submit(payment, collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
  });

  it('refuses other currencies and non-Zambian numbers without a call', async () => {
    const before = fake.requests.length;
    expect(await adapter.submit(testPayment({ currency: 'USD' }), collectCalls().log)).toMatchObject({
      code: 'invalid_currency',
      fallbackAllowed: true,
    });
    expect(await adapter.submit(testPayment({ msisdn: '256771234567' }), collectCalls().log)).toMatchObject({
      code: 'not_allowed',
    });
    expect(fake.requests.length).toBe(before);
  });

  it('503 retried then unavailable; a hang is ambiguous; a 401 is unavailable', async () => {
    fake.inject({ kind: 'respond', status: 503 }, { times: 4 });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unavailable' });
    expect(delays).toEqual([100, 200, 400]);
    fake.inject({ kind: 'hang' });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
    fake.inject({ kind: 'respond', status: 401, body: { status: '401' } });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unavailable' });
  });
});

describe('Zamtel configuration', () => {
  it('has no guessed paths: without them it is disabled and says which to set', () => {
    expect(loadZamtelConfig({ ZAMTEL_BASE_URL: 'https://zamtel.example', ZAMTEL_PASSWORD: 'x' })).toEqual({
      enabled: false,
      reason:
        'Zamtel is disabled: set ZAMTEL_THIRD_PARTY_ID, ZAMTEL_SHORTCODE, ZAMTEL_COLLECTION_PATH, ZAMTEL_STATUS_PATH',
    });
  });

  it('collects without payout settings, and names them', () => {
    const env = fake.env();
    const result = loadZamtelConfig({ ...env, ZAMTEL_DISBURSEMENT_CREDENTIAL: '' });
    if (!result.enabled) throw new Error(result.reason);
    expect(result.config.disabledFlows.disbursement).toBe(
      'Zamtel disbursement is disabled: set ZAMTEL_DISBURSEMENT_CREDENTIAL',
    );
  });

  it('refuses a path with a query string', () => {
    expect(() => loadZamtelConfig({ ...fake.env(), ZAMTEL_STATUS_PATH: '/status?Password=x' })).toThrow(
      /ZAMTEL_STATUS_PATH/,
    );
  });
});
