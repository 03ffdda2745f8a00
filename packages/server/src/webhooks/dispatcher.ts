import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { presentEvent } from '../events/service.js';
import type { Database } from '../platform/db/index.js';
import type { WebhookMetrics } from './metrics.js';
import { attemptOutcome, DEFAULT_RETRY_DELAYS_MS } from './outcome.js';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  failUnsendable,
  releaseDeliveries,
  renewDeliveryLeases,
  WEBHOOKS_CHANNEL,
} from './queue-store.js';
import { AttemptRecorder } from './recorder.js';
import { SendSlots } from './send-slots.js';
import { signDelivery } from './signing.js';
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
  /** Deliveries sent at once by this process (`WEBHOOK_CONCURRENCY`). */
  concurrency?: number | undefined;
  /** Of which to one endpoint at most (`WEBHOOK_ENDPOINT_CONCURRENCY`): a slow endpoint cannot take them all. */
  perEndpoint?: number | undefined;
  /** How long a claimed delivery stays this process's without a renewal (renewed every third of it). */
  leaseSeconds?: number | undefined;
  /** The polling fallback when no NOTIFY arrives (and how retries that come due are found). */
  pollMs?: number | undefined;
  /**
   * A claimed delivery that waited this long for a slot is given back and claimed again, its endpoint read again:
   * a change to an endpoint (URL, secret, disabling) reaches what was claimed for it within this time and one send.
   */
  rereadAfterMs?: number | undefined;
}

/**
 * Deliveries held per send slot: claimed ahead, so the slots stay busy between claims, and in batches big enough
 * that a claim's and a record's fixed cost in PostgreSQL is not most of their cost.
 */
const PREFETCH = 8;

const sendable = (delivery: ClaimedDelivery): boolean =>
  !delivery.endpoint.deleted_at && delivery.endpoint.status === 'enabled' && delivery.event !== null;

/**
 * Sends webhook deliveries: claims the due ones in batches, sends them concurrently over keep-alive connections
 * (at most `perEndpoint` at once to one endpoint), and records what came back in bulk as answers arrive; signed,
 * retried on schedule, each attempt recorded. Wakes on NOTIFY from fan-out and polls as a fallback. Many
 * dispatchers, on many machines, never send one delivery at once: each claim is leased and renewed while held.
 */
export class WebhookDispatcher {
  readonly id = `webhooks-${randomUUID()}`;
  /** Deliveries claimed and not yet recorded, with their endpoint: the leases to renew. */
  private readonly held = new Map<string, string>();
  private readonly slots: SendSlots<ClaimedDelivery>;
  private readonly sending = new Set<Promise<void>>();
  private readonly recorder: AttemptRecorder;
  /** Endpoints that answered 410, with what was waiting for them: not sent, not claimed, until it is disabled. */
  private readonly parked = new Map<string, ClaimedDelivery[]>();
  /** Releases and failures in flight, awaited by `stop` and `runOnce`. */
  private readonly chores = new Set<Promise<void>>();
  /** How many deliveries this process holds at most (sending, waiting for a slot, or being recorded). */
  private readonly prefetch: number;
  private readonly perEndpoint: number;
  private readonly leaseSeconds: number;
  private readonly rereadAfterMs: number;
  private readonly delays: readonly number[];
  private pollTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  /** Started (or stepping through `runOnce`) and not stopped: what it claims, it sends. */
  private accepting = false;
  private draining: Promise<void> | undefined;
  private wakeAgain = false;

  constructor(private readonly options: DispatcherOptions) {
    const concurrency = options.concurrency ?? 64;
    this.perEndpoint = options.perEndpoint ?? 16;
    this.slots = new SendSlots(concurrency, this.perEndpoint);
    this.prefetch = concurrency * PREFETCH;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.rereadAfterMs = options.rereadAfterMs ?? 10_000;
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.recorder = new AttemptRecorder(options.db, this.id, options.logger, {
      recorded: (ids) => {
        for (const id of ids) this.held.delete(id);
        this.wake();
      },
      goneSettled: (endpointId, disabled) => this.settleParked(endpointId, disabled),
    });
  }

  async start(): Promise<void> {
    this.accepting = true;
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
    this.accepting = false;
    clearInterval(this.pollTimer);
    try {
      await this.unlisten?.();
      this.unlisten = undefined;
      await this.draining; // a claim in flight gives back what it took
      await this.giveBack(this.slots.takeWaiting());
      // Leases are renewed until the last answer is recorded.
      await this.settle();
    } finally {
      clearInterval(this.renewTimer);
    }
  }

  /** For tests and runbooks, on a dispatcher not started: claims one batch, sends all of it and records it. */
  async runOnce(): Promise<number> {
    if (this.unlisten) throw new Error('runOnce steps a dispatcher that is not started');
    this.accepting = true;
    try {
      const claimed = await this.claim();
      await this.settle();
      return claimed;
    } finally {
      this.accepting = false;
    }
  }

  /** Waits until nothing is being sent, recorded, given back or failed. */
  private async settle(): Promise<void> {
    while (this.sending.size > 0 || this.chores.size > 0) {
      await Promise.race([...this.sending, ...this.chores]);
      await this.recorder.flush();
    }
    await this.recorder.flush();
    while (this.chores.size > 0) await Promise.race(this.chores);
  }

  private chore(work: Promise<void>): void {
    const task = work.finally(() => this.chores.delete(task));
    this.chores.add(task);
  }

  /** Claims what is due until nothing is or this process holds enough; coalesces wake-ups meanwhile. */
  wake(): void {
    if (!this.accepting || !this.unlisten) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((err: unknown) =>
        this.options.logger.error({ err }, 'webhook dispatcher could not claim deliveries'),
      )
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    // Answers and records free room and wake us again, so there is no waiting here.
    while (this.accepting && this.held.size < this.prefetch) {
      if ((await this.claim()) === 0) return;
    }
  }

