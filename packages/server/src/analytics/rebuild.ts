import type { KeyMode } from '@molam/contract';
import type { Database, Queryable } from '../platform/db/index.js';
import { instantsOf } from './local-days.js';
import { lockTenantMonth, lockTenants, tenantKey } from './locks.js';
import { addEvents, CUSTOMERS_FROM_MONTHS } from './rollup-sql.js';

// Rebuilding aggregates from the raw events: a month at a time (its buckets replaced in one transaction), then
// the customers' lifetime figures from their months. Replays and their verification both use it.

/** Tables of buckets inside a month, by the column that places them. */
const DAY_TABLES = ['merchant_daily_aggregates', 'merchant_product_stats', 'merchant_payment_method_stats'];
const MONTH_TABLES = ['merchant_customer_months', 'merchant_monthly_aggregates'];
const CUSTOMER_TABLES = ['merchant_customer_stats', 'merchant_customer_totals', 'merchant_new_customers'];

/** Every aggregated event of the merchant in `$3 <= occurred_at < $4`. */
const AGGREGATED_IN_RANGE = `SELECT e.* FROM transaction_events e, analytics_cursor c
  WHERE e.merchant_id = $1 AND e.mode = $2 AND e.occurred_at >= $3 AND e.occurred_at < $4
    AND (e.txid, e.id) <= (c.txid, c.event_id)`;

/**
 * Replaces one merchant's buckets of one local month (`month`: its first day) with a recompute from the
 * aggregated events, in the caller's transaction: readers see the old figures until the commit, then the new
 * ones. The caller holds the month's lock (or the merchant's). Resolves with the events counted.
 */
export async function rebuildMonth(
  tx: Queryable,
  merchantId: string,
  mode: KeyMode,
  month: string,
): Promise<number> {
  const last = lastDayOfMonth(month);
  const { from_at, to_at } = await instantsOf(tx, merchantId, month, last);
  const mine = 'merchant_id = $1 AND mode = $2';
  for (const table of DAY_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE ${mine} AND day BETWEEN $3 AND $4`, [
      merchantId,
      mode,
      month,
      last,
    ]);
  }
  for (const table of MONTH_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE ${mine} AND month = $3`, [merchantId, mode, month]);
  }
  const instants = [merchantId, mode, from_at, to_at];
  await tx.query(
    `DELETE FROM merchant_hourly_aggregates WHERE ${mine} AND hour >= $3 AND hour < $4`,
    instants,
  );
  return addEvents(tx, AGGREGATED_IN_RANGE, instants, { lifetime: false });
}

/** Replaces one merchant's lifetime customer figures with their sums over its customer months. */
export async function rebuildCustomers(tx: Queryable, merchantId: string, mode: KeyMode): Promise<void> {
  await lockTenants(tx, [tenantKey(merchantId, mode)]);
  for (const table of CUSTOMER_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE merchant_id = $1 AND mode = $2`, [merchantId, mode]);
  }
  for (const statement of CUSTOMERS_FROM_MONTHS) await tx.query(statement, [merchantId, mode]);
}

/**
 * The first days of the local months of `from`..`to` that hold anything of the merchant: events, or buckets
 * a rebuild must clear. A replay of "all of time" visits only those.
 */
export async function monthsToRebuild(
  db: Queryable,
  merchantId: string,
  mode: KeyMode,
  from: string,
  to: string,
): Promise<string[]> {
  const { rows } = await db.query<{ month: string }>(
    `WITH spans AS (
       SELECT (min(e.occurred_at) AT TIME ZONE m.time_zone)::date AS first,
              (max(e.occurred_at) AT TIME ZONE m.time_zone)::date AS last
       FROM transaction_events e JOIN merchants m ON m.id = e.merchant_id
       WHERE e.merchant_id = $1 AND e.mode = $2 GROUP BY m.time_zone
       UNION ALL SELECT min(day), max(day) FROM merchant_daily_aggregates WHERE merchant_id = $1 AND mode = $2
       UNION ALL SELECT min(month), max(month) FROM merchant_customer_months WHERE merchant_id = $1 AND mode = $2
     ), bounds AS (
       SELECT date_trunc('month', greatest(min(first), $3::date)) AS first,
              date_trunc('month', least(max(last), $4::date)) AS last
       -- Nothing at all: no months (greatest and least would ignore the missing bounds).
       FROM spans HAVING min(first) IS NOT NULL
     )
     SELECT m::date::text AS month FROM bounds, generate_series(bounds.first, bounds.last, interval '1 month') m`,
    [merchantId, mode, from, to],
  );
  return rows.map((row) => row.month);
}

/**
 * `monthsToRebuild` under the merchant's lock: a batch counted in the zone before a change has committed (and
 * its months are in the list) or has not started.
 */
export const lockedMonthsToRebuild = (
  db: Database,
  merchantId: string,
  mode: KeyMode,
  from: string,
  to: string,
) =>
  db.transaction(async (tx) => {
    await lockTenants(tx, [tenantKey(merchantId, mode)]);
    return monthsToRebuild(tx, merchantId, mode, from, to);
  });

export const lastDayOfMonth = (month: string): string => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
};

/** How many months of one merchant a replay rebuilds at once (each on its own connection). */
const MONTHS_SIDE_BY_SIDE = 2;

/**
 * Rebuilds the merchant's months of `from`..`to` one transaction each (`onMonth` after each, with its events),
 * then its customers. Resolves with the events counted.
 */
export async function rebuildMerchant(
  db: Database,
  merchantId: string,
  mode: KeyMode,
  from: string,
  to: string,
  onMonth: (events: number) => Promise<void> = async () => {},
): Promise<number> {
  const months = await lockedMonthsToRebuild(db, merchantId, mode, from, to);
  let events = 0;
  let failed = false;
  // Months are disjoint sets of buckets: a few are rebuilt side by side. A failure stops both.
  const rebuildNext = async (): Promise<void> => {
    for (let month = months.shift(); month !== undefined && !failed; month = months.shift()) {
      const current = month;
      try {
        const counted = await db.transaction(async (tx) => {
          await lockTenantMonth(tx, tenantKey(merchantId, mode), current);
          return rebuildMonth(tx, merchantId, mode, current);
        });
        events += counted;
        await onMonth(counted);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: MONTHS_SIDE_BY_SIDE }, rebuildNext));
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  await db.transaction((tx) => rebuildCustomers(tx, merchantId, mode));
  return events;
}
