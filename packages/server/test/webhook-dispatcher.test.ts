import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../src/webhooks/dispatcher.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// The dispatcher alone, on the server's database (an API-only server sends nothing itself), against receivers
// on real sockets: one that holds every request until told, one that answers at once.
let server: TestServer;
const dispatchers: WebhookDispatcher[] = [];

interface Receiver {
  url: string;
  /** webhook-id of every request received, in order. */
  received: string[];
  inFlight: number;
  maxInFlight: number;
  /** Answers every held request, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/** How a receiver answers the nth request (0-based): status and body. */
type Answer = (n: number) => { status: number; body: string };
const ok: Answer = () => ({ status: 200, body: 'ok' });

async function receiver(hold: boolean, answer: Answer = ok): Promise<Receiver> {
  const held: ServerResponse[] = [];
  let holding = hold;
  const state: Receiver = {
    url: '',
    received: [],
    inFlight: 0,
    maxInFlight: 0,
    release() {
      holding = false;
      for (const res of held.splice(0)) res.end('ok');
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.received.push(String(req.headers['webhook-id']));
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => state.inFlight--);
    req.resume();
    const { status, body } = answer(state.received.length - 1);
    req.on('end', () => {
      if (holding) held.push(res);
      else res.writeHead(status).end(body);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks`;
  return state;
}

const dispatcher = (
  options: {
    concurrency?: number;
    perEndpoint?: number;
    leaseSeconds?: number;
    retryDelaysMs?: number[];
    rereadAfterMs?: number;
  } = {},
) => {
  const made = new WebhookDispatcher({
    db: server.db,
    logger: pino({ level: 'silent' }),
    egress: { allowLoopback: true },
    pollMs: 50,
    ...options,
  });
  dispatchers.push(made);
  return made;
};

/** A test-mode endpoint for `payment.created` at `url`. */
async function endpoint(url: string): Promise<string> {
  const made = await server.call('POST', '/api/v1/webhook-endpoints', {
    key: server.merchantKey,
    body: { url, enabled_events: ['payment.created'] },
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

/** `count` payments, each a payment.created event for every endpoint that wants it. */
async function payments(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const created = await server.call('POST', '/api/v1/payments', {
      key: server.merchantKey,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        external_id: `wh-${randomUUID()}`,
        flow: 'collection',
        amount: 100,
        currency: 'ZMW',
        payer: '260971234567',
      },
    });
    expect(created.status).toBe(202);
  }
}

/** Endpoints' deliveries still waiting: none left means every one was sent and recorded. */
const pendingTo = async (endpointIds: string[]): Promise<number> => {
  const { rows } = await server.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ANY ($1::text[]) AND status = 'pending'",
    [endpointIds],
  );
  return rows[0]?.n ?? 0;
};

beforeAll(async () => {
  server = await startTestServer({ MOLAM_ROLE: 'api', EGRESS_ALLOW_LOOPBACK: 'true' });
});
afterEach(async () => {
  for (const made of dispatchers.splice(0)) await made.stop();
  // Endpoints of one test must not receive the next test's events.
  await server.db.query("UPDATE webhook_endpoints SET status = 'disabled'");
});
afterAll(async () => {
  await server?.close();
});

describe('the webhook dispatcher', () => {
  it('keeps at most its cap in flight to one endpoint, and a slow endpoint does not hold the others back', async () => {
    const slow = await receiver(true);
    const quick = await receiver(false);
    try {
      const slowId = await endpoint(slow.url);
      const quickId = await endpoint(quick.url);
      await payments(10);
      await dispatcher({ concurrency: 8, perEndpoint: 3 }).start();
      // The quick endpoint gets all ten while the slow one holds three, and only three.
      await waitFor(
        async () => ({ quick: quick.received.length, slow: slow.inFlight }),
        (seen) => seen.quick === 10 && seen.slow === 3,
      );
      expect(slow.received).toHaveLength(3);
      slow.release();
      await waitFor(
        () => pendingTo([slowId, quickId]),
        (pending) => pending === 0,
      );
      expect(slow.maxInFlight).toBe(3);
      expect(new Set(slow.received).size).toBe(10);
      expect(new Set(quick.received).size).toBe(10);
      // Every delivery has its one attempt recorded, with the answer.
      const { rows } = await server.db.query<{ attempts: number; status: string; codes: number[] }>(
        `SELECT d.attempt_count AS attempts, d.status, array_agg(a.status_code) AS codes
           FROM webhook_deliveries d JOIN webhook_delivery_attempts a ON a.delivery_id = d.id
          WHERE d.endpoint_id = ANY ($1::text[]) GROUP BY d.id`,
        [[slowId, quickId]],
      );
      expect(rows).toHaveLength(20);
      for (const row of rows) expect(row).toEqual({ attempts: 1, status: 'succeeded', codes: [200] });
    } finally {
      slow.release();
      await slow.close();
      await quick.close();
    }
  });

  it('never sends one delivery from two dispatchers', async () => {
    const target = await receiver(false);
    try {
      const id = await endpoint(target.url);
      await payments(60);
      await Promise.all([dispatcher({ concurrency: 16 }).start(), dispatcher({ concurrency: 16 }).start()]);
      await waitFor(
        () => pendingTo([id]),
        (pending) => pending === 0,
      );
      expect(target.received).toHaveLength(60);
      expect(new Set(target.received).size).toBe(60);
    } finally {
      await target.close();
    }
  });

  it('keeps a delivery it is still sending past its lease: another dispatcher does not take it', async () => {
    const slow = await receiver(true);
    try {
      const id = await endpoint(slow.url);
      await payments(1);
      await dispatcher({ leaseSeconds: 1 }).start();
      await waitFor(
        async () => slow.inFlight,
        (inFlight) => inFlight === 1,
      );
      const heldSince = Date.now();
      // Three lease lengths later, renewed all along: still this dispatcher's.
      await waitFor(
        async () => Date.now() - heldSince,
        (held) => held > 3_000,
      );
      const other = dispatcher({ leaseSeconds: 1 });
      expect(await other.runOnce()).toBe(0);
      slow.release();
      await waitFor(
        () => pendingTo([id]),
        (pending) => pending === 0,
      );
      expect(slow.received).toHaveLength(1);
    } finally {
      slow.release();
      await slow.close();
    }
  });

  it('fails, without an attempt, a delivery whose endpoint was deleted', async () => {
    const target = await receiver(false);
    try {
      const id = await endpoint(target.url);
      await payments(2);
      const deleted = await server.call('DELETE', `/api/v1/webhook-endpoints/${id}`, {
        key: server.merchantKey,
      });
      expect(deleted.status).toBe(200);
      expect(await dispatcher().runOnce()).toBe(2);
      const { rows } = await server.db.query<{ status: string; attempt_count: number }>(
        'SELECT status, attempt_count FROM webhook_deliveries WHERE endpoint_id = $1',
        [id],
      );
      expect(rows).toEqual([
        { status: 'failed', attempt_count: 0 },
        { status: 'failed', attempt_count: 0 },
      ]);
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('records what it sends after a step that found nothing', async () => {
    const target = await receiver(false);
    try {
      const made = dispatcher();
      expect(await made.runOnce()).toBe(0);
      const id = await endpoint(target.url);
      await made.start();
      await payments(3);
      await waitFor(
        () => pendingTo([id]),
        (pending) => pending === 0,
      );
      expect(target.received).toHaveLength(3);
    } finally {
      await target.close();
    }
  });

  it('records a batch in which one answer cannot be stored as it came', async () => {
    const broken = await receiver(false, () => ({ status: 500, body: 'oops\u0000' }));
    const fine = await receiver(false);
    try {
      const brokenId = await endpoint(broken.url);
      const fineId = await endpoint(fine.url);
      await payments(5);
      expect(await dispatcher().runOnce()).toBe(10);
      expect(await pendingTo([fineId])).toBe(0);
      const { rows } = await server.db.query<{ attempt_count: number; body: string }>(
        `SELECT d.attempt_count, a.response_body AS body FROM webhook_deliveries d
           JOIN webhook_delivery_attempts a ON a.delivery_id = d.id WHERE d.endpoint_id = $1`,
        [brokenId],
      );
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row).toEqual({ attempt_count: 1, body: 'oops' });
    } finally {
      await broken.close();
      await fine.close();
    }
  });

  it('marks an endpoint failing when it fails, and well again when it answers', async () => {
    const flaky = await receiver(false, (n) =>
      n === 0 ? { status: 500, body: 'down' } : { status: 200, body: 'ok' },
    );
    const failingSince = async (id: string) =>
      (
        await server.db.query<{ failing_since: Date | null }>(
          'SELECT failing_since FROM webhook_endpoints WHERE id = $1',
          [id],
        )
      ).rows[0]?.failing_since;
    try {
      const id = await endpoint(flaky.url);
      await payments(1);
      const made = dispatcher({ retryDelaysMs: [1, 1] });
      expect(await made.runOnce()).toBe(1);
      expect(await failingSince(id)).toBeInstanceOf(Date);
      await waitFor(
        () => made.runOnce(),
        (claimed) => claimed === 1,
      );
      expect(flaky.received).toHaveLength(2);
      expect(await failingSince(id)).toBeNull();
    } finally {
      await flaky.close();
    }
  });

  it('gives back what waited too long for a slot, and sends it to the endpoint as it is now', async () => {
    const before = await receiver(true);
    const after = await receiver(false);
    try {
      const id = await endpoint(before.url);
      await payments(3);
      const made = dispatcher({ concurrency: 1, perEndpoint: 1, rereadAfterMs: 300 });
      await made.start();
      await waitFor(
        async () => before.received.length,
        (received) => received === 1,
      );
      const claimedBy = performance.now();
      const moved = await server.call('PATCH', `/api/v1/webhook-endpoints/${id}`, {
        key: server.merchantKey,
        body: { url: after.url },
      });
      expect(moved.status).toBe(200);
      // The two others have waited for the only slot longer than their view of the endpoint may be kept.
      await waitFor(
        async () => performance.now() - claimedBy,
        (waited) => waited > 300,
      );
      before.release();
      await waitFor(
        () => pendingTo([id]),
        (pending) => pending === 0,
      );
      expect(before.received).toHaveLength(1);
      expect(after.received).toHaveLength(2);
    } finally {
      await before.close();
      await after.close();
    }
  });

  it('records the endpoint’s health even when the attempt itself cannot be recorded', async () => {
    const held = await receiver(true);
    try {
      const id = await endpoint(held.url);
      await server.db.query(
        "UPDATE webhook_endpoints SET failing_since = now() - interval '1 hour' WHERE id = $1",
        [id],
      );
      await payments(1);
      const run = dispatcher().runOnce();
      await waitFor(
        async () => held.received.length,
        (received) => received === 1,
      );
      // Gone while being sent: its attempt's row has nothing to refer to, and the statement is refused.
      await server.db.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
      held.release();
      expect(await run).toBe(1);
      const { rows } = await server.db.query<{ failing_since: Date | null }>(
        'SELECT failing_since FROM webhook_endpoints WHERE id = $1',
        [id],
      );
      expect(rows[0]?.failing_since).toBeNull();
    } finally {
      await held.close();
    }
  });

  it('disables an endpoint that answers 410 once, and sends nothing more it held for it', async () => {
    const gone = await receiver(false, () => ({ status: 410, body: 'gone' }));
    try {
      const id = await endpoint(gone.url);
      await payments(8);
      const made = dispatcher({ concurrency: 2, perEndpoint: 2 });
      expect(await made.runOnce()).toBe(8);
      // The two sent at once answered 410; what it held for the endpoint failed unsent once it was disabled.
      expect(gone.received.length).toBeLessThanOrEqual(2);
      expect(await made.runOnce()).toBe(0);
      const { rows } = await server.db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status',
        [id],
      );
      expect(rows).toEqual([{ status: 'failed', n: 8 }]);
      const events = await server.db.query(
        "SELECT 1 FROM events WHERE type = 'webhook_endpoint.disabled' AND data->'object'->>'id' = $1",
        [id],
      );
      expect(events.rowCount).toBe(1);
    } finally {
      await gone.close();
    }
  });

  it('marks an endpoint well again once it answers after a failure', async () => {
    const flaky = await receiver(false, (n) =>
      n === 0 ? { status: 500, body: 'down' } : { status: 200, body: 'ok' },
    );
    try {
      const id = await endpoint(flaky.url);
      await payments(1);
      await dispatcher({ retryDelaysMs: [20, 20] }).start();
      await waitFor(
        () => pendingTo([id]),
        (pending) => pending === 0,
      );
      const { rows } = await server.db.query<{ failing_since: Date | null }>(
        'SELECT failing_since FROM webhook_endpoints WHERE id = $1',
        [id],
      );
      expect(flaky.received).toHaveLength(2);
      expect(rows[0]?.failing_since).toBeNull();
    } finally {
      await flaky.close();
    }
  });

  it('disables an endpoint failing for 5 days, and not one failing for less', async () => {
    const down = await receiver(false, () => ({ status: 500, body: 'down' }));
    try {
      const longFailing = await endpoint(down.url);
      const failingLately = await endpoint(down.url);
      await server.db.query(
        "UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1",
        [longFailing],
      );
      await server.db.query(
        "UPDATE webhook_endpoints SET failing_since = now() - interval '1 day' WHERE id = $1",
        [failingLately],
      );
      await payments(1);
      const made = dispatcher();
      expect(await made.runOnce()).toBe(2);
      const { rows } = await server.db.query<{ id: string; status: string; disabled_reason: string | null }>(
        'SELECT id, status, disabled_reason FROM webhook_endpoints WHERE id = ANY ($1::text[]) ORDER BY id',
        [[longFailing, failingLately]],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(longFailing)).toMatchObject({
        status: 'disabled',
        disabled_reason: 'Every delivery failed for 5 days.',
      });
      expect(byId.get(failingLately)).toMatchObject({ status: 'enabled' });
      // Its delivery fails unsent when it next comes due.
      await server.db.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = $1', [
        longFailing,
      ]);
      await made.runOnce();
      const delivery = await server.db.query<{ status: string; attempt_count: number }>(
        'SELECT status, attempt_count FROM webhook_deliveries WHERE endpoint_id = $1',
        [longFailing],
      );
      expect(delivery.rows).toEqual([{ status: 'failed', attempt_count: 1 }]);
    } finally {
      await down.close();
    }
  });
});
