import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      expect((await metric('molam_event_stream_reads_total')) - before).toBeLessThanOrEqual(2);
    } finally {
      for (const client of clients) client.close();
    }
    await waitFor(
      () => metric('molam_event_stream_clients'),
      (count) => count === 0,
    );
  });
});
