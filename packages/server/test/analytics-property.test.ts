import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aggregateBatch } from '../src/analytics/aggregator.js';
import { lockTenants, tenantKey } from '../src/analytics/locks.js';
import { rebuildMerchant } from '../src/analytics/rebuild.js';
import { runReplay } from '../src/analytics/replay.js';
import type { Database, Queryable } from '../src/platform/db/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ANALYTICS_AGGREGATOR: 'false', RATE_LIMIT_MAX: '100000' });
});
afterAll(() => server.close());

/** A small seeded generator, so a failing stream can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

const TYPES = ['payment_created', 'payment_succeeded', 'payment_failed', 'payment_refunded'] as const;

/** Two weeks of events around a DST change and a month's end, two currencies, repeats, out of order, late. */
function stream(seed: number, size: number) {
  const rand = random(seed);
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const repeat = events.length > 0 && rand.next() < 0.15;
    if (repeat) {
      events.push({ ...rand.pick(events) });
      continue;
    }
    const at = Date.parse('2026-10-22T00:00:00Z') + rand.int(14 * 86_400_000);
    events.push({
      transaction_id: `t${rand.int(size)}`,
      event_type: rand.pick(TYPES),
      amount: rand.int(100_000),
      fee: rand.int(500),
      currency: rand.pick(['ZMW', 'USD']),
      ...(rand.next() < 0.8 ? { customer_id: `c${rand.int(20)}` } : {}),
      ...(rand.next() < 0.7 ? { payment_method: rand.pick(['mtn', 'airtel', 'card']) } : {}),
      ...(rand.next() < 0.6 ? { product_id: `p${rand.int(5)}`, product_name: `Product ${rand.int(3)}` } : {}),
      occurred_at: new Date(at).toISOString(),
    });
  }
  return events;
}

/** A database whose aggregation transactions die after `after` statements: a worker killed mid-batch. */
function dyingAfter(db: Database, after: number): Database {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) => {
        let statements = 0;
        const dying: Queryable = {
          query: (sql, params) => {
            if (++statements > after) throw new Error('killed');
            return tx.query(sql, params);
          },
          exec: (sql) => tx.exec(sql),
        };
        return work(dying);
      }),
  };
}

/** What the aggregates must say, computed the slow, obvious way from the raw events. */
async function naive(db: Queryable, merchantId: string) {
  const figures = `count(*) FILTER (WHERE event_type = 'payment_created')::int AS created,
    count(*) FILTER (WHERE event_type = 'payment_succeeded')::int AS successful,
    count(*) FILTER (WHERE event_type = 'payment_failed')::int AS failed,
    count(*) FILTER (WHERE event_type = 'payment_refunded')::int AS refunds,
    coalesce(sum(amount) FILTER (WHERE event_type = 'payment_succeeded'), 0)::int8::text AS gross,
    coalesce(sum(amount) FILTER (WHERE event_type = 'payment_refunded'), 0)::int8::text AS refunded,
    (coalesce(sum(fee) FILTER (WHERE event_type = 'payment_succeeded'), 0)
      - coalesce(sum(fee) FILTER (WHERE event_type = 'payment_refunded'), 0))::int8::text AS fees`;
  const local = `FROM transaction_events e JOIN merchants m ON m.id = e.merchant_id WHERE e.merchant_id = $1`;
  const paying = `count(DISTINCT customer_id) FILTER (WHERE event_type = 'payment_succeeded')::int AS customers`;
  const daily = await db.query(
    `SELECT (occurred_at AT TIME ZONE m.time_zone)::date::text AS day, currency, ${figures}, ${paying} ${local}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [merchantId],
  );
  const monthly = await db.query(
    `SELECT date_trunc('month', occurred_at AT TIME ZONE m.time_zone)::date::text AS month, currency, ${paying}
     ${local} GROUP BY 1, 2 HAVING count(DISTINCT customer_id) FILTER (WHERE event_type = 'payment_succeeded') > 0
     ORDER BY 1, 2`,
    [merchantId],
  );
  const hourly = await db.query(
    `SELECT date_trunc('hour', occurred_at, m.time_zone) AS hour, currency, ${figures} ${local}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [merchantId],
  );
  const customers = await db.query(
    `SELECT currency, customer_id, count(*) FILTER (WHERE event_type = 'payment_succeeded')::int AS transactions,
       (coalesce(sum(amount) FILTER (WHERE event_type = 'payment_succeeded'), 0)
         - coalesce(sum(amount) FILTER (WHERE event_type = 'payment_refunded'), 0))::int8::text AS spent,
       min(occurred_at) AS first, max(occurred_at) AS last
     ${local} AND customer_id IS NOT NULL AND event_type IN ('payment_succeeded', 'payment_refunded')
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [merchantId],
  );
  const fresh = await db.query(
    `SELECT (first AT TIME ZONE m.time_zone)::date::text AS day, c.currency, count(*)::int AS customers
     FROM (SELECT currency, customer_id, min(occurred_at) AS first ${local} AND customer_id IS NOT NULL
             AND event_type IN ('payment_succeeded', 'payment_refunded') GROUP BY 1, 2) c,
          merchants m WHERE m.id = $1
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [merchantId],
  );
  return {
    daily: daily.rows,
    hourly: hourly.rows,
    monthly: monthly.rows,
    fresh: fresh.rows,
    customers: customers.rows,
    totals: totalsOf(customers.rows),
  };
}

