import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@molam/sdk';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '../src/webhooks/url-policy.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A merchant's webhook receiver on a real socket, answering from a script of status codes. */
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let script: number[] = [];

let server: TestServer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(script.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  server = await startTestServer({
    JOB_POLL_MS: '50',
    WEBHOOK_RETRY_DELAYS_MS: '50,50,50',
    RATE_LIMIT_MAX: '100000',
    EGRESS_ALLOW_LOOPBACK: 'true', // the receiver listens on 127.0.0.1
  });
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received = [];
  script = [];
});

const asMerchant = { key: undefined as string | undefined };
const call = (method: string, path: string, body?: unknown) =>
  server.call(method, path, { key: asMerchant.key ?? server.merchantKey, body });

/** Reads until `done`, for at most 30 s (a loaded machine delivers late, never not at all). */
async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never met');
}

const pay = () =>
  server.call('POST', '/api/v1/payments', {
    key: server.merchantKey,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      external_id: `o-${randomUUID()}`,
      flow: 'collection',
      amount: 500,
      currency: 'ZMW',
      payer: '260971234567',
    },
  });

describe('webhook endpoints', () => {
  it('delivers a signed payment.succeeded that the official Standard Webhooks library and our SDK verify', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.succeeded'],
    });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const payment = await pay();
    const [delivery] = await until(
      () => received,
      (list) => list.length > 0,
    );
    const event = new Webhook(endpoint.body.secret).verify(delivery!.body, delivery!.headers) as {
      id: string;
      type: string;
      data: { object: { id: string; status: string } };
    };
    expect(event.type).toBe('payment.succeeded');
    expect(event.data.object).toMatchObject({ id: payment.body.id, status: 'successful' });
    expect(delivery!.headers['webhook-id']).toBe(event.id);
    // The merchant's side of it: our own SDK verifies the same delivery and types the event.
    const viaSdk = await verifyWebhook(delivery!.body, delivery!.headers, endpoint.body.secret);
    expect(viaSdk.type).toBe('payment.succeeded');
    expect(viaSdk.id).toBe(event.id);
    const stored = await call('GET', `/api/v1/events/${event.id}`);
    expect(JSON.parse(delivery!.body)).toEqual(stored.body);
    await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`);
  });

  it('retries after two 500s and lists all three attempts; the id stays, the timestamp is fresh', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.created'],
    });
    script = [500, 500, 200];
    await pay();
    await until(
      () => received,
      (list) => list.length >= 3,
    );
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const deliveries = await until(
      () => call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries`),
      (result) => result.body.data[0]?.status === 'succeeded',
    );
    const [delivery] = deliveries.body.data;
    expect(delivery).toMatchObject({ event_type: 'payment.created', status: 'succeeded', attempt_count: 3 });
    expect(delivery.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 200]);
    expect(delivery.attempts[0].response_body).toBe('thanks');
    await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`);
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['*'],
    });
    const rotated = await call('POST', `/api/v1/webhook-endpoints/${endpoint.body.id}/rotate-secret`);
    expect(rotated.body.secret).not.toBe(endpoint.body.secret);
    const payment = await pay();
    const [delivery] = await until(
      () => received.filter((candidate) => candidate.body.includes(payment.body.id)),
      (list) => list.length > 0,
    );
    expect(delivery!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [endpoint.body.secret, rotated.body.secret]) {
      expect(() => new Webhook(secret).verify(delivery!.body, delivery!.headers)).not.toThrow();
    }
    await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`);
  });

  it('disables an endpoint that answers 410 Gone, and says so with an event', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.created'],
    });
    script = [410];
    await pay();
    const disabled = await until(
      () => call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}`),
      (r) => r.body.status === 'disabled',
    );
    expect(disabled.body.disabled_reason).toContain('410');
    const events = await call('GET', '/api/v1/events?type=webhook_endpoint.disabled');
    expect(events.body.data[0].data.object.id).toBe(endpoint.body.id);
  });

  it('lists, updates and deletes endpoints, never showing the secret again', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.failed'],
      description: 'ops',
    });
    const listed = await call('GET', '/api/v1/webhook-endpoints');
    expect(JSON.stringify(listed.body)).not.toContain(endpoint.body.secret);
    const updated = await call('PATCH', `/api/v1/webhook-endpoints/${endpoint.body.id}`, {
      enabled_events: ['*'],
      status: 'disabled',
    });
    expect(updated.body).toMatchObject({ enabled_events: ['*'], status: 'disabled' });
    expect((await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`)).body).toEqual({
      id: endpoint.body.id,
      object: 'webhook_endpoint',
      deleted: true,
    });
    expectProblem(await call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}`), 404, 'not_found');
  });
});

describe('bad input to webhook endpoints writes nothing', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a non-URL', { url: 'not a url', enabled_events: ['*'] }, 'body.url'],
    ['an ftp URL', { url: 'ftp://127.0.0.1/x', enabled_events: ['*'] }, 'body.url'],
    [
      'an unknown event type',
      { url: 'http://127.0.0.1:1/x', enabled_events: ['payment.exploded'] },
      'body.enabled_events.0',
    ],
    ['no event types', { url: 'http://127.0.0.1:1/x', enabled_events: [] }, 'body.enabled_events'],
  ];
  for (const [name, body, field] of cases) {
    it(name, async () => {
      const before = await server.count('webhook_endpoints');
      const result = await call('POST', '/api/v1/webhook-endpoints', body);
      expect(result.status).toBe(400);
      expect(result.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await server.count('webhook_endpoints')).toBe(before);
    });
  }

  it("another merchant's endpoint and event are 404s", async () => {
    const mine = await call('POST', '/api/v1/webhook-endpoints', { url: receiverUrl, enabled_events: ['*'] });
    const other = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Other', country: 'ZM', default_currency: 'ZMW' },
    });
    const otherKey = await server.call('POST', `/api/v1/merchants/${other.body.id}/keys`, {
      body: { name: 'k' },
    });
    const theirs = { key: otherKey.body.secret as string };
    expectProblem(
      await server.call('GET', `/api/v1/webhook-endpoints/${mine.body.id}`, theirs),
      404,
      'not_found',
    );
    expectProblem(
      await server.call('PATCH', `/api/v1/webhook-endpoints/${mine.body.id}`, {
        ...theirs,
        body: { status: 'disabled' },
      }),
      404,
      'not_found',
    );
    const myEvent = (await call('GET', '/api/v1/events?limit=1')).body.data[0];
    expectProblem(await server.call('GET', `/api/v1/events/${myEvent.id}`, theirs), 404, 'not_found');
    expect((await call('GET', `/api/v1/webhook-endpoints/${mine.body.id}`)).body.status).toBe('enabled');
    await call('DELETE', `/api/v1/webhook-endpoints/${mine.body.id}`);
  });
});

describe('where webhooks may go', () => {
  const strict = { allowLoopback: false };
  it('live: only https to public addresses', () => {
    expect(() => checkEndpointUrl('http://example.com/hooks', 'live', strict)).toThrow(/https/);
    for (const url of [
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://localhost/x',
    ]) {
      expect(() => checkEndpointUrl(url, 'live', strict), url).toThrow();
      expect(() => checkEndpointUrl(url, 'test', strict), url).toThrow();
    }
    expect(checkEndpointUrl('https://shop.example.com/hooks', 'live', strict).host).toBe('shop.example.com');
  });
  it('test: loopback only where the server allows it, never private ranges', () => {
    const developer = { allowLoopback: true };
    expect(checkEndpointUrl('http://127.0.0.1:3000/hooks', 'test', developer).port).toBe('3000');
    expect(() => checkEndpointUrl('http://127.0.0.1:3000/hooks', 'test', strict)).toThrow();
    expect(() => checkEndpointUrl('http://10.0.0.8/hooks', 'test', developer)).toThrow();
  });
});

/** Reads a Server-Sent Events stream until `enough` says so (bounded by a deadline). */
async function readStream(
  headers: Record<string, string>,
  enough: (text: string) => boolean,
  query = '',
): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/events/stream${query}`, {
    headers: { authorization: `Bearer ${server.merchantKey}`, ...headers },
    signal: controller.signal,
  });
  if (response.status !== 200) return { status: response.status, text: await response.text() };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 15_000;
  while (!enough(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return { status: 200, text };
}

describe('the event stream', () => {
  it('sends new events as they happen, with heartbeats in between', async () => {
    let paymentId = '';
    const reading = readStream(
      {},
      (text) => text.includes('event: payment.succeeded') && text.includes(': heartbeat'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    paymentId = (await pay()).body.id;
    const { status, text } = await reading;
    expect(status).toBe(200);
    expect(text).toMatch(/id: evt_\w+\nevent: payment.created\ndata: \{/);
    const data = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));
    expect(
      data.some((event) => event.type === 'payment.succeeded' && event.data.object.id === paymentId),
    ).toBe(true);
  });

  it('resumes after Last-Event-ID and filters by type', async () => {
    await pay();
    const listed = await until(
      () => call('GET', '/api/v1/events?type=payment.succeeded&limit=2'),
      (r) => r.body.data.length === 2,
    );
    const [newest, older] = listed.body.data;
    const { text } = await readStream(
      { 'last-event-id': older.id },
      (t) => t.includes(newest.id),
      '?types=payment.succeeded',
    );
    expect(text).toContain(`id: ${newest.id}`);
    expect(text).not.toContain(`id: ${older.id}\n`);
    expect(text).not.toContain('event: payment.created');
  });

  it('refuses a malformed or unknown Last-Event-ID, and unknown types', async () => {
    const malformed = await readStream({ 'last-event-id': 'evt_nope' }, () => true);
    expect(malformed.status).toBe(400);
    const unknown = await readStream({ 'last-event-id': 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2G' }, () => true);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).code).toBe('invalid_last_event_id');
    const types = await readStream({}, () => true, '?types=payment.exploded');
    expect(types.status).toBe(400);
  });
});

describe('re-sending', () => {
  it('retries a failed delivery by hand, and recovers every failure since a time', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.created'],
    });
    const since = new Date(Date.now() - 1000).toISOString();
    script = [500, 500, 500, 500, 500, 500, 500, 500];
    await pay();
    await pay();
    const failed = await until(
      () => call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries`),
      (r) => r.body.data.length === 2 && r.body.data.every((d: { status: string }) => d.status === 'failed'),
    );
    expect(failed.body.data[0].attempt_count).toBe(4); // the first try and three retries
    script = [];
    const [first, second] = failed.body.data;
    const retried = await call(
      'POST',
      `/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries/${first.id}/retry`,
    );
    expect(retried.status).toBe(202);
    await until(
      () => call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries/${first.id}`),
      (r) => r.body.status === 'succeeded',
    );
    const recovered = await call('POST', `/api/v1/webhook-endpoints/${endpoint.body.id}/recover`, { since });
    expect(recovered.body).toEqual({ object: 'webhook_recovery', queued: 1 });
    await until(
      () => call('GET', `/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries/${second.id}`),
      (r) => r.body.status === 'succeeded',
    );
    await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`);
  });

  it('resends an event with the same webhook-id, and refuses a disabled endpoint', async () => {
    const endpoint = await call('POST', '/api/v1/webhook-endpoints', {
      url: receiverUrl,
      enabled_events: ['payment.succeeded'],
    });
    const payment = await pay();
    // This payment's delivery: a late one from an earlier test may reach the receiver too.
    const ofThisPayment = () => received.filter((delivery) => delivery.body.includes(payment.body.id));
    const [first] = await until(ofThisPayment, (list) => list.length > 0);
    const eventId = first!.headers['webhook-id'];
    const resent = await call('POST', `/api/v1/events/${eventId}/resend`, { endpoint_id: endpoint.body.id });
    expect(resent.status).toBe(202);
    const both = await until(ofThisPayment, (list) => list.length > 1);
    expect(both.map((delivery) => delivery.headers['webhook-id'])).toEqual([eventId, eventId]);
    await call('PATCH', `/api/v1/webhook-endpoints/${endpoint.body.id}`, { status: 'disabled' });
    expectProblem(
      await call('POST', `/api/v1/events/${eventId}/resend`, { endpoint_id: endpoint.body.id }),
      409,
      'endpoint_disabled',
    );
    await call('DELETE', `/api/v1/webhook-endpoints/${endpoint.body.id}`);
  });
});

describe('webhook metrics and retention', () => {
  it('counts attempts by result and exposes the backlog', async () => {
    const text = String((await server.call('GET', '/metrics', { key: null })).body);
    expect(text).toMatch(/^webhook_delivery_attempts_total\{result="succeeded"\} [1-9]\d*$/m);
    expect(text).toMatch(/^webhook_delivery_attempts_total\{result="retrying"\} [1-9]\d*$/m);
    expect(text).toMatch(/^webhook_attempt_duration_seconds_count [1-9]\d*$/m);
    expect(text).toMatch(/^webhook_deliveries_pending \d+$/m);
    expect(text).toMatch(/^webhook_oldest_pending_age_seconds [\d.e+-]+$/m);
  });

  it('forgets events past the retention with their deliveries, and keeps the rest', async () => {
    const { deleteExpiredEvents } = await import('../src/events/retention.js');
    const [old] = (await call('GET', '/api/v1/events?limit=1')).body.data;
    // Ids, not a count: payments settling in the background may add events meanwhile.
    const ids = async () =>
      (await server.db.query<{ id: string }>('SELECT id FROM events')).rows.map((row) => row.id);
    const before = await ids();
    await server.db.query("UPDATE events SET created_at = now() - interval '31 days' WHERE id = $1", [
      old.id,
    ]);
    expect(await deleteExpiredEvents(server.db, 30)).toBe(1);
    const after = new Set(await ids());
    expect(before.filter((id) => !after.has(id))).toEqual([old.id]);
    expectProblem(await call('GET', `/api/v1/events/${old.id}`), 404, 'not_found');
  });
});
