import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendOutbox } from '../src/outbox/append.js';
import { type OutboxPublisher, OutboxRelay } from '../src/outbox/relay.js';
import {
  declareRelay,
  type OutboxRow,
  outboxStatus,
  replayWindow,
  sweepOutbox,
} from '../src/outbox/store.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { waitFor } from './helpers/wait.js';

const logger = pino({ level: 'silent' });

/** Records what it was given; `failAfter` makes it die part-way through a batch (after sending some). */
class RecordingPublisher implements OutboxPublisher {
  readonly sent: OutboxRow[] = [];
  failAfter: number | undefined;

  async publish(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) {
      if (this.failAfter !== undefined && this.failAfter-- <= 0) {
        this.failAfter = undefined;
        throw new Error('the connection to the broker was lost');
      }
      // Each send yields, so two relays stepping at once really interleave.
      await new Promise((resolve) => setImmediate(resolve));
      this.sent.push(row);
    }
  }
}

async function write(db: Database, count: number, keys = 5): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    await appendOutbox(
      db,
      Array.from({ length: Math.min(100, count - start) }, (_, index) => ({
        topic: 'audit.payment-events' as const,
        key: `pay_${(start + index) % keys}`,
        eventType: 'payment.created',
        correlationId: `order-${start + index}`,
        merchantId: null,
        payload: { n: start + index },
      })),
    );
  }
}

const relay = (db: Database, publisher: OutboxPublisher, leaseMs = 60_000) =>
  new OutboxRelay(db, publisher, {
    logger,
    batchSize: 50,
    pollMs: 10,
    leaseMs,
    publishBudgetMs: leaseMs / 3,
  });

describe('the outbox relay', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ ...database.options, poolMax: 4 });
    await migrateUp(db);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await db.query('DELETE FROM outbox');
    await db.query('DELETE FROM outbox_relay_lease');
  });

  it('publishes every row once, in the order written, however many relays step at once', async () => {
    await write(db, 500);
    const publisher = new RecordingPublisher();
    const relays = [relay(db, publisher), relay(db, publisher), relay(db, publisher)];
    while ((await outboxStatus(db))[0]?.unpublished) {
      await Promise.all(relays.map((each) => each.step()));
    }
    const ids = publisher.sent.map((row) => Number(row.id));
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('publishes a batch again when its relay dies part-way: nothing is lost, nothing marked unsent', async () => {
    await write(db, 120);
    const publisher = new RecordingPublisher();
    publisher.failAfter = 30;
    const first = relay(db, publisher);
    await expect(first.step()).rejects.toThrow('lost');
    expect((await outboxStatus(db))[0]).toMatchObject({ unpublished: 120, published: 0 });
    while ((await outboxStatus(db))[0]?.unpublished) await first.step();
    const ids = publisher.sent.map((row) => Number(row.id));
    expect(new Set(ids).size).toBe(120);
    // The 30 sent before the failure went again: at least once.
    expect(ids).toHaveLength(150);
    for (const key of ['pay_0', 'pay_1', 'pay_2', 'pay_3', 'pay_4']) {
      const firstSeen = [
        ...new Set(publisher.sent.filter((row) => row.key === key).map((row) => Number(row.id))),
      ];
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    }
  });

  it('lets a standby take over when the holder stops renewing, and at once when it stops cleanly', async () => {
    await write(db, 10);
    const holder = relay(db, new RecordingPublisher(), 300);
    const standbyPublisher = new RecordingPublisher();
    const standby = relay(db, standbyPublisher, 300);
    await db.query('UPDATE outbox SET published_at = now()');
    expect(await holder.step()).toBe(0); // takes the lease; nothing waits
    await write(db, 10);
    expect(await standby.step()).toBe(0); // the holder's lease runs
    // The holder "dies" (never steps again): after its lease the standby publishes.
    await waitFor(
      () => standby.step(),
      (published) => published === 10,
    );

    await write(db, 5);
    await standby.stop(); // gives the lease up
    const next = relay(db, new RecordingPublisher(), 60_000);
    expect(await next.step()).toBe(5);
  });

  it('replays a window, and keeps unpublished rows past retention only when a relay will publish them', async () => {
    await write(db, 6);
    await db.query(
      "UPDATE outbox SET created_at = now() - interval '10 days' WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 3)",
    );
    await db.query(
      'UPDATE outbox SET published_at = now() WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 2)',
    );
    await db.query('UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox)');

    expect(await replayWindow(db, { since: new Date(Date.now() - 60_000) })).toBe(1);
    expect(
      await replayWindow(db, { since: new Date(Date.now() - 60_000), topic: 'payments.payment-failed' }),
    ).toBe(0);

    // Old rows: two published, one not. No relay ever ran here: the unpublished one goes too.
    expect(await sweepOutbox(db, 24)).toBe(3);
    await write(db, 1);
    await db.query("UPDATE outbox SET created_at = now() - interval '10 days' WHERE published_at IS NULL");
    // Once a relay is configured for this database (before it ever connects), unpublished rows wait for it,
    // however old; a relay that stopped cleanly leaves that said.
    await declareRelay(db);
    expect(await sweepOutbox(db, 24)).toBe(0);
    const ran = relay(db, new RecordingPublisher());
    expect(await ran.step()).toBe(4);
    await ran.stop();
    await db.query("UPDATE outbox SET published_at = NULL WHERE created_at < now() - interval '1 day'");
    expect(await sweepOutbox(db, 24)).toBe(0);
  });
});