/** Customer totals per currency, summed from per-customer rows. */
function totalsOf(rows: Array<Record<string, unknown>>) {
  const totals = new Map<
    string,
    { currency: string; customers: number; transactions: number; spent: string }
  >();
  for (const row of rows) {
    const currency = String(row.currency);
    const total = totals.get(currency) ?? { currency, customers: 0, transactions: 0, spent: '0' };
    total.customers += 1;
    total.transactions += Number(row.transactions);
    total.spent = String(BigInt(total.spent) + BigInt(String(row.spent)));
    totals.set(currency, total);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** What the aggregates do say, in the same shape. */
async function stored(db: Queryable, merchantId: string) {
  const figures = `created::int, successful::int, failed::int, refunds::int, gross_amount::text AS gross,
    refunded_amount::text AS refunded, fees::text AS fees`;
  const daily = await db.query(
    `SELECT day::text, currency, ${figures}, customers::int FROM merchant_daily_aggregates WHERE merchant_id = $1
     ORDER BY 1, 2`,
    [merchantId],
  );
  const monthly = await db.query(
    `SELECT month::text, currency, customers::int FROM merchant_monthly_aggregates WHERE merchant_id = $1
     ORDER BY 1, 2`,
    [merchantId],
  );
  const fresh = await db.query(
    `SELECT day::text, currency, customers::int FROM merchant_new_customers
     WHERE merchant_id = $1 AND customers <> 0 ORDER BY 1, 2`,
    [merchantId],
  );
  const totals = await db.query(
    `SELECT currency, customers::int, transactions::int, spent::text FROM merchant_customer_totals
     WHERE merchant_id = $1 ORDER BY 1`,
    [merchantId],
  );
  const hourly = await db.query(
    `SELECT hour, currency, ${figures} FROM merchant_hourly_aggregates WHERE merchant_id = $1 ORDER BY 1, 2`,
    [merchantId],
  );
  const customers = await db.query(
    `SELECT currency, customer_id, transactions::int, total_spent::text AS spent, first_transaction AS first,
       last_transaction AS last
     FROM merchant_customer_stats WHERE merchant_id = $1 ORDER BY 1, 2`,
    [merchantId],
  );
  return {
    daily: daily.rows,
    hourly: hourly.rows,
    monthly: monthly.rows,
    fresh: fresh.rows,
    customers: customers.rows,
    totals: totals.rows,
  };
}

async function newMerchant() {
  const merchant = await server.call('POST', '/api/v1/merchants', {
    body: { name: 'Property', country: 'FR', default_currency: 'EUR', time_zone: 'Europe/Paris' },
    headers: { 'idempotency-key': randomUUID() },
  });
  const key = await server.call('POST', `/api/v1/merchants/${merchant.body.id}/keys`, {
    body: { name: 'ingest' },
    headers: { 'idempotency-key': randomUUID() },
  });
  return { id: merchant.body.id as string, key: key.body.secret as string };
}

for (const seed of [1, 2, 3]) {
  it(`incremental aggregation = replay = a naive recompute (seed ${seed})`, async () => {
    const { id, key } = await newMerchant();
    const rand = random(seed * 7919);
    const events = stream(seed, 300);
    let offset = 0;
    while (offset < events.length) {
      const size = 1 + rand.int(60);
      const batch = events.slice(offset, offset + size);
      offset += size;
      const result = await server.call('POST', '/api/v1/transaction-events/batch', { key, body: batch });
      expect(result.status).toBe(200);
      const step = rand.next();
      if (step < 0.3) {
        // A worker dies mid-batch: its claim rolls back with its additions.
        await expect(
          aggregateBatch(dyingAfter(server.db, 1 + rand.int(3)), 1 + rand.int(40)),
        ).rejects.toThrow('killed');
      } else if (step < 0.7) {
        // Two workers at once.
        await Promise.all([
          aggregateBatch(server.db, 1 + rand.int(40)),
          aggregateBatch(server.db, 1 + rand.int(40)),
        ]);
      } else if (step < 0.8) {
        // A replay while a worker adds a batch.
        await Promise.all([
          aggregateBatch(server.db, 1 + rand.int(40)),
          rebuildMerchant(server.db, id, 'test', '2026-10-01', '2026-11-30'),
        ]);
      }
    }
    while ((await aggregateBatch(server.db, 1 + rand.int(100))) > 0);

    const expected = await naive(server.db, id);
    expect(expected.daily.length).toBeGreaterThan(3);
    expect(await stored(server.db, id)).toEqual(expected);
    await rebuildMerchant(server.db, id, 'test', '1970-01-01', '9999-12-30');
    expect(await stored(server.db, id)).toEqual(expected);
  });
}

// Two connections are needed to hold a lock while the aggregator runs: real PostgreSQL only.
it.skipIf(!process.env.MOLAM_TEST_DATABASE_URL)(
  'a batch with events of a merchant being replayed waits for the replay, then counts them once',
  async () => {
    const replayed = await newMerchant();
    const other = await newMerchant();
    for (const { key } of [replayed, other]) {
      const batch = [
        { transaction_id: randomUUID(), event_type: 'payment_succeeded', amount: 10, currency: 'ZMW' },
      ];
      expect(
        (await server.call('POST', '/api/v1/transaction-events/batch', { key, body: batch })).status,
      ).toBe(200);
    }
    const counted = async (merchantId: string) =>
      (
        await server.db.query<{ n: number }>(
          'SELECT coalesce(sum(successful), 0)::int AS n FROM merchant_daily_aggregates WHERE merchant_id = $1',
          [merchantId],
        )
      ).rows[0]?.n;
    let draining: Promise<void> | undefined;
    await server.db.transaction(async (tx) => {
      await lockTenants(tx, [tenantKey(replayed.id, 'test')]);
      draining = (async () => {
        while ((await aggregateBatch(server.db)) > 0);
      })();
      // The batch is waiting for the replay's lock.
      await waitFor(
        async () =>
          (
            await server.db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
            )
          ).rows[0]?.n ?? 0,
        (waiting) => waiting > 0,
      );
      expect(await counted(replayed.id)).toBe(0);
    });
    await draining;
    expect(await counted(replayed.id)).toBe(1);
    expect(await counted(other.id)).toBe(1);
  },
);

it('a batch holds at most so many merchants, ending before the first event of the next one', async () => {
  const merchants = [await newMerchant(), await newMerchant(), await newMerchant()];
  for (const { key } of merchants) {
    const body = [
      { transaction_id: randomUUID(), event_type: 'payment_succeeded', amount: 10, currency: 'ZMW' },
      { transaction_id: randomUUID(), event_type: 'payment_succeeded', amount: 20, currency: 'ZMW' },
    ];
    expect((await server.call('POST', '/api/v1/transaction-events/batch', { key, body })).status).toBe(200);
  }
  expect(await aggregateBatch(server.db, 1000, { maxTenants: 2 })).toBe(4);
  expect(await aggregateBatch(server.db, 1000, { maxTenants: 2 })).toBe(2);
  expect(await aggregateBatch(server.db, 1000, { maxTenants: 2 })).toBe(0);
});

it('recounts everything when the database moved to a server whose transaction ids are behind the cursor', async () => {
  const { id, key } = await newMerchant();
  const events = stream(4, 80);
  expect((await server.call('POST', '/api/v1/transaction-events/batch', { key, body: events })).status).toBe(
    200,
  );
  while ((await aggregateBatch(server.db)) > 0);
  const expected = await naive(server.db, id);
  // As after a restore elsewhere: the cursor names a transaction this server has not reached, and the
  // merchant's figures are stale.
  await server.db.query(`UPDATE analytics_cursor SET txid = '9000000000000'`);
  await server.db.query('UPDATE merchant_daily_aggregates SET successful = 0 WHERE merchant_id = $1', [id]);
  const later = stream(5, 20).map((event, i) => ({ ...event, transaction_id: `later-${i}` }));
  expect((await server.call('POST', '/api/v1/transaction-events/batch', { key, body: later })).status).toBe(
    200,
  );

  expect(await aggregateBatch(server.db)).toBe(0);
  const queued = await server.db.query<{ id: string }>(
    `SELECT id FROM analytics_replays WHERE merchant_id = $1 AND status = 'queued'`,
    [id],
  );
  expect(queued.rows).toHaveLength(2);
  const logger = pino({ level: 'silent' });
  for (const replay of queued.rows) await runReplay(server.db, replay.id, logger);
  while ((await aggregateBatch(server.db)) > 0);
  const now = await naive(server.db, id);
  expect(now.daily.length).toBeGreaterThanOrEqual(expected.daily.length);
  expect(await stored(server.db, id)).toEqual(now);
});
