import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/main.js';
import { createTestDatabase, realPostgresUrl, type TestDatabase } from './helpers/database.js';
import { startWorkerProcess } from './helpers/worker-process.js';

// Two processes on one database need a real PostgreSQL server: the embedded one belongs to one process.
describe.skipIf(!realPostgresUrl)('a worker killed in the middle of a webhook delivery', () => {
  let database: TestDatabase;
  let api: RunningServer;
  let receiver: Server;
  const hanging: ServerResponse[] = [];
  const received: Array<{ id: string; body: string }> = [];
  const workers: ChildProcess[] = [];
  const env = {
    LOG_LEVEL: 'silent',
    JOB_POLL_MS: '100',
    JOB_LEASE_SECONDS: '2',
    WEBHOOK_TIMEOUT_MS: '60000',
    EGRESS_ALLOW_LOOPBACK: 'true', // the receiver listens on 127.0.0.1
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ id: String(req.headers['webhook-id']), body });
        // The first delivery is taken in and never answered: its sender dies waiting.
        if (received.length === 1) hanging.push(res);
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    api = await startServer({ port: 0, role: 'api', ...database.options, env });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    for (const res of hanging) res.destroy();
    await api.close();
    await new Promise((resolve) => receiver.close(resolve));
    await database.drop();
  });

  const startWorker = async (): Promise<ChildProcess> => {
    const child = await startWorkerProcess(database.options.databaseUrl!, env);
    workers.push(child);
    return child;
  };

  const until = async (done: () => boolean) => {
    for (let i = 0; i < 600 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!done()) throw new Error('condition never met');
  };

  it('still delivers the event, with the same webhook-id', async () => {
    const key = api.sandbox!.merchantKey;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const port = (receiver.address() as AddressInfo).port;
    const endpoint = await fetch(`${api.url}/api/v1/webhook-endpoints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/hooks`, enabled_events: ['payment.created'] }),
    });
    expect(endpoint.status).toBe(201);
    const first = await startWorker();
    const payment = await fetch(`${api.url}/api/v1/payments`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        external_id: `wh-${randomUUID()}`,
        flow: 'collection',
        amount: 100,
        currency: 'ZMW',
        payer: '260971234567',
      }),
    });
    expect(payment.status).toBe(202);
    await until(() => received.length === 1);
    first.kill('SIGKILL');
    await once(first, 'exit');

    await startWorker();
    await until(() => received.length >= 2);
    expect(received[1]!.id).toBe(received[0]!.id);
    expect(JSON.parse(received[1]!.body).type).toBe('payment.created');
  });
});
