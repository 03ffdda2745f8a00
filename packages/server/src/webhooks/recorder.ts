import type { Logger } from 'pino';
import { emitEvent } from '../events/service.js';
import type { Database } from '../platform/db/index.js';
import type { AttemptOutcome } from './outcome.js';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  recordAttempts,
  recordEndpointHealth,
} from './queue-store.js';
import { presentEndpoint } from './service.js';
import { disableEndpointIf } from './store.js';

/** One answered attempt, waiting to be recorded. */
export interface Answered {
  delivery: ClaimedDelivery;
  record: AttemptRecord;
  endpointWell: boolean;
  disable: AttemptOutcome['disable'];
}

export interface RecorderHooks {
  /** These deliveries are recorded (or given up on): no longer this process's to renew. */
  recorded(ids: readonly string[]): void;
}

/**
 * Records answered attempts in bulk, one batch at a time, with whatever arrived while the previous batch was
 * being written. A batch the database refuses is recorded row by row, so one bad row holds back only itself.
 */
export class AttemptRecorder {
  private waiting: Answered[] = [];
  private running: Promise<void> | undefined;
  /** Endpoints this process saw failing: an answer from one of them marks it well again. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly dispatcher: string,
    private readonly logger: Logger,
    private readonly hooks: RecorderHooks,
  ) {}

  add(answered: Answered): void {
    this.waiting.push(answered);
  }

  /** Records everything added so far; resolves when it is written (or given up on, logged). */
  flush(): Promise<void> {
    this.running ??= this.recordAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async recordAll(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.record(batch);
      } catch (err) {
        this.logger.error({ err }, 'webhook dispatcher could not record attempts');
      } finally {
        // Unrecorded ones stay leased until their lease runs out, then are sent again: at least once.
        this.hooks.recorded(batch.map((answered) => answered.delivery.id));
      }
    }
  }

  private async record(batch: Answered[]): Promise<void> {
    try {
      await recordAttempts(
        this.db,
        this.dispatcher,
        batch.map((answered) => answered.record),
      );
    } catch (err) {
      this.logger.warn({ err, attempts: batch.length }, 'recording attempts one by one');
      for (const answered of batch) {
        await recordAttempts(this.db, this.dispatcher, [answered.record]).catch((error: unknown) =>
          this.logger.error(
            { err: error, delivery_id: answered.delivery.id },
            'could not record a webhook attempt',
          ),
        );
      }
    }
    await this.recordHealth(batch);
    const disabling = new Map(
      batch
        .filter((answered) => answered.disable !== null)
        .map((answered) => [answered.delivery.endpoint.id, answered]),
    );
    for (const answered of disabling.values()) await this.disable(answered);
  }

  /**
   * An endpoint that answered 2xx in this batch is well; one that did not is failing (unless it already was).
   * Answers from endpoints known to be well cost no statement: the common case.
   */
  private async recordHealth(batch: Answered[]): Promise<void> {
    const answeredWell = new Set<string>();
    const endpoints = new Map<string, ClaimedDelivery['endpoint']>();
    for (const { delivery, endpointWell } of batch) {
      endpoints.set(delivery.endpoint.id, delivery.endpoint);
      if (endpointWell) answeredWell.add(delivery.endpoint.id);
      if (delivery.endpoint.failing_since !== null) this.failing.add(delivery.endpoint.id);
    }
    const well = [...answeredWell].filter((id) => this.failing.has(id));
    const failing = [...endpoints.keys()].filter((id) => !answeredWell.has(id));
    await recordEndpointHealth(this.db, well, failing);
    for (const id of well) this.failing.delete(id);
    for (const id of failing) this.failing.add(id);
  }

  /**
   * Disables the endpoint unless someone already did, or (after 5 days of failures) unless it was re-enabled
   * meanwhile; says so with an event only when this did it.
   */
  private async disable({ delivery, disable }: Answered): Promise<void> {
    if (!disable) return;
    const { endpoint } = delivery;
    const done = await this.db.transaction(async (tx) => {
      const row = await disableEndpointIf(tx, endpoint.id, disable.reason, disable.failingLongerThanMs);
      if (!row) return false;
      await emitEvent(tx, {
        tenant: { merchantId: endpoint.merchant_id, mode: endpoint.mode },
        type: 'webhook_endpoint.disabled',
        object: { ...presentEndpoint(row), reason: disable.reason },
      });
      return true;
    });
    if (done)
      this.logger.warn({ endpoint_id: endpoint.id, reason: disable.reason }, 'webhook endpoint disabled');
  }
}