  /** Claims up to the room left, and starts what the slots allow; resolves with how many were claimed. */
  private async claim(): Promise<number> {
    const claimed = await claimDueDeliveries(this.options.db, {
      dispatcher: this.id,
      leaseSeconds: this.leaseSeconds,
      limit: this.prefetch - this.held.size,
      perEndpoint: this.perEndpoint * PREFETCH,
      held: this.held,
      paused: [...this.parked.keys()],
    });
    for (const delivery of claimed) this.held.set(delivery.id, delivery.endpoint.id);
    const toSend = claimed.filter(sendable);
    const unsendable = claimed.filter((delivery) => !sendable(delivery));
    if (unsendable.length > 0) this.chore(this.fail(unsendable));
    if (!this.accepting) {
      await this.giveBack(toSend); // stopped while claiming
      return claimed.length;
    }
    for (const delivery of toSend) this.slots.add(delivery.endpoint.id, delivery);
    this.startSends();
    return claimed.length;
  }

  /** Starts what the slots allow; what waited too long for one is given back, to be claimed again as it is now. */
  private startSends(): void {
    if (!this.accepting) return;
    const claimedBefore = performance.now() - this.rereadAfterMs;
    const stale: ClaimedDelivery[] = [];
    let started = this.slots.takeStartable();
    while (started.length > 0) {
      let freed = false;
      for (const { item } of started) {
        if (item.claimedAt < claimedBefore) {
          this.slots.finish(item.endpoint.id);
          stale.push(item);
          freed = true;
          continue;
        }
        const task = this.send(item).finally(() => this.sending.delete(task));
        this.sending.add(task);
      }
      started = freed ? this.slots.takeStartable() : [];
    }
    if (stale.length > 0) this.chore(this.giveBack(stale).then(() => this.wake()));
  }

  /** The request a delivery is: its body, signed headers and egress policy. */
  private request(delivery: ClaimedDelivery) {
    const { endpoint } = delivery;
    const event = delivery.event!;
    const body = JSON.stringify(presentEvent(event));
    const secrets = [endpoint.secret];
    const previousValid =
      endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > new Date();
    if (endpoint.previous_secret && previousValid) secrets.push(endpoint.previous_secret);
    const headers = {
      ...signDelivery(event.id, Math.floor(Date.now() / 1000), body, secrets),
      'content-type': 'application/json',
      'user-agent': 'Molam-Webhooks/1',
    };
    const policy = endpointPolicy(endpoint.mode, this.options.egress ?? { allowLoopback: false });
    return { body, headers, policy };
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const { endpoint } = delivery;
    let request: ReturnType<WebhookDispatcher['request']>;
    try {
      request = this.request(delivery);
    } catch (err) {
      // Nothing was sent. It is let go without a renewal: its lease runs out and it is tried again then, not at once.
      this.options.logger.error({ err, delivery_id: delivery.id }, 'could not prepare a webhook delivery');
      this.slots.finish(endpoint.id);
      this.held.delete(delivery.id);
      this.startSends();
      return;
    }
    const { body, headers, policy } = request;
    const result = await postWebhook(endpoint.url, policy, headers, body, this.options.timeoutMs ?? 15_000);
    const outcome = attemptOutcome(result, delivery, this.delays);
    this.options.metrics?.latency.observe(result.latencyMs / 1000);
    this.options.metrics?.attempts.inc({ result: outcome.result });
    this.recorder.add({
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
      gone: outcome.gone,
    });
    // Its slot is free once it is answered; its lease holds it until it is recorded.
    this.slots.finish(endpoint.id);
    // An endpoint that is gone gets nothing more from here: what waits for it is parked until it is disabled.
    if (outcome.gone) {
      const parked = this.parked.get(endpoint.id) ?? [];
      this.parked.set(endpoint.id, [...parked, ...this.slots.takeWaitingFor(endpoint.id)]);
    }
    void this.recorder.flush();
    this.startSends();
  }

  /** What was parked for a gone endpoint: failed unsent once it is disabled, given back if it could not be. */
  private settleParked(endpointId: string, disabled: boolean): void {
    const parked = this.parked.get(endpointId);
    if (!parked) return;
    this.parked.delete(endpointId);
    this.chore(disabled ? this.fail(parked) : this.giveBack(parked));
  }

  /** Deliveries that cannot be sent (endpoint gone or disabled, event gone): failed without an attempt. */
  private fail(deliveries: readonly ClaimedDelivery[]): Promise<void> {
    return this.letGo(deliveries, failUnsendable, 'fail');
  }

  /** Deliveries claimed but not sent, due again at once for any dispatcher. */
  private giveBack(deliveries: readonly ClaimedDelivery[]): Promise<void> {
    return this.letGo(deliveries, releaseDeliveries, 'give back');
  }

  /** Writes what becomes of deliveries this process holds, then holds them no more (failing, logged). */
  private async letGo(
    deliveries: readonly ClaimedDelivery[],
    write: (db: Database, dispatcher: string, ids: readonly string[]) => Promise<void>,
    what: string,
  ): Promise<void> {
    const ids = deliveries.map((delivery) => delivery.id);
    await write(this.options.db, this.id, ids).catch((err: unknown) =>
      this.options.logger.error({ err }, `webhook dispatcher could not ${what} deliveries`),
    );
    for (const id of ids) this.held.delete(id);
  }

  private async renewLeases(): Promise<void> {
    await renewDeliveryLeases(this.options.db, this.id, [...this.held.keys()], this.leaseSeconds).catch(
      (err: unknown) => this.options.logger.error({ err }, 'webhook dispatcher could not renew its leases'),
    );
  }
}
