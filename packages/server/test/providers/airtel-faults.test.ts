import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AIRTEL_CLASSIFICATION } from '../../src/payments/providers/airtel/classification.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { type AirtelFake, startAirtelFake } from '../fakes/airtel-fake.js';
import { airtelAdapterFor } from './adapters.js';
import { collectCalls, recordSleeps, testPayment } from './helpers.js';

let fake: AirtelFake;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

beforeAll(async () => {
  fake = await startAirtelFake();
  adapter = airtelAdapterFor(fake, { sleep });
  await adapter.submit(testPayment(), collectCalls().log); // a cached token, so faults hit the API call
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

const answer = (responseCode: string, resultCode = 'ESB000001', success = false) => ({
  kind: 'respond' as const,
  status: 200,
  body: {
    data: {},
    status: {
      code: '200',
      message: 'Refused',
      result_code: resultCode,
      response_code: responseCode,
      success,
    },
  },
});

describe('Airtel submit classification', () => {
  const finalRows = AIRTEL_CLASSIFICATION.filter(
    (row) => row.operation === 'submit' && row.decision === 'final' && row.code.startsWith('DP'),
  );

  it.each(finalRows.map((row) => [row.code, row.failure] as const))(
    '%s is rejected as %s',
    async (code, failure) => {
      fake.inject(answer(code));
      expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
        kind: 'rejected',
        code: failure,
        fallbackAllowed: false,
      });
    },
  );

  it.each(['DP00800001000', 'DP00900001014', 'DP00800001234'])('%s is ambiguous', async (code) => {
    fake.inject(answer(code));
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
  });

  it('DP00800001026 (signature refused) is unavailable: our configuration, not the payment', async () => {
    fake.inject(answer('DP00800001026'));
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unavailable' });
  });

  it('field validation (ESB000008) is a final provider_error', async () => {
    fake.inject({
      kind: 'respond',
      status: 400,
      body: { status: { result_code: 'ESB000008', success: false } },
    });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
  });

  it('503 is retried 100/200/400 ms then unavailable; 429 with a long Retry-After stops at once', async () => {
    fake.inject({ kind: 'respond', status: 503 }, { times: 4 });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unavailable' });
    expect(delays).toEqual([100, 200, 400]);
    delays.length = 0;
    fake.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '5' } });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ retryAfterMs: 5000 });
    expect(delays).toEqual([]);
  });

  it.each([
    ['hang', { kind: 'hang' } as const],
    ['accept then 500', { kind: 'accept_then_500' } as const],
    ['closed socket', { kind: 'close' } as const],
    ['garbage body', { kind: 'garbage' } as const],
  ])('%s is ambiguous', async (_name, fault) => {
    fake.inject(fault);
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
    expect(delays).toEqual([]);
  });

  it('after accept-then-500 the enquiry finds the push in progress', async () => {
    const payment = testPayment();
    fake.inject({ kind: 'accept_then_500' });
    await adapter.submit(payment, collectCalls().log);
    expect(await adapter.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
  });

  it('enquiries are retried through 5xx, then unknown', async () => {
    fake.inject({ kind: 'respond', status: 502 }, { times: 4 });
    expect(await adapter.status(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unknown' });
    expect(delays).toEqual([100, 200, 400]);
  });
});
