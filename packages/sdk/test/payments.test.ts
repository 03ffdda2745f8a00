import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMolam,
  MolamAbortError,
  MolamConflictError,
  MolamError,
  MolamNotFoundError,
  MolamServerError,
  MolamTimeoutError,
  type Payment,
  type PaymentAttempt,
  type PaymentCreateParams,
  type PaymentStatus,
  type Routing,
} from '../src/index.js';
import {
  API_KEY,
  BASE_URL,
  hangingFetch,
  MERCHANT_ID,
  problem,
  recordingSleep,
  testMolam,
  useMswServer,
} from './support.js';

const server = useMswServer();

const PAYMENT_ID = 'pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
const PAYMENTS_URL = `${BASE_URL}/api/v1/payments`;
const PAYMENT_URL = `${PAYMENTS_URL}/${PAYMENT_ID}`;
const ROUTING_URL = `${BASE_URL}/api/v1/merchants/${MERCHANT_ID}/routing`;

// 12.50 ZMW, in minor units.
const NEW_PAYMENT: PaymentCreateParams = {
  external_id: 'order-1042',
  flow: 'collection',
  amount: 1250,
  currency: 'ZMW',
  payer: '260971234567',
  description: 'Order 1042',
};

function payment(status: PaymentStatus = 'pending', id = PAYMENT_ID): Payment {
  return {
    id,
    object: 'payment',
    merchant_id: MERCHANT_ID,
    external_id: 'order-1042',
    flow: 'collection',
    amount: 1250,
    currency: 'ZMW',
    payer: '260971234567',
    payee: null,
    provider: 'mtn',
    status,
    failure:
      status === 'failed' ? { code: 'insufficient_funds', message: 'The payer cannot cover it.' } : null,
    provider_transaction_id: status === 'pending' ? null : 'mtn-7781',
    description: 'Order 1042',
    payer_message: null,
    payee_note: null,
    metadata: {},
    mode: 'test',
    created_at: '2026-11-22T09:30:00.000Z',
    updated_at: '2026-11-22T09:30:00.000Z',
    completed_at: status === 'pending' ? null : '2026-11-22T09:30:09.000Z',
  };
}

function attempt(id: string): PaymentAttempt {
  return {
    id,
    object: 'payment_attempt',
    payment_id: PAYMENT_ID,
    provider: 'mtn',
    operation: 'submit',
    method: 'POST',
    url: 'https://sandbox.momodeveloper.mtn.com/collection/v1_0/requesttopay',
    http_status: 202,
    decision: 'accepted',
    duration_ms: 412,
    request: { amount: '12.50' },
    response: null,
    error: null,
    created_at: '2026-11-22T09:30:01.000Z',
  };
}

/** Pages of ids by `starting_after`: [first page, then the page after each cursor]. */
const PAGES: Record<string, { ids: string[]; next: string | null }> = {
  first: { ids: ['A', 'B'], next: 'cur_1' },
  cur_1: { ids: ['C', 'D'], next: 'cur_2' },
  cur_2: { ids: ['E'], next: null },
};

function servePages(url: string, item: (id: string) => object) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(url, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const page = PAGES[query.get('starting_after') ?? 'first'];
      if (!page) return problem(400, 'bad_cursor');
      return HttpResponse.json({
        object: 'list',
        data: page.ids.map(item),
        has_more: page.next !== null,
        next_cursor: page.next,
      });
    }),
  );
  return queries;
}

/** Answers the GETs of the payment with these statuses in turn (the last one repeats); counts them. */
function serveStatuses(...statuses: PaymentStatus[]) {
  const polls: Request[] = [];
  server.use(
    http.get(PAYMENT_URL, ({ request }) => {
      polls.push(request);
      const status = statuses[Math.min(polls.length, statuses.length) - 1] ?? 'pending';
      return HttpResponse.json(payment(status));
    }),
  );
  return polls;
}

/** Answers POST /payments with `replies` in turn, then 202 with the payment; keeps every request. */
function serveCreate(replies: Array<() => Response> = []) {
  const seen: Request[] = [];
  server.use(
    http.post(PAYMENTS_URL, ({ request }) => {
      seen.push(request.clone());
      return replies[seen.length - 1]?.() ?? HttpResponse.json(payment(), { status: 202 });
    }),
  );
  return seen;
}

