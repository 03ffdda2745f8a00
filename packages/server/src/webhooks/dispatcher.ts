import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { emitEvent, presentEvent } from '../events/service.js';
import type { Database } from '../platform/db/index.js';
import type { WebhookMetrics } from './metrics.js';
import { attemptOutcome, DEFAULT_RETRY_DELAYS_MS } from './outcome.js';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimDueDeliveries,
  failUnsendable,
  recordAttempts,
  recordEndpointHealth,
  releaseDeliveries,
  renewDeliveryLeases,
  WEBHOOKS_CHANNEL,
} from './queue-store.js';
import { SendSlots } from './send-slots.js';
import { presentEndpoint } from './service.js';
import { signDelivery } from './signing.js';
import * as store from './store.js';
import { postWebhook } from './transport.js';
import { endpointPolicy, type WebhookEgress } from './url-policy.js';

export interface DispatcherOptions {
  db: Database;
  logger: Logger;
  metrics?: WebhookMetrics | undefined;
  retryDelaysMs?: readonly number[] | undefined;
  timeoutMs?: number | undefined;
  /** The egress exception for a developer's sandbox (`EGRESS_ALLOW_LOOPBACK`); default none. */
  egress?: WebhookEgress | undefined;
  /** Deliveries in flight in this process (`WEBHOOK_CONCURRENCY`). */
  concurrency?: number | undefined;
  /** Of which to one endpoint at most (`WEBHOOK_ENDPOINT_CONCURRENCY`): a slow endpoint cannot take them all. */
  perEndpoint?: number | undefined;
  /** How long a claimed delivery stays this process's without a renewal (renewed every third of it). */
  leaseSeconds?: number | undefined;
  /** The polling fallback when no NOTIFY arrives (and how retries that come due are found). */
  pollMs?: number | undefined;
}

/** Deliveries held per send slot: claimed ahead, so the slots stay busy between claims. */
const PREFETCH = 4;

interface Sent {
  delivery: ClaimedDelivery;
  record: AttemptRecord;
  endpointWell: boolean;
  disable: string | null;
}

/**
 * Sends webhook deliveries: claims the due ones in batches, sends them concurrently over keep-alive connections
 * (at most `perEndpoint` at once to one endpoint), and records what came back in bulk as answers arrive; signed,
 * retried on schedule, each attempt recorded. Wakes on NOTIFY from fan-out and polls as a fallback. Many
 * dispatchers, on many machines, never send one delivery at once: each claim is leased and renewed while sent.
 */
