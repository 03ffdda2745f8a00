import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Database } from '../platform/db/index.js';
import { leaseAndRead, markPublished, type OutboxRow, releaseLease } from './store.js';

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
  /** How long the lease lasts without renewal. */
  leaseMs: number;
  /**
   * The longest one publish may take (the producer's delivery timeout): a batch is sent only while at least
   * this much of the lease is left, so a relay that stalled never sends after a standby took over.
   */
  publishBudgetMs: number;
  /** Told about each published batch, and each batch that could not be published (metrics). */
  onPublished?: (rows: readonly OutboxRow[], seconds: number) => void;
  onFailed?: (rows: readonly OutboxRow[], error: unknown) => void;
}

interface LeasedBatch {
  rows: OutboxRow[];
  /** By this process's clock, taken before the database renewed the lease: never later than the real end. */
  leaseEndsAt: number;
}

const LEASE = 'kafka';

/**
 * Publishes the outbox: at least once, in the order rows were written, the lease holder alone. Each batch is
 * published, then marked; a relay killed between the two publishes that batch again when it (or a standby)
 * resumes, so consumers dedupe on the `event-id` header. Nothing is marked that was not acknowledged.
 *
 * Batches are pipelined: while one is being published, the previous one is marked and the next one read, so a
 * busy relay waits on Kafka, not on the database. The next batch is sent only after this one is acknowledged.
 */
export class OutboxRelay {
  readonly holder = `relay-${randomUUID()}`;
  private loop: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** The previous batch's mark; never rejects (a failed mark only means that batch goes out again). */
  private marking: Promise<void> = Promise.resolve();
  /** The next batch, read while the current one was published. */
  private next: Promise<LeasedBatch> | undefined;

  constructor(
    private readonly db: Database,
    private readonly publisher: OutboxPublisher,
    private readonly options: RelayOptions,
  ) {}

  private async read(inFlight: readonly string[]): Promise<LeasedBatch> {
    const leaseEndsAt = performance.now() + this.options.leaseMs;
    const lease = { name: LEASE, holder: this.holder, leaseMs: this.options.leaseMs };
    return { rows: await leaseAndRead(this.db, lease, this.options.batchSize, inFlight), leaseEndsAt };
  }

  /**
   * One batch: resolves with how many rows went out (0 when none waits or another relay holds the lease). The
   * lease is one holder at a time, so the messages of one key go out in the order they were written however
   * many relays run; a holder that stops renewing it loses it when it runs out.
   */
  async step(): Promise<number> {
    const prefetched = this.next;
    this.next = undefined;
    // Without a batch read ahead, wait for the last mark: an unmarked row would be read (and sent) again.
    let batch = prefetched ? await prefetched : await this.marking.then(() => this.read([]));
    // Too little lease left for a whole publish (a slow previous one, a pause): read again, which renews it.
    const leaseTooShort = () => performance.now() + this.options.publishBudgetMs > batch.leaseEndsAt;
    if (leaseTooShort()) {
      batch = await this.marking.then(() => this.read([]));
      if (leaseTooShort()) return 0; // the database itself is too slow: try again next round
    }
    const { rows } = batch;
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    const ahead =
      rows.length === this.options.batchSize ? this.marking.then(() => this.read(ids)) : undefined;
    ahead?.catch(() => {}); // a failed read ahead surfaces when the next step awaits it
    const started = performance.now();
    try {
      await this.publisher.publish(rows);
    } catch (error) {
      this.options.onFailed?.(rows, error);
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    this.next = ahead;
    this.marking = markPublished(this.db, ids).then(
      () => this.options.onPublished?.(rows, seconds),
      (error: unknown) => {
        this.options.logger.warn(
          { err: error },
          'outbox relay could not mark a published batch; it goes out again',
        );
      },
    );
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
    await this.next?.catch(() => {});
    await this.marking;
    await releaseLease(this.db, LEASE, this.holder).catch(() => {});
  }
}
