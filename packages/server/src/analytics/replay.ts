import type { KeyMode } from '@molam/contract';
import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';
import type { JobResult, JobWorker } from '../platform/jobs/worker.js';
import { rebuildMerchant } from './rebuild.js';
import { type Difference, verifyMerchant } from './replay-verify.js';

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
