import { describe, expect, it } from 'vitest';
import { createMolam, MolamAbortError, MolamError, MolamTimeoutError } from '../src/index.js';
import { API_KEY, BASE_URL, hangingFetch, MERCHANT_ID, merchant, recordingSleep } from './support.js';

function molamWith(fetch: (request: Request) => Promise<Response>, timeoutMs = 20) {
  const { sleep, delays } = recordingSleep();
  const molam = createMolam({ apiKey: API_KEY, baseUrl: BASE_URL, timeoutMs, fetch, backoff: { sleep } });
  return { molam, delays };
}

describe('timeouts', () => {
  it('aborts each attempt after timeoutMs, retries, then throws MolamTimeoutError', async () => {
    const calls: Request[] = [];
    const { molam, delays } = molamWith(hangingFetch(calls));
    const error = await molam.merchants.get(MERCHANT_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect((error as Error).message).toContain('3 attempts');
    expect(calls).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(calls.every((request) => request.signal.aborted)).toBe(true);
  });

  it('times out even when a custom fetch ignores the signal', async () => {
    const { molam } = molamWith(() => new Promise<Response>(() => {}));
    await expect(molam.merchants.get(MERCHANT_ID, { maxRetries: 0 })).rejects.toBeInstanceOf(
      MolamTimeoutError,
    );
  });

  it('covers a body that stalls after the headers arrived', async () => {
    const stalled = () =>
      Promise.resolve(
        new Response(new ReadableStream({ start() {} }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    const { molam } = molamWith(stalled);
    await expect(molam.merchants.get(MERCHANT_ID, { maxRetries: 0 })).rejects.toBeInstanceOf(
      MolamTimeoutError,
    );
  });

  it('takes timeoutMs per call', async () => {
    const calls: Request[] = [];
    const { molam } = molamWith(hangingFetch(calls), 60_000);
    const error = await molam.merchants
      .get(MERCHANT_ID, { timeoutMs: 10, maxRetries: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(calls).toHaveLength(2);
  });

  it('retries a timed-out POST with the same Idempotency-Key, and succeeds', async () => {
    const calls: Request[] = [];
    const hang = hangingFetch(calls);
    const fetch = (request: Request) => {
      if (calls.length === 0) return hang(request);
      calls.push(request);
      return Promise.resolve(Response.json(merchant(), { status: 201 }));
    };
    const { molam } = molamWith(fetch);
    await expect(
      molam.merchants.create({ name: 'A', country: 'ZM', default_currency: 'ZMW' }),
    ).resolves.toEqual(merchant());
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers.get('idempotency-key')).toBe(calls[1]?.headers.get('idempotency-key'));
  });
});

describe('abort', () => {
  it('sends nothing when the signal is already aborted', async () => {
    const calls: Request[] = [];
    const { molam } = molamWith(hangingFetch(calls));
    const controller = new AbortController();
    controller.abort(new Error('user went away'));
    const error = await molam.merchants
      .get(MERCHANT_ID, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamAbortError);
    expect(calls).toHaveLength(0);
  });

  it('stops an attempt in flight, never retries it, and keeps the reason as cause', async () => {
    const calls: Request[] = [];
    const { molam, delays } = molamWith(hangingFetch(calls), 60_000);
    const controller = new AbortController();
    const reason = new Error('user went away');
    const pending = molam.merchants
      .get(MERCHANT_ID, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(MolamAbortError);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted', status: 0, cause: reason });
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('stops during the wait between retries', async () => {
    const controller = new AbortController();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      return Response.json({ code: 'unavailable' }, { status: 503 });
    };
    const molam = createMolam({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: failing,
      backoff: {
        sleep: (_ms, signal) => {
          controller.abort();
          return Promise.reject(signal.reason);
        },
      },
    });
    const error = await molam.merchants
      .get(MERCHANT_ID, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamAbortError);
    expect(calls).toBe(1);
  });

  it('aborts a real wait between retries at once', async () => {
    const controller = new AbortController();
    const failing = async () =>
      Response.json({ code: 'unavailable' }, { status: 503, headers: { 'Retry-After': '50' } });
    const molam = createMolam({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: failing });
    const pending = molam.merchants
      .get(MERCHANT_ID, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    setTimeout(() => controller.abort(), 5);
    // Would take 50 s per wait without the abort; the test's own timeout fails it then.
    expect(await pending).toBeInstanceOf(MolamAbortError);
  });
});
