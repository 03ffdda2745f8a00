import type { KeyMode } from '@molam/contract';
import type { Database, Queryable } from '../platform/db/index.js';
import { instantsOf } from './local-days.js';
import { lockTenantMonth, lockTenants, tenantKey } from './locks.js';
import { lastDayOfMonth, lockedMonthsToRebuild, rebuildCustomers, rebuildMonth } from './rebuild.js';

/** One bucket whose stored figures differ from a recompute (null: the row is missing on that side). */
export interface Difference {
  merchant_id: string;
  table: string;
  key: string;
  stored: Record<string, unknown> | null;
  recomputed: Record<string, unknown> | null;
}

/** Each aggregate table, the columns that name a bucket, and which of its rows the range covers. */
const TABLES = [
  ['merchant_daily_aggregates', 'day::text, currency', 'days'],
  ['merchant_hourly_aggregates', 'hour, currency', 'hours'],
  ['merchant_product_stats', 'day::text, currency, product_id', 'days'],
  ['merchant_payment_method_stats', 'day::text, currency, method', 'days'],
  ['merchant_customer_months', 'month::text, currency, customer_id', 'months'],
  ['merchant_monthly_aggregates', 'month::text, currency', 'months'],
  ['merchant_customer_stats', 'currency, customer_id', 'lifetime'],
  ['merchant_customer_totals', 'currency', 'lifetime'],
  // A day whose only new customer moved to an earlier day keeps a row of 0: the same as no row.
  ['merchant_new_customers', 'day::text, currency', 'counted'],
] as const;

export type Snapshot = Map<string, Map<string, string>>;

/** Tables whose rows lie in a range of days, and those of the merchant's whole life. */
const LIFETIME = new Set<string>(['lifetime', 'counted']);

/** The buckets of the local days `from`..`to`, or (without a range) the lifetime figures, as `table → key → row (JSON)`. */
export async function snapshotBuckets(
  tx: Queryable,
  merchantId: string,
  mode: KeyMode,
  range?: { from: string; to: string },
): Promise<Snapshot> {
  // The instants the range's local days start and end at: only a range's hours need them.
  const instants = range ? await instantsOf(tx, merchantId, range.from, range.to) : undefined;
  const snapshot: Snapshot = new Map();
  const ranges = {
    days: ['AND day BETWEEN $3 AND $4', [range?.from, range?.to]],
    months: ['AND month BETWEEN $3 AND $4', [range?.from, range?.to]],
    hours: ['AND hour >= $3 AND hour < $4', [instants?.from_at, instants?.to_at]],
    lifetime: ['', []],
    counted: ['AND customers <> 0', []],
  } as const;
  for (const [table, key, covered] of TABLES) {
    if (LIFETIME.has(covered) === (range !== undefined)) continue;
    const [where, bounds] = ranges[covered];
    const { rows } = await tx.query<{ key: string; row: string }>(
      `SELECT concat_ws('/', ${key}) AS key, to_jsonb(t)::text AS row FROM ${table} t
       WHERE merchant_id = $1 AND mode = $2 ${where}`,
      [merchantId, mode, ...bounds],
    );
    snapshot.set(table, new Map(rows.map((row) => [row.key, row.row])));
  }
  return snapshot;
}

const parsed = (row: string | undefined): Record<string, unknown> | null =>
  row === undefined ? null : (JSON.parse(row) as Record<string, unknown>);

export function compareSnapshots(merchantId: string, stored: Snapshot, recomputed: Snapshot): Difference[] {
  const differences: Difference[] = [];
  for (const [table] of TABLES) {
    const before = stored.get(table) ?? new Map<string, string>();
    const after = recomputed.get(table) ?? new Map<string, string>();
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(key) === after.get(key)) continue;
      differences.push({
        merchant_id: merchantId,
        table,
        key,
        stored: parsed(before.get(key)),
        recomputed: parsed(after.get(key)),
      });
    }
  }
  return differences;
}

/** Thrown to roll a verification back once it has compared: a verification writes nothing. */
class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back');
  }
}

/** Runs `work` in a transaction that is always rolled back, and resolves with what it returned. */
async function rolledBack<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new RolledBack(await work(tx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the transaction always throws');
}

/**
 * Recomputes one merchant's buckets and compares them with what is stored, writing nothing: month by month (each
 * under that month's lock, so a batch of the merchant waits for one month at most), then its lifetime customer
 * figures against the sums of its stored months.
 */
export async function verifyMerchant(
  db: Database,
  merchantId: string,
  mode: KeyMode,
  from: string,
  to: string,
): Promise<{ differences: Difference[]; events: number }> {
  const tenant = tenantKey(merchantId, mode);
  const differences: Difference[] = [];
  let events = 0;
  for (const month of await lockedMonthsToRebuild(db, merchantId, mode, from, to)) {
    const last = lastDayOfMonth(month);
    const verified = await rolledBack(db, async (tx) => {
      await lockTenantMonth(tx, tenant, month);
      const stored = await snapshotBuckets(tx, merchantId, mode, { from: month, to: last });
      const counted = await rebuildMonth(tx, merchantId, mode, month);
      const recomputed = await snapshotBuckets(tx, merchantId, mode, { from: month, to: last });
      return { differences: compareSnapshots(merchantId, stored, recomputed), events: counted };
    });
    differences.push(...verified.differences);
    events += verified.events;
  }
  const lifetime = await rolledBack(db, async (tx) => {
    await lockTenants(tx, [tenant]);
    const stored = await snapshotBuckets(tx, merchantId, mode);
    await rebuildCustomers(tx, merchantId, mode);
    return compareSnapshots(merchantId, stored, await snapshotBuckets(tx, merchantId, mode));
  });
  differences.push(...lifetime);
  return { differences, events };
}
