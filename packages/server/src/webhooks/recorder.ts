import type { Logger } from 'pino';
import { emitEvent } from '../events/service.js';
import type { Database } from '../platform/db/index.js';
import { DISABLE_AFTER_FAILING_MS } from './outcome.js';
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
  /** The endpoint answered 410 Gone. */
  gone: boolean;
}

export interface RecorderHooks {
  /** These deliveries are recorded (or given up on): no longer this process's to renew. */
  recorded(ids: readonly string[]): void;
  /**
   * The endpoint answered 410 and is now disabled, by this or by someone else (`true`), or could not be (`false`:
   * the database failed). Called once or more per 410 answer.
   */
  goneSettled(endpointId: string, disabled: boolean): void;
}

const GONE = 'The endpoint answered 410 Gone.';
const FAILING = 'Every delivery failed for 5 days.';

/** Bad data or a broken constraint: one row's fault, which the other rows of its batch must not share. */
const isRowError = (error: unknown): boolean =>
  /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

/**
 * Records answered attempts in bulk, one batch at a time, with whatever arrived while the previous batch was
 * being written. A batch refused for one row's data is recorded row by row, so that row holds back only itself.
 * Then updates the endpoints' health, and disables those that answered 410 or have failed for 5 days (decided
 * on their current row, so an endpoint re-enabled or answering again meanwhile is left alone).
 */
export class AttemptRecorder {
  private waiting: Answered[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly dispatcher: string,
    private readonly logger: Logger,
    private readonly hooks: RecorderHooks,
  ) {}

  add(answered: Answered): void {
    this.waiting.push(answered);
  }

  /** Records everything added so far; resolves when it is written (or given up on, logged). Never rejects. */
  flush(): Promise<void> {
    this.running ??= this.recordAll().finally(() => {
      this.running = undefined;
      // Added between the last batch and now: not left waiting for the next answer.
      if (this.waiting.length > 0) void this.flush();
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
    const gone = new Set(batch.filter((answered) => answered.gone).map((a) => a.delivery.endpoint.id));
    try {
      const endpoints = new Map(
        batch.map((answered) => [answered.delivery.endpoint.id, answered.delivery.endpoint]),
      );
      const well = new Set(
        batch.filter((answered) => answered.endpointWell).map((a) => a.delivery.endpoint.id),
      );
      const failing = [...endpoints.keys()].filter((id) => !well.has(id));
      await this.recordAttempts(batch);
      // Every endpoint that answered: the statement writes only those whose state changes.
      await recordEndpointHealth(this.db, [...well], failing);
      for (const id of gone) {
        await this.disable(endpoints.get(id)!, GONE);
        this.hooks.goneSettled(id, true);
      }
      // Only endpoints failing for 5 days when claimed can be now; their current row decides.
      const since = Date.now() - DISABLE_AFTER_FAILING_MS;
      for (const id of failing) {
        const endpoint = endpoints.get(id)!;
        const failingSince = endpoint.failing_since?.getTime() ?? Number.POSITIVE_INFINITY;
        if (!gone.has(id) && failingSince < since) await this.disable(endpoint, FAILING);
      }
    } catch (error) {
      for (const id of gone) this.hooks.goneSettled(id, false);
      throw error;
    }
  }

  /**
   * The batch's attempts in one statement. A batch refused for one row's data is recorded row by row, so that row
   * holds back only itself; a row that cannot be recorded is logged, and the endpoints' health is still written.
   */
  private async recordAttempts(batch: Answered[]): Promise<void> {
    try {
      await recordAttempts(
        this.db,
        this.dispatcher,
        batch.map((answered) => answered.record),
      );
    } catch (error) {
      if (!isRowError(error)) throw error;
      const unrecorded = (err: unknown, answered: Answered) =>
        this.logger.error({ err, delivery_id: answered.delivery.id }, 'could not record a webhook attempt');
      if (batch.length === 1) {
        unrecorded(error, batch[0]!);
        return;
      }
      this.logger.warn({ err: error, attempts: batch.length }, 'recording webhook attempts one by one');
      for (const answered of batch) {
        await recordAttempts(this.db, this.dispatcher, [answered.record]).catch((err: unknown) =>
          unrecorded(err, answered),
        );
      }
    }
  }

  /**
   * Disables the endpoint unless someone already did, or (after 5 days of failures) unless its row says it has not
   * been failing that long; says so with an event only when this did it.
   */
  private async disable(endpoint: ClaimedDelivery['endpoint'], reason: string): Promise<void> {
    const done = await this.db.transaction(async (tx) => {
      const row = await disableEndpointIf(
        tx,
        endpoint.id,
        reason,
        reason === GONE ? null : DISABLE_AFTER_FAILING_MS,
      );
      if (!row) return false;
      await emitEvent(tx, {
        tenant: { merchantId: endpoint.merchant_id, mode: endpoint.mode },
        type: 'webhook_endpoint.disabled',
        object: { ...presentEndpoint(row), reason },
      });
      return true;
    });
    if (done) this.logger.warn({ endpoint_id: endpoint.id, reason }, 'webhook endpoint disabled');
  }
}
