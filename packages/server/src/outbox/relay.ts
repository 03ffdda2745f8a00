import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Database } from '../platform/db/index.js';
import { holdLease, markPublished, type OutboxRow, releaseLease, unpublished } from './store.js';

/** Where the relay sends rows: resolves once every row is acknowledged (Kafka: by all in-sync replicas). */
export interface OutboxPublisher {
  publish(rows: readonly OutboxRow[]): Promise<void>;
}

export interface RelayOptions {
  logger: Logger;
  /** Rows per publish. */
  batchSize: number;
  /** How long to wait when nothing waits (or this relay is a standby). */
  pollMs: number;
  /** How long the lease lasts without renewal: longer than the publisher's own delivery timeout. */
  leaseMs: number;
  /** Told about each published batch (metrics). */
  onPublished?: (rows: readonly OutboxRow[], seconds: number) => void;
  onError?: (error: unknown) => void;
}

const LEASE = 'kafka';

/**
 * Publishes the outbox: at least once, in the order rows were written, the lease holder alone. Each batch is
 * published, then marked; a relay killed between the two publishes that batch again when it (or a standby)
 * resumes, so consumers dedupe on the `event-id` header. Nothing is marked that was not acknowledged.
 */
export class OutboxRelay {
  readonly holder = `relay-${randomUUID()}`;
  private loop: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Database,
    private readonly publisher: OutboxPublisher,
    private readonly options: RelayOptions,
  ) {}

  /** One batch: resolves with how many rows went out (0 when none waits or another relay holds the lease). */
  async step(): Promise<number> {
    if (!(await holdLease(this.db, LEASE, this.holder, this.options.leaseMs))) return 0;
    const rows = await unpublished(this.db, this.options.batchSize);
    if (rows.length === 0) return 0;
    const started = performance.now();
    await this.publisher.publish(rows);
    await markPublished(
      this.db,
      rows.map((row) => row.id),
    );
    this.options.onPublished?.(rows, (performance.now() - started) / 1000);
    return rows.length;
  }

  start(): void {
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    const { signal } = this.stopping;
    while (!signal.aborted) {
      let published = 0;
      try {
        published = await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.onError?.(error);
        if (failures === 1 || failures % 20 === 0)
          this.options.logger.warn({ err: error, failures }, 'outbox relay could not publish; retrying');
      }
      // A full batch means more may wait: go again at once. Failures back off up to 5 s.
      if (published >= this.options.batchSize) continue;
      const wait = failures === 0 ? this.options.pollMs : Math.min(5000, this.options.pollMs * 2 ** failures);
      await sleep(wait, undefined, { signal }).catch(() => {});
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await releaseLease(this.db, LEASE, this.holder).catch(() => {});
  }
}
