import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type Event,
  MolamNotFoundError,
  type Payment,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '../src/index.js';
import { BASE_URL, problem, testMolam, useMswServer } from './support.js';

const server = useMswServer();

const ENDPOINT_ID = 'we_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
const DELIVERY_ID = 'del_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
const EVENT_ID = 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
const CREATED = '2026-11-22T09:30:00.000Z';

function endpoint(): WebhookEndpoint {
  return {
    id: ENDPOINT_ID,
    object: 'webhook_endpoint',
    url: 'https://shop.example.com/hooks/molam',
    enabled_events: ['payment.succeeded', 'payment.failed'],
    description: null,
    status: 'enabled',
    disabled_reason: null,
    created_at: CREATED,
    updated_at: CREATED,
  };
}

const withSecret: WebhookEndpointWithSecret = { ...endpoint(), secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0' };

function delivery(id = DELIVERY_ID): WebhookDelivery {
  return {
    id,
    object: 'webhook_delivery',
    endpoint_id: ENDPOINT_ID,
    event_id: EVENT_ID,
    event_type: 'payment.succeeded',
    status: 'failed',
    attempt_count: 1,
    next_attempt_at: null,
    attempts: [
      { attempted_at: CREATED, status_code: 500, latency_ms: 42, response_body: 'oops', error: null },
    ],
    created_at: CREATED,
  };
}

function event(id = EVENT_ID): Event {
  // Only the envelope matters to these tests; the payment inside is a stand-in.
  return {
    id,
    object: 'event',
    type: 'payment.succeeded',
    created: CREATED,
    data: { object: { id: 'pay_1' } as Payment },
  };
}

const page = <T>(data: T[], next_cursor: string | null = null) =>
  HttpResponse.json({ object: 'list', data, has_more: next_cursor !== null, next_cursor });

interface Seen {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey: string | null;
}

/** Records method, path (with query), JSON body and Idempotency-Key of every request; answers with `reply`. */
function record(reply: (request: Request, url: URL) => Response) {
  const seen: Seen[] = [];
  server.use(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const text = await request.clone().text();
      const url = new URL(request.url);
      seen.push({
        method: request.method,
        path: decodeURIComponent(url.pathname) + decodeURIComponent(url.search),
        body: text ? JSON.parse(text) : undefined,
        idempotencyKey: request.headers.get('idempotency-key'),
      });
      return reply(request, url);
    }),
  );
  return seen;
}

