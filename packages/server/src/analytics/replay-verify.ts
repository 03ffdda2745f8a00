import type { KeyMode } from '@molam/contract';
import type { Queryable } from '../platform/db/index.js';
import { instantsOf } from './local-days.js';

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
  const { from, to } = range ?? { from: '1970-01-01', to: '1970-01-01' };
  const { from_at, to_at } = await instantsOf(tx, merchantId, from, to);
  const snapshot: Snapshot = new Map();
  const ranges = {
    days: ['AND day BETWEEN $3 AND $4', [from, to]],
    months: ['AND month BETWEEN $3 AND $4', [from, to]],
    hours: ['AND hour >= $3 AND hour < $4', [from_at, to_at]],
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
