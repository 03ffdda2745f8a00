import type { KeyMode } from '@molam/contract';
import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';
import type { JobResult, JobWorker } from '../platform/jobs/worker.js';
import { instantsOf } from './local-days.js';
import { lockTenantMonth, lockTenants, tenantKey } from './locks.js';
import { compareSnapshots, type Difference, snapshotBuckets } from './replay-verify.js';
import { addEvents, CUSTOMERS_FROM_MONTHS } from './rollup-sql.js';

export const REPLAY_JOB = 'analytics.replay';

declare module '../platform/jobs/tasks.js' {
  interface JobTasks {
    [REPLAY_JOB]: { replayId: string };
  }
}

export interface ReplayRow {
  id: string;
  mode: KeyMode;
  merchant_id: string | null;
  from_date: string;
  to_date: string;
  verify: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  merchants_total: number;
  merchants_done: number;
  events_replayed: string;
  differences: Difference[];
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, mode, merchant_id, from_date::text AS from_date, to_date::text AS to_date, verify, status,
  merchants_total, merchants_done, events_replayed, differences, error, created_at, started_at, finished_at`;

export interface ReplayRequest {
  mode: KeyMode;
  merchantId: string | null;
  from: string;
  to: string;
  verify: boolean;
}

/** Records a replay and queues its job, in the caller's transaction. */
export async function queueReplay(tx: Queryable, request: ReplayRequest): Promise<ReplayRow> {
  const { rows } = await tx.query<ReplayRow>(
    `INSERT INTO analytics_replays (id, mode, merchant_id, from_date, to_date, verify)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [newId('rpl'), request.mode, request.merchantId, request.from, request.to, request.verify],
  );
  const row = rows[0]!;
  await enqueueJob(tx, REPLAY_JOB, { replayId: row.id }, { maxAttempts: 5 });
  return row;
}

/** After a time-zone change every local day moves: rebuild all of the merchant's days, in both modes. */
export async function replayWholeHistory(tx: Queryable, merchantId: string): Promise<void> {
  for (const mode of ['test', 'live'] as const) {
    // Every day a date can name (events are from 1970 on, as every date-time of the API).
    await queueReplay(tx, { mode, merchantId, from: '1970-01-01', to: '9999-12-30', verify: false });
  }
}

/**
 * Takes every event as counted, starts the cursor again and queues a rebuild of every merchant's whole history
 * (both modes) from its events: after the database moved to another server, whose transaction ids restart
 * below the cursor. Resolves with how many merchants it queued.
 */
export async function recountEverything(tx: Queryable): Promise<number> {
  await tx.query(`UPDATE transaction_events SET txid = '0' WHERE txid <> '0'`);
  await tx.query(`UPDATE analytics_cursor SET txid = '1', event_id = '', advanced_at = now()`);
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM merchants m WHERE EXISTS (SELECT 1 FROM transaction_events e WHERE e.merchant_id = m.id)',
  );
  for (const { id } of rows) await replayWholeHistory(tx, id);
  return rows.length;
}

export async function findReplay(db: Queryable, id: string, mode: KeyMode): Promise<ReplayRow | undefined> {
  const { rows } = await db.query<ReplayRow>(
    `SELECT ${COLUMNS} FROM analytics_replays WHERE id = $1 AND mode = $2`,
    [id, mode],
  );
  return rows[0];
}

export async function lastReplay(db: Queryable, mode: KeyMode): Promise<ReplayRow | undefined> {
  const { rows } = await db.query<ReplayRow>(
    `SELECT ${COLUMNS} FROM analytics_replays WHERE mode = $1 ORDER BY id DESC LIMIT 1`,
    [mode],
  );
  return rows[0];
}

/** Tables of buckets inside a month, by the column that places them. */
const DAY_TABLES = ['merchant_daily_aggregates', 'merchant_product_stats', 'merchant_payment_method_stats'];
const MONTH_TABLES = ['merchant_customer_months', 'merchant_monthly_aggregates'];
const CUSTOMER_TABLES = ['merchant_customer_stats', 'merchant_customer_totals', 'merchant_new_customers'];

/** Every aggregated event of the merchant in `$3 <= occurred_at < $4`. */
const AGGREGATED_IN_RANGE = `SELECT e.* FROM transaction_events e, analytics_cursor c
  WHERE e.merchant_id = $1 AND e.mode = $2 AND e.occurred_at >= $3 AND e.occurred_at < $4
    AND (e.txid, e.id) <= (c.txid, c.event_id)`;

/**
 * Replaces one merchant's buckets of the local months `from`..`to` (first days of months) with a recompute
 * from the aggregated events, in the caller's transaction: readers see the old figures until the commit, then
 * the new ones. The caller holds the merchant's lock, or (for one month) the month's. Resolves with the events.
 */