describe('webhookEndpoints', () => {
  it('create, get, update, delete, rotateSecret: method, path, body and typed answer', async () => {
    const seen = record((request, url) => {
      if (request.method === 'DELETE')
        return HttpResponse.json({ id: ENDPOINT_ID, object: 'webhook_endpoint', deleted: true });
      if (request.method === 'POST')
        return HttpResponse.json(withSecret, { status: url.pathname.endsWith('secret') ? 200 : 201 });
      return HttpResponse.json(endpoint());
    });
    const { molam } = testMolam();
    const created = await molam.webhookEndpoints.create({
      url: 'https://shop.example.com/hooks/molam',
      enabled_events: ['payment.succeeded', 'payment.failed'],
    });
    const fetched = await molam.webhookEndpoints.get(ENDPOINT_ID);
    const updated = await molam.webhookEndpoints.update(ENDPOINT_ID, {
      status: 'disabled',
      description: null,
    });
    const deleted = await molam.webhookEndpoints.delete(ENDPOINT_ID);
    const rotated = await molam.webhookEndpoints.rotateSecret(ENDPOINT_ID, { idempotencyKey: 'rotate-we-1' });
    expect(created.secret).toBe(withSecret.secret);
    expect(fetched).toEqual(endpoint());
    expect(updated.object).toBe('webhook_endpoint');
    expect(deleted).toEqual({ id: ENDPOINT_ID, object: 'webhook_endpoint', deleted: true });
    expect(rotated.secret).toMatch(/^whsec_/);
    const base = `/api/v1/webhook-endpoints`;
    expect(seen.map(({ method, path, body }) => [method, path, body])).toEqual([
      [
        'POST',
        base,
        {
          url: 'https://shop.example.com/hooks/molam',
          enabled_events: ['payment.succeeded', 'payment.failed'],
        },
      ],
      ['GET', `${base}/${ENDPOINT_ID}`, undefined],
      ['PATCH', `${base}/${ENDPOINT_ID}`, { status: 'disabled', description: null }],
      ['DELETE', `${base}/${ENDPOINT_ID}`, undefined],
      ['POST', `${base}/${ENDPOINT_ID}/rotate-secret`, undefined],
    ]);
    // Writes carry an Idempotency-Key (the caller's when given); reads do not.
    expect(seen.map(({ idempotencyKey }) => idempotencyKey !== null)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
    expect(seen[4]?.idempotencyKey).toBe('rotate-we-1');
  });

  it('list pages through the endpoints', async () => {
    const seen = record((_request, url) =>
      url.searchParams.get('starting_after') ? page([endpoint()]) : page([endpoint()], ENDPOINT_ID),
    );
    const all: WebhookEndpoint[] = [];
    for await (const each of testMolam().molam.webhookEndpoints.list({ limit: 1 })) all.push(each);
    expect(all).toHaveLength(2);
    expect(seen.map(({ path }) => path)).toEqual([
      '/api/v1/webhook-endpoints?limit=1',
      `/api/v1/webhook-endpoints?limit=1&starting_after=${ENDPOINT_ID}`,
    ]);
  });

  it('listDeliveries, getDelivery, retryDelivery, recover: method, path, query and body', async () => {
    const seen = record((request, url) => {
      if (url.pathname.endsWith('/recover')) {
        return HttpResponse.json({ object: 'webhook_recovery', queued: 3 }, { status: 202 });
      }
      if (url.pathname.endsWith('/deliveries'))
        return page([delivery()], url.search.includes('starting') ? null : 'del_x');
      return HttpResponse.json(delivery(), { status: request.method === 'POST' ? 202 : 200 });
    });
    const { molam } = testMolam();
    const first = await molam.webhookEndpoints.listDeliveries(ENDPOINT_ID, { limit: 5 });
    const all: WebhookDelivery[] = [];
    for await (const each of molam.webhookEndpoints.listDeliveries(ENDPOINT_ID)) all.push(each);
    const one = await molam.webhookEndpoints.getDelivery(ENDPOINT_ID, DELIVERY_ID);
    const retried = await molam.webhookEndpoints.retryDelivery(ENDPOINT_ID, DELIVERY_ID);
    const recovered = await molam.webhookEndpoints.recover(ENDPOINT_ID, {
      since: '2026-11-21T00:00:00.000Z',
    });
    expect(first.has_more).toBe(true);
    expect(all).toHaveLength(2);
    expect(one.attempts[0]?.status_code).toBe(500);
    expect(retried.id).toBe(DELIVERY_ID);
    expect(recovered).toEqual({ object: 'webhook_recovery', queued: 3 });
    const base = `/api/v1/webhook-endpoints/${ENDPOINT_ID}`;
    expect(seen.map(({ method, path, body }) => [method, path, body])).toEqual([
      ['GET', `${base}/deliveries?limit=5`, undefined],
      ['GET', `${base}/deliveries`, undefined],
      ['GET', `${base}/deliveries?starting_after=del_x`, undefined],
      ['GET', `${base}/deliveries/${DELIVERY_ID}`, undefined],
      ['POST', `${base}/deliveries/${DELIVERY_ID}/retry`, undefined],
      ['POST', `${base}/recover`, { since: '2026-11-21T00:00:00.000Z' }],
    ]);
    expect(seen[4]?.idempotencyKey).not.toBeNull();
    expect(seen[5]?.idempotencyKey).not.toBeNull();
  });

  it('encodes ids in the path, and refuses empty ones before sending', async () => {
    const seen: string[] = [];
    server.use(
      http.all(`${BASE_URL}/*`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return problem(404, 'not_found');
      }),
    );
    const { molam } = testMolam();
    await expect(molam.webhookEndpoints.getDelivery('we_1/..', 'del_1?x')).rejects.toBeInstanceOf(
      MolamNotFoundError,
    );
    expect(seen).toEqual(['/api/v1/webhook-endpoints/we_1%2F../deliveries/del_1%3Fx']);
    await expect(molam.webhookEndpoints.get('')).rejects.toThrow(/webhookEndpoints\.get: `endpointId`/);
    await expect(molam.webhookEndpoints.retryDelivery(ENDPOINT_ID, '')).rejects.toThrow(/`deliveryId`/);
    await expect(molam.webhookEndpoints.listDeliveries('')).rejects.toThrow(TypeError);
    await expect(molam.webhookEndpoints.recover('', { since: CREATED })).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(1);
  });
});

