import type { Queryable } from '../db/index.js';
import type { JobKind, JobPayload } from './tasks.js';

export const JOBS_CHANNEL = 'molam_jobs';

/** Attempts a job gets unless its kind says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 25;

export interface EnqueueOptions {
  /** Not before this time; default now. */
  runAt?: Date | undefined;
  maxAttempts?: number | undefined;
}

/**
 * Adds a job inside the caller's transaction: the job exists exactly when the change that needs it commits.
 * The NOTIFY is delivered on commit and wakes the workers at once; they poll anyway.
 */
export async function enqueueJob<K extends JobKind>(
  tx: Queryable,
  kind: K,
  payload: JobPayload<K>,
  options: EnqueueOptions = {},
): Promise<void> {
  // `molam_enqueue_job` inserts and notifies: the one copy of that statement, which database functions call too.
  await tx.query('SELECT molam_enqueue_job($1, $2, $3, $4)', [
    kind,
    JSON.stringify(payload),
    options.runAt ?? new Date(),
    options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  ]);
}

export interface QueueDepth {
  ready: number;
  oldestReadySeconds: number;
  dead: number;
}

export async function queueDepth(db: Queryable): Promise<QueueDepth> {
  const { rows } = await db.query<{ ready: number; oldest: number | null; dead: number }>(
    `SELECT count(*) FILTER (WHERE state = 'queued' AND run_at <= now())::int AS ready,
            extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'queued' AND run_at <= now()))::float8 AS oldest,
            count(*) FILTER (WHERE state = 'dead')::int AS dead
     FROM jobs`,
  );
  const row = rows[0];
  return { ready: row?.ready ?? 0, oldestReadySeconds: Math.max(0, row?.oldest ?? 0), dead: row?.dead ?? 0 };
}

/** Ready jobs of these kinds, by kind (kinds with none are absent). */
export async function readyJobsByKind(db: Queryable, kinds: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ kind: string; ready: number }>(
    `SELECT kind, count(*)::int AS ready FROM jobs
     WHERE state = 'queued' AND run_at <= now() AND kind = ANY ($1::text[]) GROUP BY kind`,
    [kinds],
  );
  return new Map(rows.map((row) => [row.kind, row.ready]));
}

/** A job that ran out of attempts, as an operator sees it. */
export interface DeadJob {
  id: string;
  kind: string;
  attempts: number;
  last_error: string | null;
  payload: unknown;
  created_at: Date;
  died_at: Date;
}

/** Dead jobs, the most recent deaths first. */
export async function listDeadJobs(
  db: Queryable,
  options: { kind?: string | undefined; limit?: number | undefined } = {},
): Promise<DeadJob[]> {
  const { rows } = await db.query<DeadJob>(
    `SELECT id::text, kind, attempts, last_error, payload, created_at, updated_at AS died_at FROM jobs
      WHERE state = 'dead' AND ($1::text IS NULL OR kind = $1)
      ORDER BY updated_at DESC, id DESC LIMIT $2`,
    [options.kind ?? null, options.limit ?? 100],
  );
  return rows;
}

/**
 * Puts dead jobs back in the queue with a fresh attempt budget (after the cause is fixed): those named by id,
 * or every dead job of a kind, or every dead job. Only dead jobs move; the ids of any that were not dead are
 * simply not counted.
 */
export async function redriveDeadJobs(
  db: Queryable,
  which: { kind?: string | undefined; ids?: readonly string[] | undefined } = {},
): Promise<number> {
  const { kind, ids } = which;
  const result = await db.query(
    `UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), last_error = NULL, updated_at = now()
     WHERE state = 'dead' AND ($1::text IS NULL OR kind = $1) AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))`,
    [kind ?? null, ids ?? null],
  );
  return result.rowCount;
}
