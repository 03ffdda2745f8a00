import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { enqueueJob, JobWorker, queueDepth, redriveDeadJobs } from '../src/platform/jobs/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { createTestDatabase, realPostgresUrl, type TestDatabase } from './helpers/database.js';

// The kinds these tests run, declared like any domain declares its own.
declare module '../src/platform/jobs/tasks.js' {
  interface JobTasks {
    count: { n: number };
    wake: { hello: string };
    flaky: Record<string, never>;
    lease: { id?: number };
    poll: Record<string, never>;
  }
}

const logger = pino({ level: 'silent' });
let database: TestDatabase;
let db: Database;
const extraHandles: Database[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.options);
  await migrateUp(db);
});
afterEach(async () => {
  await Promise.all(extraHandles.splice(0).map((handle) => handle.close()));
  await db.close();
  await database.drop();
});

/** Another connection to the same database: a second process, as far as PostgreSQL can tell. */
async function secondHandle(): Promise<Database> {
  if (!realPostgresUrl) return db; // one embedded database has one handle
  const handle = await openDatabase(database.options);
  extraHandles.push(handle);
  return handle;
}

const enqueueMany = (kind: 'count', count: number) =>
  db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) await enqueueJob(tx, kind, { n: i });
  });

describe('the job worker', () => {
  it('runs each job exactly once across several workers, then deletes it', async () => {
    await enqueueMany('count', 60);
    const seen: number[] = [];
    const handler = async (payload: unknown) => {
      seen.push((payload as { n: number }).n);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return undefined;
    };
    const workers = [
      new JobWorker(db, { logger, concurrency: 3 }),
      new JobWorker(await secondHandle(), { logger, concurrency: 3 }),
    ];
    for (const worker of workers) worker.register('count', handler);
    for (let round = 0; round < 100 && seen.length < 60; round++) {
      await Promise.all(workers.map((worker) => worker.runOnce()));
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(0);
  });

  it('wakes on NOTIFY when started, without waiting for the poll', async () => {
    const worker = new JobWorker(db, { logger, pollMs: 600_000 });
    const done = new Promise<unknown>((resolve) => {
      worker.register('wake', async (payload) => {
        resolve(payload);
        return undefined;
      });
    });
    await worker.start();
    try {
      await db.transaction((tx) => enqueueJob(tx, 'wake', { hello: 'there' }));
      expect(await done).toEqual({ hello: 'there' });
    } finally {
      await worker.stop();
    }
  });

  it('retries a failing job with backoff, then marks it dead; a re-drive gives it a new budget', async () => {
    await db.transaction((tx) => enqueueJob(tx, 'flaky', {}, { maxAttempts: 3 }));
    let calls = 0;
    const worker = new JobWorker(db, { logger, backoff: () => 0 }).register('flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    for (let i = 0; i < 5; i++) await worker.runOnce();
    expect(calls).toBe(3);
    const { rows } = await db.query<{ state: string; last_error: string }>(
      'SELECT state, last_error FROM jobs',
    );
    expect(rows).toEqual([{ state: 'dead', last_error: 'boom 3' }]);
    expect((await queueDepth(db)).dead).toBe(1);

    expect(await redriveDeadJobs(db, { kind: 'flaky' })).toBe(1);
    await worker.runOnce();
    expect(calls).toBe(4);
  });

  it('gives a dead worker’s job to another once the lease has run out', async () => {
    await db.transaction((tx) => enqueueJob(tx, 'lease', { id: 1 }));
    // A worker claimed it and died: its lease is in the past.
    await db.query(
      "UPDATE jobs SET locked_by = 'worker-gone', locked_until = now() - interval '1 second', attempts = 1",
    );
    const ran: unknown[] = [];
    const worker = new JobWorker(db, { logger }).register('lease', async (payload) => {
      ran.push(payload);
      return undefined;
    });
    await worker.runOnce();
    expect(ran).toEqual([{ id: 1 }]);
  });

  it('does not take a job whose lease is still running', async () => {
    await db.transaction((tx) => enqueueJob(tx, 'lease', {}));
    await db.query("UPDATE jobs SET locked_by = 'worker-alive', locked_until = now() + interval '1 hour'");
    const worker = new JobWorker(db, { logger }).register('lease', async () => undefined);
    expect(await worker.runOnce()).toBe(0);
  });

  it('reschedules a job that asks to run again, resetting its failure count', async () => {
    await db.transaction((tx) => enqueueJob(tx, 'poll', {}));
    const later = new Date(Date.now() + 3_600_000);
    const worker = new JobWorker(db, { logger }).register('poll', async () => ({ runAgainAt: later }));
    await worker.runOnce();
    const { rows } = await db.query<{ run_at: Date; attempts: number; state: string }>(
      'SELECT run_at, attempts, state FROM jobs',
    );
    expect(rows[0]?.state).toBe('queued');
    expect(rows[0]?.attempts).toBe(0);
    expect(new Date(rows[0]!.run_at).getTime()).toBe(later.getTime());
    expect(await worker.runOnce()).toBe(0);
  });
});
