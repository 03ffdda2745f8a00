import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeProviders, createProviders } from '../../src/payments/providers/registry.js';
import { type AirtelFake, startAirtelFake } from '../fakes/airtel-fake.js';
import { type MtnFake, startMtnFake } from '../fakes/mtn-fake.js';
import { startZamtelFake, type ZamtelFake } from '../fakes/zamtel-fake.js';
import { collectCalls, testPayment } from './helpers.js';

let mtn: MtnFake;
let airtel: AirtelFake;
let zamtel: ZamtelFake;

beforeAll(async () => {
  [mtn, airtel, zamtel] = await Promise.all([startMtnFake(), startAirtelFake(), startZamtelFake()]);
});
afterAll(async () => {
  await Promise.all([mtn.close(), airtel.close(), zamtel.close()]);
});

describe('createProviders', () => {
  it('always has the sandbox; the others are disabled with a reason until configured', () => {
    const registry = createProviders({});
    expect([...registry.adapters.keys()]).toEqual(['sandbox']);
    expect([...registry.disabled.keys()]).toEqual(['mtn', 'airtel', 'zamtel']);
    expect(registry.disabled.get('mtn')).toContain('MTN_COLLECTION_API_USER');
    expect(registry.disabled.get('airtel')).toBe(
      'Airtel is disabled: set AIRTEL_BASE_URL, AIRTEL_CLIENT_ID, AIRTEL_CLIENT_SECRET, AIRTEL_COUNTRY',
    );
    expect(registry.disabled.get('zamtel')).toContain('ZAMTEL_COLLECTION_PATH');
  });

  it('enables every provider whose variables are set, pointed at the fakes', async () => {
    const registry = createProviders({
      ...mtn.env(),
      ...airtel.env(),
      ...zamtel.env(),
      SANDBOX_PENDING_SECONDS: '5',
    });
    expect([...registry.adapters.keys()].sort()).toEqual(['airtel', 'mtn', 'sandbox', 'zamtel']);
    expect(registry.disabled.size).toBe(0);
    for (const name of ['mtn', 'airtel', 'zamtel'] as const) {
      const outcome = await registry.adapters.get(name)?.submit(testPayment(), collectCalls().log);
      expect(outcome).toEqual({ kind: 'accepted' });
    }
    await closeProviders(registry);
  });

  it('passes the sandbox its pending window and clock', async () => {
    const submittedAt = new Date('2026-11-21T10:00:00Z');
    const registry = createProviders(
      { SANDBOX_PENDING_SECONDS: '5' },
      { sandboxNow: () => new Date(submittedAt.getTime() + 6000) },
    );
    const payment = testPayment({ msisdn: '46733123453', submittedAt });
    expect(await registry.adapters.get('sandbox')?.status(payment, collectCalls().log)).toMatchObject({
      kind: 'successful',
    });
  });

  it('throws on malformed variables instead of silently disabling', () => {
    expect(() => createProviders({ MTN_BASE_URL: 'not a url' })).toThrow(/MTN_BASE_URL/);
    expect(() => createProviders({ SANDBOX_PENDING_SECONDS: '-1' })).toThrow(/SANDBOX_PENDING_SECONDS/);
  });
});
