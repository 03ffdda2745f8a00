import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/platform/ids.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// The event stream without polling: one LISTEN per process, one read of the events table per committed event
// batch of a tenant, however many clients, and every client gets the event.

let server: TestServer;

beforeAll(async () => {
  // No fallback reads during the test: only notifications can deliver.
  server = await startTestServer({ EVENT_STREAM_FALLBACK_MS: '600000', SSE_HEARTBEAT_MS: '600000' });
});
afterAll(async () => {
  await server?.close();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

/** An SSE client that keeps what it received. */
async function connect(key: string) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/events/stream`, {
    headers: { authorization: `Bearer ${key}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no stream body');
  const client = { text: '', close: () => controller.abort() };
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      client.text += decoder.decode(value, { stream: true });
    }
  })();
  return client;
}

describe('the event stream hub', () => {
  it('sends one committed event to 30 clients after one read of the events table', async () => {
    const clients = await Promise.all(Array.from({ length: 30 }, () => connect(server.merchantKey)));
    try {
      await waitFor(
        () => metric('molam_event_stream_clients'),
        (count) => count === 30,
      );
      // Let the reads each new client starts settle.
      const settled = await waitFor(
        async () => [
          await metric('molam_event_stream_reads_total'),
          await metric('molam_event_stream_reads_total'),
        ],
        ([a, b]) => a === b,
      );
      const before = settled[0] ?? 0;
      const created = await server.call('POST', '/api/v1/keys', {
        key: server.merchantKey,
        body: { name: `stream ${randomUUID()}`, scopes: ['payments:read'] },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(created.status).toBe(201);
      await waitFor(
        async () => clients.filter((client) => client.text.includes('event: api_key.created')).length,
        (count) => count === 30,
      );
      // Exactly once each.
      for (const client of clients) expect(client.text.match(/event: api_key\.created/g)).toHaveLength(1);
      expect((await metric('molam_event_stream_reads_total')) - before).toBeLessThanOrEqual(2);
    } finally {
      for (const client of clients) client.close();
    }
    await waitFor(
      () => metric('molam_event_stream_clients'),
      (count) => count === 0,
    );
  });

  it('sends nothing from before the connection, and the whole backlog after Last-Event-ID, page after page', async () => {
    const makeKey = () =>
      server.call('POST', '/api/v1/keys', {
        key: server.merchantKey,
        body: { name: `backlog ${randomUUID()}`, scopes: ['payments:read'] },
        headers: { 'idempotency-key': randomUUID() },
      });
    await makeKey();
    const { rows } = await server.db.query<{ id: string }>(
      `SELECT max(id) AS id FROM events WHERE merchant_id = $1 AND mode = 'test'`,
      [server.merchantId],
    );
    const resumeFrom = rows[0]?.id ?? '';
    // 600 events after it: more than one page of backlog (ids made later sort after it).
    await waitFor(
      async () => newId('evt'),
      (id) => id > resumeFrom,
    );
    const ids = Array.from({ length: 600 }, () => newId('evt'));
    await server.db.query(
      `INSERT INTO events (id, merchant_id, type, mode, data)
       SELECT id, $1, 'api_key.revoked', 'test', '{"object": {}}' FROM unnest($2::text[]) AS id`,
      [server.merchantId, ids],
    );
    const fresh = await connect(server.merchantKey);
    const resumed = await (async () => {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/api/v1/events/stream`, {
        headers: { authorization: `Bearer ${server.merchantKey}`, 'last-event-id': resumeFrom },
        signal: controller.signal,
      });
      const reader = response.body?.getReader();
      const client = { text: '', close: () => controller.abort() };
      const decoder = new TextDecoder();
      void (async () => {
        for (;;) {
          const { value, done } = (await reader?.read().catch(() => undefined)) ?? {
            done: true,
            value: undefined,
          };
          if (done) return;
          client.text += decoder.decode(value, { stream: true });
        }
      })();
      return client;
    })();
    try {
      await waitFor(
        async () => (resumed.text.match(/event: api_key\.revoked/g) ?? []).length,
        (count) => count === 600,
      );
      await waitFor(
        () => metric('molam_event_stream_clients'),
        (count) => count === 2,
      );
      expect(fresh.text).not.toContain('event: api_key.');
    } finally {
      fresh.close();
      resumed.close();
    }
  });
});
