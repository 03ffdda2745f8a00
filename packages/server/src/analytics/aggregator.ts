import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { addToBuckets, addToCustomers } from './rollup-sql.js';

/** Ingest NOTIFYs it after each commit; the aggregator wakes on it (and also polls). */
export const ANALYTICS_CHANNEL = 'molam_analytics';

const CLAIMED = 'SELECT * FROM transaction_events WHERE id = ANY($1::text[])';

/**
 * One lock per merchant and mode, held to the end of the transaction. A replay waits for it; the aggregator
 * only tries it (and leaves that merchant for later), so a replay never reads while a batch it cannot see yet
 * is being added, nothing is counted twice or lost, and a long replay holds up no other merchant.
 */
export async function lockTenants(tx: Queryable, tenants: Iterable<string>): Promise<void> {
  const keys = [...new Set(tenants)].sort();
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('molam:analytics:' || k, 0)) FROM unnest($1::text[]) k`,
    [keys],
  );
}

export const tenantKey = (merchantId: string, mode: string): string => `${merchantId}:${mode}`;

/** At most this many merchants per batch: each holds one advisory lock until the batch commits. */
const MAX_TENANTS_PER_BATCH = 100;

/**
 * Claims up to `limit` unprocessed events and adds them to the aggregates in the same transaction: a crash
 * rolls both back, and concurrent aggregators skip each other's claims, so every event counts exactly once.
 * Only events of merchants whose lock it gets at once are claimed: a merchant being replayed is skipped until
 * its replay ends, and never holds up the others. Resolves with how many events it added.
 */
export function aggregateBatch(db: Database, limit = 5000): Promise<number> {
  return db.transaction(async (tx) => {
    const waiting = await tx.query<{ tenant: string }>(
      `SELECT DISTINCT merchant_id || ':' || mode AS tenant
       FROM (SELECT merchant_id, mode FROM transaction_events WHERE NOT processed ORDER BY id LIMIT $1) oldest`,
      // Looking past the oldest `limit` events: a merchant being replayed must not hide the others' events.
      [limit * 10],
    );
    const candidates = waiting.rows
      .map((row) => row.tenant)
      .sort()
      .slice(0, MAX_TENANTS_PER_BATCH);
    if (candidates.length === 0) return 0;
    const locked = await tx.query<{ tenant: string }>(
      `SELECT tenant FROM unnest($1::text[]) tenant
       WHERE pg_try_advisory_xact_lock(hashtextextended('molam:analytics:' || tenant, 0))`,
      [candidates],
    );
    const tenants = locked.rows.map((row) => row.tenant);
    if (tenants.length === 0) return 0;
    const claimed = await tx.query<{ id: string }>(
      `WITH next AS (
         SELECT id FROM transaction_events
         WHERE NOT processed AND merchant_id || ':' || mode = ANY($2::text[])
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE transaction_events t SET processed = true FROM next WHERE t.id = next.id RETURNING t.id`,
      [limit, tenants],
    );
    const ids = claimed.rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    await tx.query(addToBuckets(CLAIMED), [ids]);
    await tx.query(addToCustomers(CLAIMED), [ids]);
    return ids.length;
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
        const added = await aggregateBatch(this.db, this.options.batchSize);
        this.options.onBatch?.(added);
        if (added === 0) return;
      }
    } catch (err) {
      // The batch rolled back; its events stay unprocessed and the next poll takes them again.
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
