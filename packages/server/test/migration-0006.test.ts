import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateBatch } from '../src/analytics/aggregator.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { createTestDatabase, revertThrough, type TestDatabase } from './helpers/database.js';

// 0006 replaces the per-event "processed" flag with a commit-order cursor and per-day customer rows with
// monthly bitmaps. What 0005 had aggregated must stay counted once, and what it had not must still be counted.
let database: TestDatabase;
let db: Database;

const event = (id: string, customer: string, processed: boolean) =>
  db.query(
    `INSERT INTO transaction_events
       (id, merchant_id, mode, transaction_id, event_type, customer_id, amount, currency, occurred_at, processed)
     VALUES ($1, 'mer_OLD', 'test', $1, 'payment_succeeded', $2, 100, 'ZMW', '2026-11-10T12:00:00Z', $3)`,
    [id, customer, processed],
  );

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.options);
  await migrateUp(db);
  await revertThrough(db, '0006_');
  await db.query(
    `INSERT INTO merchants (id, name, country, default_currency) VALUES ('mer_OLD', 'Old', 'ZM', 'ZMW')`,
  );
  // One event 0005 had aggregated (with its figures as 0005 stored them), one it had not yet.
  await event('txe_AGGREGATED', 'c1', true);
  await db.query(
    `INSERT INTO merchant_daily_aggregates (merchant_id, mode, day, currency, successful, gross_amount)
     VALUES ('mer_OLD', 'test', '2026-11-10', 'ZMW', 1, 100)`,
  );
  await db.query(
    `INSERT INTO merchant_daily_customers (merchant_id, mode, currency, day, customer_id)
     VALUES ('mer_OLD', 'test', 'ZMW', '2026-11-10', 'c1')`,
  );
  await db.query(
    `INSERT INTO merchant_customer_stats
       (merchant_id, mode, currency, customer_id, transactions, total_spent, first_transaction, last_transaction)
     VALUES ('mer_OLD', 'test', 'ZMW', 'c1', 1, 100, '2026-11-10T12:00:00Z', '2026-11-10T12:00:00Z')`,
  );
  await event('txe_WAITING', 'c2', false);
  await migrateUp(db);
  while ((await aggregateBatch(db)) > 0);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const one = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows[0];

describe('migration 0006 on existing data', () => {
  it('counts the event 0005 had aggregated once and the waiting one once', async () => {
    expect(
      await one(`SELECT successful::int, gross_amount::int, customers::int FROM merchant_daily_aggregates`),
    ).toEqual({ successful: 2, gross_amount: 200, customers: 2 });
    expect(await one('SELECT month::text, customers::int FROM merchant_monthly_aggregates')).toEqual({
      month: '2026-11-01',
      customers: 2,
    });
    expect(await one('SELECT day::text, customers::int FROM merchant_new_customers')).toEqual({
      day: '2026-11-10',
      customers: 2,
    });
    expect(await one('SELECT customers::int, spent::int FROM merchant_customer_totals')).toEqual({
      customers: 2,
      spent: 200,
    });
    const months = await db.query<{ customer_id: string; active_days: number }>(
      'SELECT customer_id, active_days FROM merchant_customer_months ORDER BY customer_id',
    );
    // Bit 9: the 10th of the month.
    expect(months.rows).toEqual([
      { customer_id: 'c1', active_days: 1 << 9 },
      { customer_id: 'c2', active_days: 1 << 9 },
    ]);
  });

  it('goes back down to flags and per-day customers', async () => {
    await revertThrough(db, '0006_');
    const flags = await db.query<{ id: string; processed: boolean }>(
      'SELECT id, processed FROM transaction_events ORDER BY id',
    );
    expect(flags.rows).toEqual([
      { id: 'txe_AGGREGATED', processed: true },
      { id: 'txe_WAITING', processed: true },
    ]);
    const customers = await db.query<{ customer_id: string; day: string }>(
      'SELECT customer_id, day::text FROM merchant_daily_customers ORDER BY customer_id',
    );
    expect(customers.rows).toEqual([
      { customer_id: 'c1', day: '2026-11-10' },
      { customer_id: 'c2', day: '2026-11-10' },
    ]);
    await migrateUp(db);
  });
});