describe('events', () => {
  it('list sends the filters on every page; get and resend', async () => {
    const seen = record((request, url) => {
      if (url.pathname.endsWith('/resend')) {
        return HttpResponse.json(
          { object: 'list', data: [delivery()], has_more: false, next_cursor: null },
          { status: 202 },
        );
      }
      if (url.pathname === '/api/v1/events')
        return page([event()], url.search.includes('starting') ? null : 'evt_x');
      return HttpResponse.json(event(), { status: request.method === 'POST' ? 202 : 200 });
    });
    const { molam } = testMolam();
    const all: Event[] = [];
    const filters = {
      type: 'payment.failed',
      created_gte: '2026-11-01T00:00:00.000Z',
      created_lt: '2026-11-22T00:00:00.000Z',
    } as const;
    for await (const each of molam.events.list({ limit: 10, ...filters })) all.push(each);
    const one = await molam.events.get(EVENT_ID);
    const toOne = await molam.events.resend(EVENT_ID, { endpoint_id: ENDPOINT_ID });
    const toAll = await molam.events.resend(EVENT_ID);
    expect(all).toHaveLength(2);
    expect(one).toEqual(event());
    expect(toOne.data[0]?.id).toBe(DELIVERY_ID);
    expect(toAll.object).toBe('list');
    const query =
      'type=payment.failed&created_gte=2026-11-01T00:00:00.000Z&created_lt=2026-11-22T00:00:00.000Z';
    expect(seen.map(({ method, path, body }) => [method, path, body])).toEqual([
      ['GET', `/api/v1/events?limit=10&${query}`, undefined],
      ['GET', `/api/v1/events?limit=10&starting_after=evt_x&${query}`, undefined],
      ['GET', `/api/v1/events/${EVENT_ID}`, undefined],
      ['POST', `/api/v1/events/${EVENT_ID}/resend`, { endpoint_id: ENDPOINT_ID }],
      ['POST', `/api/v1/events/${EVENT_ID}/resend`, undefined],
    ]);
    expect(seen[3]?.idempotencyKey).not.toBeNull();
  });

  it('refuses unknown filters and resend parameters before sending', async () => {
    const seen = record(() => page([]));
    const { molam } = testMolam();
    // @ts-expect-error: not a filter of events.list.
    await expect(molam.events.list({ status: 'failed' })).rejects.toThrow(/unknown list parameter `status`/);
    // @ts-expect-error: the API's name is endpoint_id.
    await expect(molam.events.resend(EVENT_ID, { endpointId: ENDPOINT_ID })).rejects.toThrow(
      /unknown parameter `endpointId` \(takes `endpoint_id`\)/,
    );
    await expect(molam.events.resend(EVENT_ID, { endpoint_id: '' })).rejects.toThrow(TypeError);
    await expect(molam.events.get('')).rejects.toThrow(/events\.get: `eventId`/);
    expect(seen).toHaveLength(0);
  });
});
