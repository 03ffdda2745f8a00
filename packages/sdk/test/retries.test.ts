import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMolam,
  MolamConflictError,
  MolamConnectionError,
  MolamRateLimitError,
  MolamServerError,
} from '../src/index.js';
import { parseRetryAfter } from '../src/retry-after.js';
import {
  BASE_URL,
  MERCHANT_ID,
  merchant,
  problem,
  recordingSleep,
  testMolam,
  useMswServer,
} from './support.js';

const server = useMswServer();
const MERCHANT_URL = `${BASE_URL}/api/v1/merchants/${MERCHANT_ID}`;
const CREATE_URL = `${BASE_URL}/api/v1/merchants`;
const NEW_MERCHANT = { name: 'Lusaka Grocers', country: 'ZM', default_currency: 'ZMW' };

/** Answers with `failures` in order, then with the merchant; counts the requests. */
function failThenSucceed(url: string, method: 'get' | 'post', failures: Array<() => Response>) {
  const seen: Request[] = [];
  server.use(
    http[method](url, ({ request }) => {
      seen.push(request.clone());
      const failure = failures[seen.length - 1];
      return failure ? failure() : HttpResponse.json(merchant(), { status: method === 'post' ? 201 : 200 });
    }),
  );
  return seen;
}

describe('retries', () => {
  it('retries 5xx with full-jitter backoff from a 500 ms base, then succeeds', async () => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [
      () => problem(500, 'internal'),
      () => problem(503, 'unavailable'),
    ]);
    const { molam, delays } = testMolam();
    await expect(molam.merchants.get(MERCHANT_ID)).resolves.toEqual(merchant());
    expect(seen).toHaveLength(3);
    // random() is pinned to 0.5: half of 500 ms, then half of 1000 ms.
    expect(delays).toEqual([250, 500]);
  });

  it('gives up after maxRetries (default 2) and throws the last error', async () => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [
      () => problem(502, 'bad_gateway'),
      () => problem(502, 'bad_gateway'),
      () => problem(503, 'unavailable'),
      () => problem(503, 'unavailable'),
    ]);
    const { molam, delays } = testMolam();
    const error = await molam.merchants.get(MERCHANT_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamServerError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable' });
    expect(seen).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('honours maxRetries from the client and from the call', async () => {
    const failures = Array.from({ length: 10 }, () => () => problem(500, 'internal'));
    const seen = failThenSucceed(MERCHANT_URL, 'get', failures);
    await testMolam({ maxRetries: 4 })
      .molam.merchants.get(MERCHANT_ID)
      .catch(() => {});
    expect(seen).toHaveLength(5);
    seen.length = 0;
    await testMolam({ maxRetries: 4 })
      .molam.merchants.get(MERCHANT_ID, { maxRetries: 0 })
      .catch(() => {});
    expect(seen).toHaveLength(1);
  });

  it('caps each wait at capMs (8 s by default)', async () => {
    const failures = Array.from({ length: 7 }, () => () => problem(500, 'internal'));
    failThenSucceed(MERCHANT_URL, 'get', failures);
    const { sleep, delays } = recordingSleep();
    const molam = createMolam({
      apiKey: 'mk_test_x',
      baseUrl: BASE_URL,
      maxRetries: 7,
      backoff: { sleep, random: () => 0.999 },
    });
    await molam.merchants.get(MERCHANT_ID);
    // Ceilings 500, 1000, 2000, 4000, 8000, then capped at 8000.
    expect(delays).toEqual([499, 999, 1998, 3996, 7992, 7992, 7992]);
  });

  it('waits exactly Retry-After seconds on 429', async () => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [
      () => problem(429, 'rate_limited', {}, { 'Retry-After': '3' }),
    ]);
    const { molam, delays } = testMolam();
    await molam.merchants.get(MERCHANT_ID);
    expect(seen).toHaveLength(2);
    expect(delays).toEqual([3000]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(parseRetryAfter(inTwoMinutes)).toBeGreaterThan(100);
    const now = Date.parse('Sun, 22 Nov 2026 09:30:00 GMT');
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:30:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:29:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();

    const inFiveSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5000).toUTCString();
    failThenSucceed(MERCHANT_URL, 'get', [
      () => problem(503, 'unavailable', {}, { 'Retry-After': inFiveSeconds }),
    ]);
    const { molam, delays } = testMolam();
    await molam.merchants.get(MERCHANT_ID);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(4000);
    expect(delays[0]).toBeLessThanOrEqual(6000);
  });

  it('does not wait for a Retry-After beyond 60 s: the error goes to the caller with retryAfter', async () => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [
      () => problem(429, 'rate_limited', {}, { 'Retry-After': '3600' }),
    ]);
    const { molam, delays } = testMolam();
    const error = await molam.merchants.get(MERCHANT_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamRateLimitError);
    expect(error).toMatchObject({ retryAfter: 3600 });
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it.each([400, 401, 403, 404, 422])('does not retry a %i', async (status) => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [() => problem(status, 'final')]);
    const { molam, delays } = testMolam();
    const error = await molam.merchants.get(MERCHANT_ID).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, code: 'final' });
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('retries a 409 saying the same idempotency key is still in progress, with the same key', async () => {
    const seen = failThenSucceed(CREATE_URL, 'post', [
      () => problem(409, 'idempotency_in_progress'),
      () => problem(409, 'request_in_progress'),
    ]);
    const { molam } = testMolam();
    await expect(molam.merchants.create(NEW_MERCHANT)).resolves.toEqual(merchant());
    expect(seen).toHaveLength(3);
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('does not retry any other 409', async () => {
    const seen = failThenSucceed(CREATE_URL, 'post', [() => problem(409, 'key_revoked')]);
    const error = await testMolam()
      .molam.merchants.create(NEW_MERCHANT)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamConflictError);
    expect(seen).toHaveLength(1);
  });

  it('re-sends the same body and the same generated Idempotency-Key on every retry of a POST', async () => {
    const seen = failThenSucceed(CREATE_URL, 'post', [
      () => problem(500, 'internal'),
      () => HttpResponse.error(),
    ]);
    await testMolam().molam.merchants.create(NEW_MERCHANT);
    expect(seen).toHaveLength(3);
    const bodies = await Promise.all(seen.map((request) => request.json()));
    expect(bodies).toEqual([NEW_MERCHANT, NEW_MERCHANT, NEW_MERCHANT]);
    expect(new Set(seen.map((request) => request.headers.get('idempotency-key'))).size).toBe(1);
  });

  it('keeps a caller-supplied Idempotency-Key across retries', async () => {
    const seen = failThenSucceed(CREATE_URL, 'post', [() => problem(503, 'unavailable')]);
    await testMolam().molam.merchants.create(NEW_MERCHANT, { idempotencyKey: 'order-7781-create' });
    expect(seen.map((request) => request.headers.get('idempotency-key'))).toEqual([
      'order-7781-create',
      'order-7781-create',
    ]);
  });

  it('generates a new key for each separate call', async () => {
    const seen = failThenSucceed(CREATE_URL, 'post', []);
    const { molam } = testMolam();
    await molam.merchants.create(NEW_MERCHANT);
    await molam.merchants.create(NEW_MERCHANT);
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('retries network errors, then surfaces a MolamConnectionError', async () => {
    const seen = failThenSucceed(MERCHANT_URL, 'get', [
      () => HttpResponse.error(),
      () => HttpResponse.error(),
      () => HttpResponse.error(),
    ]);
    const { molam, delays } = testMolam();
    const error = await molam.merchants.get(MERCHANT_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamConnectionError);
    expect(error).toMatchObject({ status: 0, code: 'connection_error' });
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([250, 500]);
  });
});