describe('payments.create', () => {
  it('posts the body with a generated Idempotency-Key and resolves with the pending payment', async () => {
    const seen = serveCreate();
    const created = await testMolam().molam.payments.create(NEW_PAYMENT);
    expect(created).toEqual(payment());
    expect(seen).toHaveLength(1);
    expect(await seen[0]?.json()).toEqual(NEW_PAYMENT);
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(seen[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  it('sends the caller’s idempotencyKey instead', async () => {
    const seen = serveCreate();
    await testMolam().molam.payments.create(NEW_PAYMENT, { idempotencyKey: 'order-1042-pay' });
    expect(seen[0]?.headers.get('idempotency-key')).toBe('order-1042-pay');
  });

  it('uses a new key for each call', async () => {
    const seen = serveCreate();
    const { molam } = testMolam();
    await molam.payments.create(NEW_PAYMENT);
    await molam.payments.create(NEW_PAYMENT);
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('refuses an invalid idempotencyKey before sending', async () => {
    const seen = serveCreate();
    await expect(testMolam().molam.payments.create(NEW_PAYMENT, { idempotencyKey: 'short' })).rejects.toThrow(
      /payments\.create: `idempotencyKey`/,
    );
    expect(seen).toHaveLength(0);
  });

  it('retries a 503 provider_unavailable after Retry-After with the same key and body, then throws MolamServerError', async () => {
    const unavailable = () =>
      problem(
        503,
        'provider_unavailable',
        { detail: 'MTN is not answering and no other provider is configured for ZMW; retry after 30 s.' },
        { 'Retry-After': '30' },
      );
    const seen = serveCreate([unavailable, unavailable, unavailable]);
    const { molam, delays } = testMolam();
    const error = await molam.payments.create(NEW_PAYMENT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamServerError);
    expect(error).toMatchObject({ status: 503, code: 'provider_unavailable', retryAfter: 30 });
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([30_000, 30_000]);
    expect(new Set(seen.map((request) => request.headers.get('idempotency-key'))).size).toBe(1);
    const bodies = await Promise.all(seen.map((request) => request.json()));
    expect(bodies).toEqual([NEW_PAYMENT, NEW_PAYMENT, NEW_PAYMENT]);
  });

  it('succeeds when the provider comes back during the retries', async () => {
    const seen = serveCreate([() => problem(503, 'provider_unavailable', {}, { 'Retry-After': '2' })]);
    const { molam, delays } = testMolam();
    await expect(molam.payments.create(NEW_PAYMENT)).resolves.toEqual(payment());
    expect(seen).toHaveLength(2);
    expect(delays).toEqual([2000]);
  });

  it('does not retry a 409 payment_exists, and surfaces its detail', async () => {
    const detail = `Payment ${PAYMENT_ID} already has external_id order-1042.`;
    const seen = serveCreate([
      () =>
        problem(409, 'payment_exists', {
          detail,
          errors: [
            { field: 'body.external_id', message: `already used by ${PAYMENT_ID}`, code: 'duplicate' },
          ],
        }),
    ]);
    const { molam, delays } = testMolam();
    const error = await molam.payments.create(NEW_PAYMENT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamConflictError);
    expect(error).toMatchObject({
      status: 409,
      code: 'payment_exists',
      detail,
      errors: [{ field: 'body.external_id', message: `already used by ${PAYMENT_ID}`, code: 'duplicate' }],
    });
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('payments.get and payments.list', () => {
  it('gets a payment by id', async () => {
    serveStatuses('successful');
    await expect(testMolam().molam.payments.get(PAYMENT_ID)).resolves.toEqual(payment('successful'));
    await expect(testMolam().molam.payments.get('')).rejects.toThrow(/payments\.get: `paymentId`/);
  });

  it('sends the filters in the query string, on every page', async () => {
    const queries = servePages(PAYMENTS_URL, (id) => payment('failed', `pay_${id}`));
    const filters = {
      status: 'failed',
      provider: 'mtn',
      flow: 'collection',
      created_gte: '2026-11-01T00:00:00Z',
      created_lt: '2026-12-01T00:00:00Z',
    } as const;
    const ids: string[] = [];
    for await (const item of testMolam().molam.payments.list({ ...filters, limit: 2 })) ids.push(item.id);
    expect(ids).toEqual(['pay_A', 'pay_B', 'pay_C', 'pay_D', 'pay_E']);
    expect(queries.map((query) => Object.fromEntries(query))).toEqual([
      { ...filters, limit: '2' },
      { ...filters, limit: '2', starting_after: 'cur_1' },
      { ...filters, limit: '2', starting_after: 'cur_2' },
    ]);
  });

  it('walks three pages with for await, and gives the first page when awaited', async () => {
    const queries = servePages(PAYMENTS_URL, (id) => payment('pending', `pay_${id}`));
    const { molam } = testMolam();
    const first = await molam.payments.list();
    expect(first.data.map((item) => item.id)).toEqual(['pay_A', 'pay_B']);
    expect(first.next_cursor).toBe('cur_1');
    const ids: string[] = [];
    for await (const item of molam.payments.list()) ids.push(item.id);
    expect(ids).toEqual(['pay_A', 'pay_B', 'pay_C', 'pay_D', 'pay_E']);
    expect(queries.map((query) => query.toString())).toEqual([
      '',
      '',
      'starting_after=cur_1',
      'starting_after=cur_2',
    ]);
  });

  it('refuses unknown or non-string filters before sending', async () => {
    const queries = servePages(PAYMENTS_URL, (id) => payment('pending', id));
    const { molam } = testMolam();
    const unknownFilter = { currency: 'ZMW' } as unknown as Parameters<typeof molam.payments.list>[0];
    await expect(molam.payments.list(unknownFilter)).rejects.toThrow(/unknown list parameter `currency`/);
    const dateFilter = { created_gte: new Date() } as unknown as Parameters<typeof molam.payments.list>[0];
    await expect(molam.payments.list(dateFilter)).rejects.toThrow(/`created_gte` must be a string/);
    // Other lists still take no filters.
    const merchantFilter = { status: 'active' } as unknown as Parameters<typeof molam.merchants.list>[0];
    await expect(molam.merchants.list(merchantFilter)).rejects.toThrow(/unknown list parameter `status`/);
    expect(queries).toHaveLength(0);
  });
});

describe('payments.attempts', () => {
  it('pages the attempts of a payment, oldest first, as the server orders them', async () => {
    const queries = servePages(`${PAYMENT_URL}/attempts`, (id) => attempt(`att_${id}`));
    const ids: string[] = [];
    for await (const item of testMolam().molam.payments.attempts(PAYMENT_ID, { limit: 2 })) ids.push(item.id);
    expect(ids).toEqual(['att_A', 'att_B', 'att_C', 'att_D', 'att_E']);
    expect(queries.map((query) => query.get('starting_after'))).toEqual([null, 'cur_1', 'cur_2']);
    expect(queries.every((query) => query.get('limit') === '2')).toBe(true);
  });

  it('encodes the payment id and refuses an empty one', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE_URL}/*`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return problem(404, 'not_found');
      }),
    );
    const { molam } = testMolam();
    await expect(molam.payments.attempts('pay_1/../x').catch((error) => error)).resolves.toBeInstanceOf(
      MolamNotFoundError,
    );
    expect(seen).toEqual(['/api/v1/payments/pay_1%2F..%2Fx/attempts']);
    await expect(molam.payments.attempts('')).rejects.toThrow(TypeError);
  });
});

describe('payments.waitFor', () => {
  it('polls with backoff until successful, and resolves with it', async () => {
    const polls = serveStatuses('pending', 'pending', 'pending', 'successful');
    const { molam, delays } = testMolam();
    const seen: PaymentStatus[] = [];
    const settled = await molam.payments.waitFor(PAYMENT_ID, { onPoll: (p) => seen.push(p.status) });
    expect(settled).toEqual(payment('successful'));
    expect(polls).toHaveLength(4);
    expect(delays).toEqual([1000, 1500, 2250]);
    expect(seen).toEqual(['pending', 'pending', 'pending', 'successful']);
  });

  it('resolves (does not reject) with a failed payment: it is a final state', async () => {
    serveStatuses('pending', 'failed');
    const { molam, delays } = testMolam();
    const settled = await molam.payments.waitFor(PAYMENT_ID);
    expect(settled.status).toBe('failed');
    expect(settled.failure).toEqual({ code: 'insufficient_funds', message: 'The payer cannot cover it.' });
    expect(delays).toEqual([1000]);
  });

  it('polls at once, and does not wait for a payment already final', async () => {
    const polls = serveStatuses('successful');
    const { molam, delays } = testMolam();
    await expect(molam.payments.waitFor(PAYMENT_ID)).resolves.toMatchObject({ status: 'successful' });
    expect(polls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('grows each wait by 1.5 up to maxIntervalMs (10 s by default)', async () => {
    serveStatuses(...Array<PaymentStatus>(9).fill('pending'), 'successful');
    const { molam, delays } = testMolam();
    await molam.payments.waitFor(PAYMENT_ID);
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10_000, 10_000, 10_000]);

    serveStatuses('pending', 'pending', 'pending', 'pending', 'successful');
    const custom = testMolam();
    await custom.molam.payments.waitFor(PAYMENT_ID, { intervalMs: 200, maxIntervalMs: 400 });
    expect(custom.delays).toEqual([200, 300, 400, 400]);
  });

  it('rejects with MolamTimeoutError carrying the last payment once timeoutMs has passed', async () => {
    const polls = serveStatuses('pending');
    const { molam, delays } = testMolam();
    const error = await molam.payments
      .waitFor(PAYMENT_ID, { timeoutMs: 10_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({ status: 0, code: 'wait_timeout' });
    expect((error as MolamTimeoutError).payment).toEqual(payment('pending'));
    expect((error as Error).message).toContain(`Payment ${PAYMENT_ID} was still pending after 10000 ms`);
    // The last wait is cut to the deadline, where one more poll looks before giving up.
    expect(delays).toEqual([1000, 1500, 2250, 3375, 1875]);
    expect(delays.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
    expect(polls).toHaveLength(6);
  });

  it('keeps the payer’s details out of a logged timeout error', async () => {
    serveStatuses('pending');
    const error = await testMolam()
      .molam.payments.waitFor(PAYMENT_ID, { timeoutMs: 1000 })
      .catch((caught: unknown) => caught);
    expect((error as MolamTimeoutError).payment?.payer).toBe('260971234567');
    expect(Object.keys(error as object)).not.toContain('payment');
    expect(inspect(error, { depth: 10 })).not.toContain('260971234567');
    expect(JSON.stringify(error)).not.toContain('260971234567');
  });

  it('cuts a poll in flight at the deadline', async () => {
    const calls: Request[] = [];
    const molam = createMolam({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: hangingFetch(calls) });
    const error = await molam.payments
      .waitFor(PAYMENT_ID, { timeoutMs: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(error).toMatchObject({ code: 'wait_timeout', payment: undefined });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('rejects with MolamAbortError when the signal aborts between polls', async () => {
    const polls = serveStatuses('pending');
    const { molam } = testMolam();
    const controller = new AbortController();
    const reason = new Error('checkout closed');
    const error = await molam.payments
      .waitFor(PAYMENT_ID, {
        signal: controller.signal,
        onPoll: () => {
          if (polls.length === 2) controller.abort(reason);
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamAbortError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted', cause: reason });
    expect(polls).toHaveLength(2);
  });

  it('rejects with MolamAbortError when the signal aborts during a poll, or was already aborted', async () => {
    const calls: Request[] = [];
    const { sleep } = recordingSleep();
    const molam = createMolam({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: hangingFetch(calls),
      backoff: { sleep },
    });
    const controller = new AbortController();
    const pending = molam.payments
      .waitFor(PAYMENT_ID, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(MolamAbortError);
    expect(calls).toHaveLength(1);

    await expect(molam.payments.waitFor(PAYMENT_ID, { signal: controller.signal })).rejects.toBeInstanceOf(
      MolamAbortError,
    );
    expect(calls).toHaveLength(1);
  });

  it('keeps polling through a poll that failed with a retryable error', async () => {
    let polls = 0;
    server.use(
      http.get(PAYMENT_URL, () => {
        polls += 1;
        if (polls === 2) return problem(503, 'unavailable', {}, { 'Retry-After': '5' });
        return HttpResponse.json(payment(polls < 3 ? 'pending' : 'successful'));
      }),
    );
    const { molam, delays } = testMolam({ maxRetries: 0 });
    await expect(molam.payments.waitFor(PAYMENT_ID)).resolves.toMatchObject({ status: 'successful' });
    // The wait after the failed poll is its Retry-After, being longer than the backoff's 1.5 s.
    expect(delays).toEqual([1000, 5000]);
  });

  it('times out with the last error as cause when polls keep failing', async () => {
    server.use(http.get(PAYMENT_URL, () => problem(502, 'bad_gateway')));
    const { molam } = testMolam({ maxRetries: 0 });
    const error = await molam.payments
      .waitFor(PAYMENT_ID, { timeoutMs: 3000 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'wait_timeout', payment: undefined });
    expect((error as Error).cause).toBeInstanceOf(MolamServerError);
  });

  it('stops at once on an error that is not retryable', async () => {
    let polls = 0;
    server.use(
      http.get(PAYMENT_URL, () => {
        polls += 1;
        return problem(404, 'not_found');
      }),
    );
    const { molam, delays } = testMolam();
    await expect(molam.payments.waitFor(PAYMENT_ID)).rejects.toBeInstanceOf(MolamNotFoundError);
    expect(polls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('checks its options before sending', async () => {
    const polls = serveStatuses('successful');
    const { molam } = testMolam();
    const bad = (options: unknown) =>
      molam.payments.waitFor(PAYMENT_ID, options as Parameters<typeof molam.payments.waitFor>[1]);
    await expect(bad({ interval: 10 })).rejects.toThrow(/payments\.waitFor: unknown option `interval`/);
    await expect(bad({ intervalMs: 0 })).rejects.toThrow(/`intervalMs` must be a number/);
    await expect(bad({ timeoutMs: Number.NaN })).rejects.toThrow(/`timeoutMs` must be a number/);
    await expect(bad({ onPoll: 'log' })).rejects.toThrow(/`onPoll` must be a function/);
    await expect(bad({ signal: {} })).rejects.toThrow(/`signal` must be an AbortSignal/);
    await expect(molam.payments.waitFor('')).rejects.toThrow(/`paymentId`/);
    expect(polls).toHaveLength(0);
  });
});

describe('routing', () => {
  const routing: Routing = {
    object: 'routing',
    merchant_id: MERCHANT_ID,
    currencies: { ZMW: ['mtn', 'airtel', 'zamtel'], EUR: ['mtn'] },
    updated_at: '2026-11-22T09:30:00.000Z',
  };

  it('gets and replaces a merchant’s provider preference', async () => {
    const seen: Array<{ method: string; body: unknown; idempotencyKey: string | null }> = [];
    server.use(
      http.all(ROUTING_URL, async ({ request }) => {
        const text = await request.text();
        seen.push({
          method: request.method,
          body: text ? JSON.parse(text) : undefined,
          idempotencyKey: request.headers.get('idempotency-key'),
        });
        return HttpResponse.json(routing);
      }),
    );
    const { molam } = testMolam();
    await expect(molam.merchants.getRouting(MERCHANT_ID)).resolves.toEqual(routing);
    await expect(molam.merchants.setRouting(MERCHANT_ID, routing.currencies)).resolves.toEqual(routing);
    expect(seen).toEqual([
      { method: 'GET', body: undefined, idempotencyKey: null },
      { method: 'PUT', body: { currencies: routing.currencies }, idempotencyKey: null },
    ]);
  });

  it('refuses an empty merchant id or currencies that are not an object, before sending', async () => {
    const { molam } = testMolam();
    await expect(molam.merchants.getRouting('')).rejects.toThrow(/merchants\.getRouting: `merchantId`/);
    const list = ['mtn'] as unknown as Record<string, ['mtn']>;
    await expect(molam.merchants.setRouting(MERCHANT_ID, list)).rejects.toThrow(
      /merchants\.setRouting: `currencies` must be an object/,
    );
  });
});
