import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { addToBuckets, addToCustomers } from './rollup-sql.js';

/** Ingest NOTIFYs it after each commit; the aggregator wakes on it (and also polls). */
export const ANALYTICS_CHANNEL = 'molam_analytics';

const CLAIMED = 'SELECT * FROM transaction_events WHERE id = ANY($1::text[])';

/**
 * One lock per merchant and mode, held to the end of the transaction, taken by the aggregator for every merchant
 * in its batch and by a replay for the merchant it rebuilds: a replay never reads while a batch it cannot see
 * yet is being added, so nothing is counted twice or lost. Taken in a fixed order, so two holders never deadlock.
 */
export async function lockTenants(tx: Queryable, tenants: Iterable<string>): Promise<void> {
  const keys = [...new Set(tenants)].sort();
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('molam:analytics:' || k, 0)) FROM unnest($1::text[]) k`,
    [keys],
  );
}

export const tenantKey = (merchantId: string, mode: string): string => `${merchantId}:${mode}`;

/**
 * Claims up to `limit` unprocessed events and adds them to the aggregates in the same transaction: a crash
 * rolls both back, and concurrent aggregators skip each other's claims, so every event counts exactly once.
 * Resolves with how many events it added.
 */
export function aggregateBatch(db: Database, limit = 5000): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ id: string; merchant_id: string; mode: string }>(
      `WITH next AS (
         SELECT id FROM transaction_events WHERE NOT processed ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE transaction_events t SET processed = true FROM next WHERE t.id = next.id
       RETURNING t.id, t.merchant_id, t.mode`,
      [limit],
    );
    if (claimed.rows.length === 0) return 0;
    await lockTenants(
      tx,
      claimed.rows.map((row) => tenantKey(row.merchant_id, row.mode)),
    );
    const ids = claimed.rows.map((row) => row.id);
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
