import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhook } from '@molam/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer, ServerModule } from '../src/api/server.js';
import { tempDir } from './helpers/fake-io.js';
import { assertBuilt, runBin, startBin } from './helpers/run-bin.js';

interface Delivered {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver (what a developer's app would be): records every POST and answers 200. */
async function startReceiver(): Promise<{
  url: string;
  received: Delivered[];
  next(path: string, accept: (delivered: Delivered) => boolean, timeoutMs?: number): Promise<Delivered>;
  close(): Promise<void>;
}> {
  const received: Delivered[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    next: (path, accept, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find((delivered) => delivered.path === path && accept(delivered));
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching POST ${path} within ${timeoutMs} ms (got ${received.length})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function eventOf(delivered: Delivered): { id: string; type: string; data: { object: { id: string } } } {
  return JSON.parse(delivered.body);
}

describe('molam webhooks against a real server (in-process, in-memory database)', () => {
  let server: RunningServer;
  let serverClosed = false;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const shop = ['--profile', 'shop'];

  async function json<T>(args: string[]): Promise<T> {
    const result = await runBin([...shop, ...args, '--json'], { env });
    if (result.code !== 0) throw new Error(`molam ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  beforeAll(async () => {
    assertBuilt();
    const { startServer } = (await import('@molam/server')) as ServerModule;
    const { DATABASE_URL: _ignored, ...processEnv } = process.env;
    server = await startServer({
      port: 0,
      dataDir: 'memory://',
      env: {
        ...processEnv,
        LOG_LEVEL: 'silent',
        JOB_POLL_MS: '50',
        RATE_LIMIT_MAX: '100000',
        SSE_HEARTBEAT_MS: '1000',
        EGRESS_ALLOW_LOOPBACK: 'true', // the receiver listens on 127.0.0.1
      },
    });
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
    receiver = await startReceiver();
    const login = await runBin(['login', '--with-token', ...shop, '--base-url', server.url], {
      env,
      input: server.sandbox?.merchantKey ?? '',
    });
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  });

  afterAll(async () => {
    if (!serverClosed) await server?.close();
    await receiver?.close();
    await dir?.cleanup();
  });

  it('serves the event stream the listener needs', async () => {
    const response = await fetch(`${server.url}/api/v1/events/stream`, {
      headers: { authorization: `Bearer ${server.sandbox?.merchantKey}`, accept: 'text/event-stream' },
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
    expect(response.status, 'GET /api/v1/events/stream: is the SSE endpoint in @molam/server yet?').toBe(200);
  });

  it('manages endpoints, inspects and retries deliveries, lists and resends events', async () => {
    const url = `${receiver.url}/endpoint`;
    const created = await json<{ id: string; secret: string }>([
      'webhooks',
      'endpoints',
      'create',
      '--url',
      url,
      '--events',
      'payment.succeeded',
      '--description',
      'e2e',
    ]);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^we_/),
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = await json<{ data: { id: string }[] }>(['webhooks', 'endpoints', 'list', '--all']);
    expect(listed.data.map((endpoint) => endpoint.id)).toContain(created.id);
    expect(await json(['webhooks', 'endpoints', 'get', created.id])).not.toHaveProperty('secret');

    const triggered = await json<{ created: { id: string }[] }>(['webhooks', 'trigger', 'payment.succeeded']);
    const paymentId = triggered.created[0]?.id;
    const delivered = await receiver.next(
      '/endpoint',
      (request) => eventOf(request).data.object.id === paymentId,
    );
    const event = await verifyWebhook(delivered.body, delivered.headers, created.secret);
    expect(event).toMatchObject({ type: 'payment.succeeded', data: { object: { id: paymentId } } });

    let deliveries: { data: { id: string; event_id: string; status: string }[] } = { data: [] };
    for (let tries = 0; tries < 50; tries++) {
      deliveries = await json(['webhooks', 'deliveries', 'list', created.id]);
      if (deliveries.data.some((entry) => entry.event_id === event.id && entry.status === 'succeeded')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const delivery = deliveries.data.find((entry) => entry.event_id === event.id);
    expect(delivery).toMatchObject({ status: 'succeeded' });
    const shown = await runBin([...shop, 'webhooks', 'deliveries', 'get', created.id, delivery?.id ?? ''], {
      env,
    });
    expect(shown.stdout).toMatch(/\t200\t\d+ ms\t-/);
    expect(await json(['webhooks', 'deliveries', 'retry', created.id, delivery?.id ?? ''])).toMatchObject({
      id: delivery?.id,
    });

    const events = await json<{ data: { id: string }[] }>(['events', 'list', '--type', 'payment.succeeded']);
    expect(events.data.map((entry) => entry.id)).toContain(event.id);
    expect(await json(['events', 'get', event.id])).toMatchObject({
      id: event.id,
      type: 'payment.succeeded',
    });
    const resent = await json<{ data: { endpoint_id: string }[] }>([
      'events',
      'resend',
      event.id,
      '--endpoint',
      created.id,
    ]);
    expect(resent.data).toEqual([expect.objectContaining({ endpoint_id: created.id })]);
    expect(
      await json([
        'webhooks',
        'recover',
        created.id,
        '--since',
        new Date(Date.now() - 3_600_000).toISOString(),
      ]),
    ).toMatchObject({ object: 'webhook_recovery', queued: expect.any(Number) });

    const updated = await json<{ description: string }>([
      'webhooks',
      'endpoints',
      'update',
      created.id,
      '--description',
      'renamed',
    ]);
    expect(updated.description).toBe('renamed');
    const unconfirmed = await runBin([...shop, 'webhooks', 'endpoints', 'rotate-secret', created.id], {
      env,
    });
    expect(unconfirmed.code).toBe(2);
    const rotated = await json<{ secret: string }>([
      'webhooks',
      'endpoints',
      'rotate-secret',
      created.id,
      '--yes',
    ]);
    expect(rotated.secret).not.toBe(created.secret);
    expect(await json(['webhooks', 'endpoints', 'delete', created.id, '--yes'])).toMatchObject({
      id: created.id,
      deleted: true,
    });
  }, 60_000);

  it('listen --forward-to delivers a triggered payment.succeeded, signed with the printed secret; Ctrl-C exits 0', async () => {
    const listener = startBin(
      [
        ...shop,
        'webhooks',
        'listen',
        '--forward-to',
        `${receiver.url}/hooks`,
        '--events',
        'payment.succeeded',
      ],
      { env },
    );
    try {
      const [, secret = ''] = await listener.waitFor(
        'stderr',
        /Ready! Your webhook signing secret is (whsec_\S+) \(\^C to quit\)/,
      );
      const triggered = await json<{ created: { id: string }[] }>([
        'webhooks',
        'trigger',
        'payment.succeeded',
      ]);
      const paymentId = triggered.created[0]?.id;
      const forwarded = await receiver.next(
        '/hooks',
        (request) => eventOf(request).data.object.id === paymentId,
      );
      const event = await verifyWebhook(forwarded.body, forwarded.headers, secret);
      expect(event).toMatchObject({
        type: 'payment.succeeded',
        data: { object: { id: paymentId, status: 'successful' } },
      });
      expect(forwarded.headers['webhook-id']).toBe(event.id);

      await listener.waitFor('stdout', new RegExp(`<-- \\[200\\] POST ${receiver.url}/hooks \\(\\d+ ms\\)`));
      expect(listener.stdout()).toContain(`--> payment.succeeded ${event.id}\n`);
      // Only the type asked for: the payment.created of the same payment is not forwarded.
      expect(
        receiver.received
          .filter((request) => request.path === '/hooks')
          .map((request) => eventOf(request).type),
      ).not.toContain('payment.created');
    } finally {
      listener.kill('SIGINT');
    }
    const { code, stderr } = await listener.exited;
    expect(code, stderr).toBe(0);
  }, 60_000);

  it('listen exits 1 once the server has been gone for --give-up-after seconds', async () => {
    const listener = startBin([...shop, 'webhooks', 'listen', '--give-up-after', '2'], { env });
    try {
      await listener.waitFor('stderr', /Ready! Your webhook signing secret is whsec_/);
      await server.close();
      serverClosed = true;
      const started = Date.now();
      const { code, stderr } = await listener.exited;
      expect(code).toBe(1);
      expect(stderr).toContain('reconnecting in');
      expect(stderr).toMatch(
        /Error: Gave up after 2 s without the event stream \(.+\)\. Exiting so that a supervisor can restart/,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      listener.kill('SIGKILL');
    }
  }, 30_000);
});
