import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMtnAdapter } from '../../src/payments/providers/mtn/adapter.js';
import { loadMtnConfig, type MtnConfig } from '../../src/payments/providers/mtn/config.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { type MtnFake, startMtnFake } from '../fakes/mtn-fake.js';
import { collectCalls, recordSleeps, testPayment } from './helpers.js';

let fake: MtnFake;
let config: MtnConfig;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

beforeAll(async () => {
  fake = await startMtnFake();
  const result = loadMtnConfig({ ...fake.env(), MTN_TIMEOUT_MS: '300' });
  if (!result.enabled) throw new Error(result.reason);
  config = result.config;
  adapter = createMtnAdapter(config, { sleep });
  await adapter.submit(testPayment(), collectCalls().log); // a cached token, so faults hit the API call
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

const submitCount = () => fake.requests.filter((request) => request.path.endsWith('/requesttopay')).length;

describe('MTN submit classification', () => {
  it('a reused reference is a duplicate (409 RESOURCE_ALREADY_EXIST)', async () => {
    const payment = testPayment();
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
    const { log, calls } = collectCalls();
    expect(await adapter.submit(payment, log)).toEqual({ kind: 'duplicate' });
    expect(calls.at(-1)).toMatchObject({ httpStatus: 409, decision: 'duplicate' });
  });

  it.each([
    ['NOT_ALLOWED', 'not_allowed', true],
    ['NOT_ALLOWED_TARGET_ENVIRONMENT', 'not_allowed', true],
    ['INVALID_CURRENCY', 'invalid_currency', true],
    ['INVALID_CALLBACK_URL_HOST', 'provider_error', true],
    ['PAYER_NOT_FOUND', 'payer_not_found', false],
    ['PAYEE_NOT_FOUND', 'payee_not_found', false],
    ['PAYEE_NOT_ALLOWED_TO_RECEIVE', 'not_allowed', false],
    ['NOT_ENOUGH_FUNDS', 'insufficient_funds', false],
    ['PAYER_LIMIT_REACHED', 'limit_exceeded', false],
  ])('500 %s is rejected as %s (fallback %s)', async (code, failure, fallbackAllowed) => {
    fake.inject({ kind: 'respond', status: 500, body: { code, message: 'refused' } });
    const outcome = await adapter.submit(testPayment(), collectCalls().log);
    expect(outcome).toEqual({
      kind: 'rejected',
      code: failure,
      fallbackAllowed,
      reason: expect.stringContaining(code),
    });
    expect(delays).toEqual([]);
  });

  it('the same codes on a 400 or 404 are rejected the same way', async () => {
    fake.inject({ kind: 'respond', status: 400, body: { code: 'PAYER_NOT_FOUND' } });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
      code: 'payer_not_found',
    });
    fake.inject({ kind: 'respond', status: 404, body: { code: 'INVALID_CURRENCY' } });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
      code: 'invalid_currency',
    });
  });

  it('a 400 without a code is a final provider_error', async () => {
    fake.inject({ kind: 'respond', status: 400 });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
      fallbackAllowed: false,
    });
  });

  it('503 is retried after 100, 200 and 400 ms, then unavailable', async () => {
    const before = submitCount();
    fake.inject({ kind: 'respond', status: 503, body: { code: 'SERVICE_UNAVAILABLE' } }, { times: 4 });
    const { log, calls } = collectCalls();
    const outcome = await adapter.submit(testPayment(), log);
    expect(outcome).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringContaining('gave up after 4 attempts'),
    });
    expect(delays).toEqual([100, 200, 400]);
    expect(submitCount() - before).toBe(4);
    expect(calls.map((call) => call.decision)).toEqual(['retry', 'retry', 'retry', 'unavailable']);
  });

  it('a 503 that clears within the retries is accepted', async () => {
    fake.inject({ kind: 'respond', status: 503 }, { times: 2 });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toEqual({ kind: 'accepted' });
    expect(delays).toEqual([100, 200]);
  });

  it('429 with a short Retry-After is retried; with a long one it stops and passes it on', async () => {
    fake.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '0' } }, { times: 4 });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'unavailable' });
    expect(delays).toEqual([100, 200, 400]);
    delays.length = 0;
    fake.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '30' } });
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({
      kind: 'unavailable',
      retryAfterMs: 30_000,
    });
    expect(delays).toEqual([]);
  });

  it('no connection at all: retried, then unavailable (never sent)', async () => {
    const down = createMtnAdapter({ ...config, baseUrl: 'http://127.0.0.1:1' }, { sleep });
    const { log, calls } = collectCalls();
    expect(await down.submit(testPayment(), log)).toMatchObject({ kind: 'unavailable' });
    expect(delays).toEqual([100, 200, 400]);
    expect(calls.every((call) => call.httpStatus === null && call.error?.startsWith('ECONNREFUSED'))).toBe(
      true,
    );
    await down.close?.();
  });

  it.each([
    ['a hang past the timeout', { kind: 'hang' } as const],
    ['a 500 after storing the request', { kind: 'accept_then_500' } as const],
    ['a closed connection', { kind: 'close' } as const],
    ['a body that is not what MTN sends', { kind: 'garbage' } as const],
    [
      '500 INTERNAL_PROCESSING_ERROR',
      { kind: 'respond', status: 500, body: { code: 'INTERNAL_PROCESSING_ERROR' } } as const,
    ],
    ['502 from a gateway', { kind: 'respond', status: 502 } as const],
  ])('%s is ambiguous, never retried', async (_name, fault) => {
    const before = submitCount();
    fake.inject(fault);
    expect(await adapter.submit(testPayment(), collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
    expect(submitCount() - before).toBe(1);
    expect(delays).toEqual([]);
  });

  it('after accept-then-500 the status shows MTN has it: reconciliation finds it', async () => {
    const payment = testPayment();
    fake.inject({ kind: 'accept_then_500' });
    expect(await adapter.submit(payment, collectCalls().log)).toMatchObject({ kind: 'ambiguous' });
    expect(await adapter.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
    expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'duplicate' });
  });
});
