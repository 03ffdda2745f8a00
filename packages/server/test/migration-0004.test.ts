import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { createTestDatabase, revertThrough, type TestDatabase } from './helpers/database.js';

// 0004 makes idempotency keys, routing and external ids per mode and names the provider in payment jobs.
// Data written before it must keep working: retries still replay, queued work is still claimed.
let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.options);
  await migrateUp(db);
  // Back to just before 0004: later migrations first.
  await revertThrough(db, '0004_');
  await db.query(
    `INSERT INTO merchants (id, name, country, default_currency) VALUES ('mer_OLD', 'Old', 'ZM', 'ZMW')`,
  );
  await db.query(
    `INSERT INTO merchant_routing (merchant_id, currencies) VALUES ('mer_OLD', '{"ZMW": ["sandbox"]}')`,
  );
  await db.query(
    `INSERT INTO payments (id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference, mode)
     VALUES ('pay_OLD', 'mer_OLD', 'order-1', 'collection', 100, 'ZMW', '260971234567', 'sandbox', gen_random_uuid(), 'test')`,
  );
  await db.query(`INSERT INTO jobs (kind, payload) VALUES ('payment.submit', '{"paymentId": "pay_OLD"}')`);
  await db.query(
    `INSERT INTO jobs (kind, payload, state) VALUES ('payment.check', '{"paymentId": "pay_OLD"}', 'done')`,
  );
  const stored = (owner: string, key: string, body: unknown) =>
    db.query(
      `INSERT INTO idempotency_keys (owner, key, fingerprint, state, response_status, response_body, locked_until, expires_at)
       VALUES ($1, $2, 'f', 'completed', 201, $3, now(), now() + interval '1 day')`,
      [owner, key, JSON.stringify(body)],
    );
  await stored('mer_OLD', 'live-key', {
    object: 'api_key',
    mode: 'live',
    secret: 'mk_live_0123456789abcdefghijklmnopqrstuv',
  });
  await stored('mer_OLD', 'endpoint', { object: 'webhook_endpoint', secret: 'whsec_c2VjcmV0' });
  await migrateUp(db);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('migration 0004 on existing data', () => {
  it('moves stored answers to their mode (both, where they name none) and scrubs their secrets', async () => {
    const { rows } = await db.query<{ owner: string; key: string; response_body: Record<string, unknown> }>(
      'SELECT owner, key, response_body FROM idempotency_keys ORDER BY owner, key',
    );
    expect(rows.map((row) => `${row.owner} ${row.key}`)).toEqual([
      'mer_OLD:live endpoint',
      'mer_OLD:live live-key',
      'mer_OLD:test endpoint',
    ]);
    for (const row of rows) expect(row.response_body).toMatchObject({ secret: null, secret_redacted: true });
  });

  it('keeps the routing preference in both modes', async () => {
    const { rows } = await db.query<{ mode: string }>('SELECT mode FROM merchant_routing ORDER BY mode');
    expect(rows.map((row) => row.mode)).toEqual(['live', 'test']);
  });

  it('names the provider in queued payment jobs only', async () => {
    const { rows } = await db.query<{ kind: string; state: string }>(
      'SELECT kind, state FROM jobs ORDER BY id',
    );
    expect(rows).toEqual([
      { kind: 'payment.submit:sandbox', state: 'queued' },
      { kind: 'payment.check', state: 'done' },
    ]);
  });
});
