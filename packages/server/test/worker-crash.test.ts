import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/main.js';
import { type MtnFake, startMtnFake } from './fakes/mtn-fake.js';
import { createTestDatabase, realPostgresUrl, type TestDatabase } from './helpers/database.js';
import { startWorkerProcess } from './helpers/worker-process.js';

// Two processes on one database need a real PostgreSQL server: the embedded one belongs to one process.
describe.skipIf(!realPostgresUrl)('a worker killed in the middle of a submission', () => {
  let database: TestDatabase;
  let mtn: MtnFake;
  let api: RunningServer;
  const workers: ChildProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    mtn = await startMtnFake();
    env = {
      ...mtn.env(),
      LOG_LEVEL: 'silent',
      JOB_POLL_MS: '100',
      JOB_LEASE_SECONDS: '2',
      MTN_TIMEOUT_MS: '60000',
    };
    api = await startServer({ port: 0, role: 'api', ...database.options, env });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await api.close();
    await mtn.close();
    await database.drop();
  });

  const startWorker = async (): Promise<ChildProcess> => {
    const child = await startWorkerProcess(database.options.databaseUrl!, env);
    workers.push(child);
    return child;
  };

  const until = async <T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 600; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('condition never met');
  };

  it('loses nothing: another worker completes the payment, and the payer is charged once', async () => {
    const first = await startWorker();
    // MTN takes the request, then the worker dies before hearing back.
    mtn.inject({ kind: 'accept_then_hang' });
    const key = api.sandbox!.merchantKey;
    const response = await fetch(`${api.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        external_id: `crash-${randomUUID()}`,
        flow: 'collection',
        amount: 990,
        currency: 'EUR',
        payer: '46733123999',
        provider: 'mtn',
      }),
    });
    expect(response.status).toBe(202);
    const payment = (await response.json()) as { id: string };
    const { rows } = await api.db.query<{ ref: string }>(
      'SELECT provider_reference::text AS ref FROM payments WHERE id = $1',
      [payment.id],
    );
    const reference = rows[0]!.ref;
    await until(() => mtn.transactions.has(reference), Boolean);

    first.kill('SIGKILL');
    await once(first, 'exit');
    mtn.settle(reference, 'SUCCESSFUL');

    await startWorker();
    const final = await until(
      async () =>
        (await api.db.query<{ status: string }>('SELECT status FROM payments WHERE id = $1', [payment.id]))
          .rows[0]?.status,
      (status) => status !== 'pending',
    );
    expect(final).toBe('successful');
    const submissions = mtn.requests.filter(
      (r) =>
        r.method === 'POST' && r.path.endsWith('/requesttopay') && r.headers['x-reference-id'] === reference,
    );
    expect(submissions.length).toBe(2); // sent again after the crash, with the same reference …
    expect([...mtn.transactions.keys()].filter((ref) => ref === reference)).toHaveLength(1); // … and charged once
  });
});