export async function rebuildMonths(
  tx: Queryable,
  merchantId: string,
  mode: KeyMode,
  from: string,
  to: string,
): Promise<number> {
  const last = lastDayOfMonth(to);
  const { from_at, to_at } = await instantsOf(tx, merchantId, from, last);
  const mine = 'merchant_id = $1 AND mode = $2';
  for (const table of DAY_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE ${mine} AND day BETWEEN $3 AND $4`, [
      merchantId,
      mode,
      from,
      last,
    ]);
  }
  for (const table of MONTH_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE ${mine} AND month BETWEEN $3 AND $4`, [
      merchantId,
      mode,
      from,
      to,
    ]);
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
const lockedMonthsToRebuild = (db: Database, merchantId: string, mode: KeyMode, from: string, to: string) =>
  db.transaction(async (tx) => {
    await lockTenants(tx, [tenantKey(merchantId, mode)]);
    return monthsToRebuild(tx, merchantId, mode, from, to);
  });

const lastDayOfMonth = (month: string): string => {
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
          return rebuildMonths(tx, merchantId, mode, current, current);
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
      const counted = await rebuildMonths(tx, merchantId, mode, month, month);
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

const MAX_DIFFERENCES = 100;
/** A running replay whose owner wrote nothing for this long is presumed dead, and taken over. */
const STALE_AFTER_SECONDS = 300;

/**
 * Runs a queued replay merchant by merchant, recording progress (and a heartbeat) after each. A replay can
 * outlast its job's lease: when the job comes round again while the replay's owner is still alive, it only
 * checks back later; once the heartbeat is stale it takes the replay over and starts it again.
 */
export async function runReplay(db: Database, replayId: string, logger: Logger): Promise<JobResult> {
  const started = await db.query<ReplayRow>(
    `UPDATE analytics_replays SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
     WHERE id = $1 AND (status = 'queued'
       OR (status = 'running' AND heartbeat_at < now() - $2 * interval '1 second'))
     RETURNING ${COLUMNS}`,
    [replayId, STALE_AFTER_SECONDS],
  );
  const replay = started.rows[0];
  if (!replay) {
    const current = await db.query<{ status: string }>('SELECT status FROM analytics_replays WHERE id = $1', [
      replayId,
    ]);
    return current.rows[0]?.status === 'running'
      ? { runAgainAt: new Date(Date.now() + STALE_AFTER_SECONDS * 1000) }
      : undefined;
  }
  try {
    const merchants = replay.merchant_id
      ? [replay.merchant_id]
      : (
          await db.query<{ merchant_id: string }>(
            `SELECT id AS merchant_id FROM merchants m
             WHERE EXISTS (SELECT 1 FROM transaction_events e WHERE e.merchant_id = m.id AND e.mode = $1)
             ORDER BY id`,
            [replay.mode],
          )
        ).rows.map((row) => row.merchant_id);
    await db.query(
      'UPDATE analytics_replays SET merchants_total = $2, merchants_done = 0, events_replayed = 0 WHERE id = $1',
      [replayId, merchants.length],
    );
    const differences: Difference[] = [];
    for (const merchantId of merchants) {
      let events = 0;
      if (replay.verify) {
        const verified = await verifyMerchant(db, merchantId, replay.mode, replay.from_date, replay.to_date);
        if (differences.length < MAX_DIFFERENCES) differences.push(...verified.differences);
        events = verified.events;
      } else {
        // Progress (and the heartbeat) after each month; a verification adds its count at once, below.
        await rebuildMerchant(db, merchantId, replay.mode, replay.from_date, replay.to_date, (counted) =>
          db
            .query(
              `UPDATE analytics_replays SET events_replayed = events_replayed + $2, heartbeat_at = now()
               WHERE id = $1`,
              [replayId, counted],
            )
            .then(() => undefined),
        );
      }
      await db.query(
        `UPDATE analytics_replays SET merchants_done = merchants_done + 1, events_replayed = events_replayed + $2,
           differences = $3, heartbeat_at = now() WHERE id = $1`,
        [replayId, events, JSON.stringify(differences.slice(0, MAX_DIFFERENCES))],
      );
    }
    await db.query(`UPDATE analytics_replays SET status = 'succeeded', finished_at = now() WHERE id = $1`, [
      replayId,
    ]);
    return undefined;
  } catch (error) {
    logger.error({ err: error, replay_id: replayId }, 'analytics replay failed');
    await db.query(
      `UPDATE analytics_replays SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [replayId, error instanceof Error ? error.message : String(error)],
    );
    return undefined;
  }
}

export function registerAnalyticsJobs(worker: JobWorker, deps: { db: Database; logger: Logger }): void {
  worker.register(REPLAY_JOB, ({ replayId }) => runReplay(deps.db, replayId, deps.logger));
}
