import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { lockTenants } from './locks.js';
import { recountEverything } from './replay.js';
import { addEvents } from './rollup-sql.js';

/** Ingest NOTIFYs it after each commit; the aggregator wakes on it (and also polls). */
export const ANALYTICS_CHANNEL = 'molam_analytics';

/** Every event at or before it (in commit order) is in the aggregates. */
export interface Cursor {
  txid: string;
  event_id: string;
}

/** Events of `transaction_events e` past the cursor given as `$1`, `$2`. */
export const PAST_CURSOR = '(e.txid, e.id) > ($1::xid8, $2::text)';

/**
 * Runs `sql` over the events not yet in the aggregates (`PAST_CURSOR` in its WHERE, `params` from `$3`): the
 * cursor is read first so that the planner sees real values, and walks the commit-order index over the few
 * events past it instead of scanning them all.
 */
export async function queryWaiting<Row extends object>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const cursor = await db.query<Cursor>('SELECT txid::text, event_id FROM analytics_cursor');
  const { txid, event_id } = cursor.rows[0]!;
  const { rows } = await db.query<Row>(sql, [txid, event_id, ...params]);
  return rows;
}

/** Events past the cursor up to and including the batch's last one: `$1..$4` of the statements below. */
const BATCH = `SELECT * FROM transaction_events
  WHERE (txid, id) > ($1::xid8, $2::text) AND (txid, id) <= ($3::xid8, $4::text)`;

/** Each merchant of a batch is one lock held to its commit: locks are from a shared table of fixed size. */
const MAX_TENANTS_PER_BATCH = 100;

interface NextBatch {
  txid: string;
  id: string;
  events: number;
  tenants: string[];
}

/**
 * Adds the next `limit` events, in commit order, to the aggregates and moves the cursor past them, in one
 * transaction: a crash rolls both back, so every event counts exactly once. Only events of transactions older
 * than every one still running are taken: none can commit behind the cursor afterwards. Concurrent aggregators
 * skip while one holds the cursor. Resolves with how many events it added.
 */
export function aggregateBatch(
  db: Database,
  limit = 50_000,
  options: { logger?: Logger; maxTenants?: number } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    const cursor = await tx.query<{ txid: string; event_id: string; horizon: string }>(
      `SELECT txid::text, event_id, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
       FROM analytics_cursor FOR UPDATE SKIP LOCKED`,
    );
    const from = cursor.rows[0];
    if (!from) return 0;
    // The cursor is ahead of every transaction of this database server: it was restored into another one,
    // whose transaction ids start again lower. Events past the cursor would never count: recount everything.
    if (BigInt(from.horizon) <= BigInt(from.txid)) {
      const merchants = await recountEverything(tx);
      options.logger?.warn(
        { merchants },
        'analytics cursor ahead of the database (restored elsewhere?): recounting all',
      );
      return 0;
    }
    const next = await tx.query<NextBatch>(
      `WITH batch AS (
         SELECT txid, id, merchant_id || ':' || mode AS tenant, row_number() OVER (ORDER BY txid, id) AS pos
         FROM (SELECT txid, id, merchant_id, mode FROM transaction_events
               WHERE (txid, id) > ($1::xid8, $2::text) AND txid < $3::xid8 ORDER BY txid, id LIMIT $4) next
       ),
       -- At most $5 merchants, each one lock: the batch ends before the first event of the next merchant.
       cut AS (
         SELECT coalesce(
           (SELECT min(pos) FROM batch GROUP BY tenant ORDER BY min(pos) OFFSET $5 LIMIT 1), $4 + 1) AS at
       ),
       kept AS (SELECT batch.* FROM batch, cut WHERE pos < cut.at),
       last AS (SELECT txid, id FROM kept ORDER BY pos DESC LIMIT 1)
       SELECT last.txid::text, last.id, (SELECT count(*)::int FROM kept) AS events,
         (SELECT array_agg(DISTINCT tenant) FROM kept) AS tenants
       FROM last`,
      [from.txid, from.event_id, from.horizon, limit, options.maxTenants ?? MAX_TENANTS_PER_BATCH],
    );
    const to = next.rows[0];
    if (!to) return 0;
    await lockTenants(tx, to.tenants);
    await addEvents(tx, BATCH, [from.txid, from.event_id, to.txid, to.id], { lifetime: true });
    await tx.query('UPDATE analytics_cursor SET txid = $1::xid8, event_id = $2, advanced_at = now()', [
      to.txid,
      to.id,
    ]);
    return to.events;
  });
}

export interface AggregatorOptions {
  logger: Logger;
  /** The polling fallback when no NOTIFY arrives. */
  pollMs?: number;
  batchSize?: number;
  /** Called after each batch with how many events it added (metrics). */
  onBatch?: (events: number) => void;
}

/** Runs `aggregateBatch` until nothing is left, whenever woken by ingest or by its poll. */
export class Aggregator {
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly options: AggregatorOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(ANALYTICS_CHANNEL, () => this.wake());
    const poll = () => {
      this.wake();
      this.timer = setTimeout(poll, this.options.pollMs ?? 1000);
      this.timer.unref();
    };
    poll();
  }

  /** Drains the backlog; a wake-up during a run makes it run once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const added = await aggregateBatch(this.db, this.options.batchSize, { logger: this.options.logger });
        this.options.onBatch?.(added);
        if (added === 0) return;
      }
    } catch (err) {
      // The batch rolled back with its cursor move; the next wake-up or poll takes the same events again.
      this.options.logger.error({ err }, 'analytics aggregation failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.unlisten?.();
    await this.running;
  }
}
