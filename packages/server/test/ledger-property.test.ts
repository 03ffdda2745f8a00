import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../src/auth/context.js';
import { expireDue, post, reserve, voidReservation } from '../src/ledger/ledger.js';
import { createMerchant } from '../src/merchants/service.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { newId } from '../src/platform/ids.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

// Money that cannot go wrong: many transfers at once between a few accounts never overdraw one, every posted
// movement sums to zero, each balance is the sum of its entries, and each hold is the sum of its pending
// reservations — on PGlite and, with MOLAM_TEST_DATABASE_URL, on PostgreSQL with real concurrency.

let database: TestDatabase;
let db: Database;
let tenant: Tenant;
const SYSTEM = { id: 'system' };

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ ...database.options, poolMax: 12 });
  await migrateUp(db);
  const merchant = await db.transaction((tx) =>
    createMerchant(tx, SYSTEM, { name: 'Ledger test', country: 'ZM', default_currency: 'ZMW' }),
  );
  tenant = { merchantId: merchant.id, mode: 'test' };
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function openAccount(kind: 'customer' | 'funding', currency = 'ZMW'): Promise<string> {
  const id = newId('acc');
  await db.query(
    `INSERT INTO accounts (id, merchant_id, mode, number, currency, kind) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, tenant.merchantId, tenant.mode, id, currency, kind],
  );
  return id;
}

/** A deterministic random sequence, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function move(debit: string, credit: string, amount: number, ttlSeconds = 60) {
  return db.transaction(async (tx) => {
    const held = await reserve(tx, tenant, {
      debitAccountId: debit,
      creditAccountId: credit,
      amount,
      currency: 'ZMW',
      ttlSeconds,
    });
    if (!held.ok) return held;
    return post(tx, tenant, held.value.id);
  });
}

async function invariants(accounts: string[]) {
  const { rows: sums } = await db.query<{ currency: string; total: string }>(
    'SELECT currency, sum(amount)::text AS total FROM ledger_entries GROUP BY currency',
  );
  for (const row of sums) expect(Number(row.total)).toBe(0);
  const { rows } = await db.query<{
    id: string;
    kind: string;
    balance: string;
    reserved: string;
    entries: string;
    held: string;
  }>(
    `SELECT a.id, a.kind, a.balance::text, a.reserved::text,
       (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)::text AS entries,
       (SELECT coalesce(sum(amount), 0) FROM fund_reservations r
         WHERE r.debit_account_id = a.id AND r.status = 'pending')::text AS held
     FROM accounts a WHERE a.id = ANY($1::text[])`,
    [accounts],
  );
  for (const row of rows) {
    expect(Number(row.balance)).toBe(Number(row.entries));
    expect(Number(row.reserved)).toBe(Number(row.held));
    if (row.kind === 'customer') expect(Number(row.balance) - Number(row.reserved)).toBeGreaterThanOrEqual(0);
  }
}

describe('the ledger', () => {
  it('never overdraws under many concurrent transfers, and always balances', async () => {
    const funding = await openAccount('funding');
    const customers = await Promise.all([1, 2, 3, 4].map(() => openAccount('customer')));
    for (const account of customers) expect((await move(funding, account, 10_000)).ok).toBe(true);

    const next = random(42);
    const pick = () => customers[Math.floor(next() * customers.length)] ?? '';
    let refused = 0;
    for (let round = 0; round < 8; round++) {
      const results = await Promise.all(
        Array.from({ length: 24 }, async () => {
          const debit = pick();
          let credit = pick();
          while (credit === debit) credit = pick();
          const amount = 1 + Math.floor(next() * 6_000);
          const fate = next();
          return db.transaction(async (tx) => {
            const held = await reserve(tx, tenant, {
              debitAccountId: debit,
              creditAccountId: credit,
              amount,
              currency: 'ZMW',
              // Some holds are left to expire.
              ttlSeconds: fate < 0.15 ? 0.05 : 60,
            });
            if (!held.ok) return held;
            if (fate < 0.15) return held;
            if (fate < 0.3) return voidReservation(tx, tenant, held.value.id);
            return post(tx, tenant, held.value.id);
          });
        }),
      );
      refused += results.filter((result) => !result.ok && result.refusal === 'insufficient_funds').length;
      await invariants([funding, ...customers]);
    }
    // The ledger was pushed past what the accounts hold: some transfers had to be refused.
    expect(refused).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(rows[0]?.n).toBeGreaterThan(20);
  });

  it('releases expired holds, and refuses to post them', async () => {
    const funding = await openAccount('funding');
    const [a, b] = [await openAccount('customer'), await openAccount('customer')];
    await move(funding, a, 500);
    const hold = () =>
      db.transaction((tx) =>
        reserve(tx, tenant, {
          debitAccountId: a,
          creditAccountId: b,
          amount: 500,
          currency: 'ZMW',
          ttlSeconds: 0,
        }),
      );
    const first = await hold();
    if (!first.ok) throw new Error(first.refusal);
    // A hold past its time is not posted: it is released instead.
    expect(await db.transaction((tx) => post(tx, tenant, first.value.id))).toEqual({
      ok: false,
      refusal: 'reservation_expired',
    });
    const second = await hold();
    if (!second.ok) throw new Error(second.refusal);
    // Nothing is left to spend while it is held, until the expiry sweep releases it.
    expect(await move(a, b, 1)).toEqual({ ok: false, refusal: 'insufficient_funds' });
    expect(await expireDue(db)).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ status: string }>(
      'SELECT status FROM fund_reservations WHERE id = $1',
      [second.value.id],
    );
    expect(rows[0]?.status).toBe('expired');
    expect((await move(a, b, 500)).ok).toBe(true);
    await invariants([funding, a, b]);
  });

  it('refuses what is not a movement of this tenant’s money', async () => {
    const [a, b] = [await openAccount('customer'), await openAccount('customer', 'XOF')];
    const attempt = (input: Partial<Parameters<typeof reserve>[2]>) =>
      db.transaction((tx) =>
        reserve(tx, tenant, {
          debitAccountId: a,
          creditAccountId: b,
          amount: 1,
          currency: 'ZMW',
          ttlSeconds: 60,
          ...input,
        }),
      );
    expect(await attempt({})).toEqual({ ok: false, refusal: 'currency_mismatch' });
    expect(await attempt({ creditAccountId: a })).toEqual({ ok: false, refusal: 'same_account' });
    expect(await attempt({ creditAccountId: 'acc_missing' })).toEqual({
      ok: false,
      refusal: 'account_not_found',
    });
    const other: Tenant = { ...tenant, mode: 'live' };
    expect(
      await db.transaction((tx) =>
        reserve(tx, other, {
          debitAccountId: a,
          creditAccountId: b,
          amount: 1,
          currency: 'ZMW',
          ttlSeconds: 60,
        }),
      ),
    ).toEqual({ ok: false, refusal: 'account_not_found' });
    await expect(db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
  });
});