export class WebhookDispatcher {
  readonly id = `webhooks-${randomUUID()}`;
  /** Deliveries claimed and not yet recorded, with their endpoint: the leases to renew. */
  private readonly held = new Map<string, string>();
  private readonly slots: SendSlots<ClaimedDelivery>;
  private readonly sending = new Set<Promise<void>>();
  private sent: Sent[] = [];
  private readonly perEndpoint: number;
  /** How many deliveries this process holds at most (sending, waiting for a slot, or being recorded). */
  private readonly prefetch: number;
  private readonly leaseSeconds: number;
  private readonly delays: readonly number[];
  private pollTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = true;
  private draining = false;
  private wakeAgain = false;
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: DispatcherOptions) {
    const concurrency = options.concurrency ?? 64;
    this.perEndpoint = options.perEndpoint ?? 16;
    this.slots = new SendSlots(concurrency, this.perEndpoint);
    // Claimed ahead of the free slots, so a slot never waits for the next claim's round trip.
    this.prefetch = concurrency * PREFETCH;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.options.db.listen(WEBHOOKS_CHANNEL, () => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.renewTimer = setInterval(() => void this.renewLeases(), (this.leaseSeconds * 1000) / 3);
    this.pollTimer.unref();
    this.renewTimer.unref();
    this.wake();
  }

  /**
   * Stops claiming, gives back the deliveries not yet started, lets those being sent finish (each within its
   * timeout) and records them.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.unlisten?.();
    const unsent = this.slots.takeWaiting().map((delivery) => delivery.id);
    for (const id of unsent) this.held.delete(id);
    await releaseDeliveries(this.options.db, this.id, unsent).catch((err: unknown) =>
      this.options.logger.error({ err }, 'webhook dispatcher could not give back its deliveries'),
    );
    // Leases are renewed until the last answer is recorded.
    while (this.sending.size > 0) await Promise.race(this.sending);
    await this.flush();
    clearInterval(this.renewTimer);
  }

  /** For tests and runbooks: claims one batch, sends it and records it. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    while (this.sending.size > 0) await Promise.race(this.sending);
    await this.flush();
    return claimed;
  }

  /** Claims what is due until nothing is or this process holds enough; coalesces wake-ups meanwhile. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = true;
    void this.drain()
      .catch((err: unknown) =>
        this.options.logger.error({ err }, 'webhook dispatcher could not claim deliveries'),
      )
      .finally(() => {
        this.draining = false;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    // Answers and records free room and wake us again, so there is no waiting here.
    while (!this.stopped && this.held.size < this.prefetch) {
      if ((await this.claim()) === 0) return;
    }
  }

  /** Claims up to the room left, and starts what the slots allow; resolves with how many were claimed. */
  private async claim(): Promise<number> {
    const held = new Map<string, number>();
    for (const endpointId of this.held.values()) held.set(endpointId, (held.get(endpointId) ?? 0) + 1);
    const claimed = await claimDueDeliveries(this.options.db, {
      dispatcher: this.id,
      leaseSeconds: this.leaseSeconds,
      limit: this.prefetch - this.held.size,
      perEndpoint: this.perEndpoint * PREFETCH,
      busy: held,
    });
    const unsendable: string[] = [];
    for (const delivery of claimed) {
      const { endpoint } = delivery;
      if (endpoint.deleted_at || endpoint.status !== 'enabled' || delivery.event === null) {
        unsendable.push(delivery.id);
        continue;
      }
      this.held.set(delivery.id, endpoint.id);
      this.slots.add(endpoint.id, delivery);
    }
    this.startSends();
    await failUnsendable(this.options.db, this.id, unsendable);
    return claimed.length;
  }

  private startSends(): void {
    for (const { item } of this.slots.takeStartable()) {
      const task = this.send(item).finally(() => this.sending.delete(task));
      this.sending.add(task);
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const { endpoint } = delivery;
    const event = delivery.event!;
    const body = JSON.stringify(presentEvent(event));
    const secrets = [endpoint.secret];
    if (
      endpoint.previous_secret &&
      endpoint.previous_secret_expires_at &&
      endpoint.previous_secret_expires_at > new Date()
    ) {
      secrets.push(endpoint.previous_secret);
    }
    const headers = {
      ...signDelivery(event.id, Math.floor(Date.now() / 1000), body, secrets),
      'content-type': 'application/json',
      'user-agent': 'Molam-Webhooks/1',
    };
    const policy = endpointPolicy(endpoint.mode, this.options.egress ?? { allowLoopback: false });
    const result = await postWebhook(endpoint.url, policy, headers, body, this.options.timeoutMs ?? 15_000);
    const outcome = attemptOutcome(result, delivery, endpoint, this.delays);
    this.options.metrics?.latency.observe(result.latencyMs / 1000);
    this.options.metrics?.attempts.inc({ result: outcome.result });
    this.sent.push({
      delivery,
      record: {
        deliveryId: delivery.id,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseBody: result.responseBody,
        error: result.error,
        status: outcome.status,
        nextAttemptAt: outcome.nextAttemptAt,
      },
      endpointWell: outcome.endpointWell,
      disable: outcome.disable,
    });
    // Its slot is free once it is answered; its lease holds it until it is recorded.
    this.slots.finish(endpoint.id);
    void this.flush().catch((err: unknown) =>
      this.options.logger.error({ err }, 'webhook dispatcher could not record attempts'),
    );
    if (!this.stopped) this.startSends();
  }

  /** Records every answer that arrived, in one statement per batch; one flush at a time. */
  private async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      try {
        while (this.sent.length > 0) {
          const batch = this.sent;
          this.sent = [];
          await this.record(batch);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    await this.flushing;
    this.wake();
  }

  private async record(batch: Sent[]): Promise<void> {
    const { db } = this.options;
    try {
      await recordAttempts(
        db,
        this.id,
        batch.map((sent) => sent.record),
      );
      // An endpoint that answered 2xx in this batch is well; one that did not is failing (unless it already was).
      // An answer from an endpoint already well costs no statement: the common case.
      const endpoints = new Map(batch.map((sent) => [sent.delivery.endpoint.id, sent.delivery.endpoint]));
      const answered = new Set(
        batch.filter((sent) => sent.endpointWell).map((sent) => sent.delivery.endpoint.id),
      );
      const all = [...endpoints.values()];
      await recordEndpointHealth(
        db,
        all
          .filter((endpoint) => answered.has(endpoint.id) && endpoint.failing_since !== null)
          .map((e) => e.id),
        all.filter((endpoint) => !answered.has(endpoint.id)).map((endpoint) => endpoint.id),
      );
      const disabling = new Map(
        batch.filter((sent) => sent.disable !== null).map((sent) => [sent.delivery.endpoint.id, sent]),
      );
      for (const sent of disabling.values()) await this.disable(sent.delivery.endpoint, sent.disable!);
    } finally {
      // Unrecorded ones stay leased until their lease runs out, then are sent again: at least once.
      for (const sent of batch) this.held.delete(sent.delivery.id);
    }
  }

  private async disable(endpoint: ClaimedDelivery['endpoint'], reason: string): Promise<void> {
    await this.options.db.transaction(async (tx) => {
      const row = await store.updateEndpoint(tx, endpoint.id, {
        status: 'disabled',
        disabled_reason: reason,
      });
      await emitEvent(tx, {
        tenant: { merchantId: endpoint.merchant_id, mode: endpoint.mode },
        type: 'webhook_endpoint.disabled',
        object: { ...presentEndpoint(row), reason },
      });
    });
    this.options.logger.warn({ endpoint_id: endpoint.id, reason }, 'webhook endpoint disabled');
  }

  private async renewLeases(): Promise<void> {
    await renewDeliveryLeases(this.options.db, this.id, [...this.held.keys()], this.leaseSeconds).catch(
      (err: unknown) => this.options.logger.error({ err }, 'webhook dispatcher could not renew its leases'),
    );
  }
}
