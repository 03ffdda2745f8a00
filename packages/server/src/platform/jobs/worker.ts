import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { JOBS_CHANNEL } from './queue.js';
import type { JobKind, JobPayload } from './tasks.js';

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/** What a handler may ask for besides success: to run again later (polling), without counting a failure. */
export type JobResult = undefined | { runAgainAt: Date };
export type JobHandler<K extends JobKind = JobKind> = (
  payload: JobPayload<K>,
  job: ClaimedJob,
) => Promise<JobResult>;

export interface WorkerOptions {
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** How long a claimed job stays ours; past it, another worker may take it (we are presumed dead). */
  leaseSeconds?: number;
  /** The polling fallback when no NOTIFY arrives. */
  pollMs?: number;
  logger: Logger;
  /** Delay before retry number `attempt` (1-based) of a failed job. */
  backoff?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s … capped at one hour, with up to 20 % jitter so failed jobs do not retry in lockstep. */
const defaultBackoff = (attempt: number): number =>
  Math.min(3_600_000, 1000 * 2 ** (attempt - 1)) * (1 + Math.random() * 0.2);

/**
 * Runs jobs from the `jobs` table, on real PostgreSQL or the embedded one. Claims with FOR UPDATE SKIP LOCKED
 * under a lease (many workers, on many machines, never run one job at once), wakes on NOTIFY and polls as a
 * fallback, retries failures with backoff, and marks a job dead after its last attempt.
 */
export class JobWorker {
  readonly id = `worker-${randomUUID()}`;
  // Keyed by kind; each handler was registered for its own kind's payload (see `register`).
  private readonly handlers = new Map<string, (payload: unknown, job: ClaimedJob) => Promise<JobResult>>();
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private readonly backoff: (attempt: number) => number;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = true;
  private draining = false;
  private wakeAgain = false;

  constructor(
    private readonly db: Database,
    private readonly options: WorkerOptions,
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.leaseSeconds = options.leaseSeconds ?? 120;
    this.pollMs = options.pollMs ?? 1000;
    this.backoff = options.backoff ?? defaultBackoff;
  }

  register<K extends JobKind>(kind: K, handler: JobHandler<K>): this {
    // The payload in the table was written by enqueueJob for this same kind.
    this.handlers.set(kind, handler as (payload: unknown, job: ClaimedJob) => Promise<JobResult>);
    return this;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(JOBS_CHANNEL, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops claiming, and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    while (this.running.size > 0) await Promise.race(this.running);
  }

  /** Claims and runs what is ready until nothing is; coalesces wake-ups that arrive meanwhile. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = true;
    void this.drain()
      .catch((err: unknown) => this.options.logger.error({ err }, 'job worker could not claim jobs'))
      .finally(() => {
        this.draining = false;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  /** For tests and runbooks: claim and run one batch, resolving when it is done. Returns how many ran. */
  async runOnce(): Promise<number> {
    const jobs = await this.claim(this.concurrency);
    await Promise.all(jobs.map((job) => this.run(job)));
    return jobs.length;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const free = this.concurrency - this.running.size;
      if (free <= 0) {
        await Promise.race(this.running);
        continue;
      }
      const jobs = await this.claim(free);
      if (jobs.length === 0) return;
      for (const job of jobs) {
        const task = this.run(job).finally(() => this.running.delete(task));
        this.running.add(task);
      }
    }
  }

  private async claim(limit: number): Promise<ClaimedJob[]> {
    const kinds = [...this.handlers.keys()];
    const { rows } = await this.db.query<ClaimedJob>(
      `UPDATE jobs SET locked_by = $1, locked_until = now() + make_interval(secs => $2),
              attempts = attempts + 1, updated_at = now()
       WHERE id IN (
         SELECT id FROM jobs
         WHERE state = 'queued' AND run_at <= now() AND kind = ANY($4::text[])
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY run_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, kind, payload, attempts, max_attempts`,
      [this.id, this.leaseSeconds, limit, kinds],
    );
    return rows;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const result = await handler(job.payload, job);
      if (result?.runAgainAt) {
        await this.db.query(
          `UPDATE jobs SET run_at = $3, attempts = 0, locked_by = NULL, locked_until = NULL, updated_at = now()
           WHERE id = $1 AND locked_by = $2`,
          [job.id, this.id, result.runAgainAt],
        );
      } else {
        await this.db.query('DELETE FROM jobs WHERE id = $1 AND locked_by = $2', [job.id, this.id]);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.max_attempts;
      this.options.logger[dead ? 'error' : 'warn'](
        { job_id: job.id, kind: job.kind, attempt: job.attempts, err: error },
        dead ? 'job is dead' : 'job failed; will retry',
      );
      await this.db
        .query(
          `UPDATE jobs SET state = $3, run_at = $4, last_error = $5, locked_by = NULL, locked_until = NULL, updated_at = now()
           WHERE id = $1 AND locked_by = $2`,
          [
            job.id,
            this.id,
            dead ? 'dead' : 'queued',
            new Date(Date.now() + this.backoff(job.attempts)),
            message.slice(0, 2000),
          ],
        )
        .catch((err: unknown) =>
          this.options.logger.error({ err, job_id: job.id }, 'could not record a job failure'),
        );
    }
  }
}
