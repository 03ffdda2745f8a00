import type { Logger } from 'pino';
import { emitEvent, eventBody } from '../events/service.js';
import type { Database } from '../platform/db/index.js';
import type { JobResult, JobWorker } from '../platform/jobs/index.js';
import { DELIVER_JOB } from './fanout.js';
import type { WebhookMetrics } from './metrics.js';
import { presentEndpoint } from './service.js';
import { signDelivery } from './signing.js';
import * as store from './store.js';
import { postWebhook } from './transport.js';
import { endpointPolicy, type WebhookEgress } from './url-policy.js';

/** After attempt N fails, wait DEFAULT_RETRY_DELAYS_MS[N-1]: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];
const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

export interface DelivererDeps {
  db: Database;
  logger: Logger;
  metrics?: WebhookMetrics;
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** The egress exception for a developer's sandbox (`EGRESS_ALLOW_LOOPBACK`); default none. */
  egress?: WebhookEgress;
}

const jitter = (ms: number): number => ms * (0.9 + Math.random() * 0.2);

/** Sends webhook deliveries: signed, retried on schedule, each attempt recorded. Registered on the job worker. */
export function registerWebhookJobs(worker: JobWorker, deps: DelivererDeps): void {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const timeoutMs = deps.timeoutMs ?? 15_000;

  const disable = async (endpoint: store.EndpointRow, reason: string) => {
    await deps.db.transaction(async (tx) => {
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
    deps.logger.warn({ endpoint_id: endpoint.id, reason }, 'webhook endpoint disabled');
  };

  worker.register(DELIVER_JOB, async ({ deliveryId }): Promise<JobResult> => {
    const delivery = await store.findDelivery(deps.db, deliveryId);
    if (delivery?.status !== 'pending') return undefined;
    const endpoint = await store.findEndpointById(deps.db, delivery.endpoint_id);
    const body = await eventBody(deps.db, delivery.event_id);
    if (!endpoint || endpoint.deleted_at || endpoint.status !== 'enabled' || body === null) {
      await store.failDelivery(deps.db, deliveryId);
      return undefined;
    }

    const secrets = [endpoint.secret];
    if (
      endpoint.previous_secret &&
      endpoint.previous_secret_expires_at &&
      new Date(endpoint.previous_secret_expires_at) > new Date()
    ) {
      secrets.push(endpoint.previous_secret);
    }
    const headers = {
      ...signDelivery(delivery.event_id, Math.floor(Date.now() / 1000), body, secrets),
      'content-type': 'application/json',
      'user-agent': 'Molam-Webhooks/1',
    };
    const policy = endpointPolicy(endpoint.mode, deps.egress ?? { allowLoopback: false });
    const result = await postWebhook(endpoint.url, policy, headers, body, timeoutMs);
    const attempt = {
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      responseBody: result.responseBody,
      error: result.error,
    };
    deps.metrics?.latency.observe(result.latencyMs / 1000);
    const count = (outcome: 'succeeded' | 'retrying' | 'failed' | 'gone') =>
      deps.metrics?.attempts.inc({ result: outcome });

    if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) {
      count('succeeded');
      await store.recordAttempt(deps.db, deliveryId, attempt, { status: 'succeeded', nextAttemptAt: null });
      if (endpoint.failing_since) await store.updateEndpoint(deps.db, endpoint.id, { failing_since: null });
      return undefined;
    }
    if (result.statusCode === 410) {
      count('gone');
      await store.recordAttempt(deps.db, deliveryId, attempt, { status: 'failed', nextAttemptAt: null });
      await disable(endpoint, 'The endpoint answered 410 Gone.');
      return undefined;
    }
    const failingSince = endpoint.failing_since ? new Date(endpoint.failing_since) : new Date();
    if (!endpoint.failing_since)
      await store.updateEndpoint(deps.db, endpoint.id, { failing_since: failingSince });
    const delay = delays[delivery.attempt_count];
    if (delay === undefined || Date.now() - failingSince.getTime() > DISABLE_AFTER_FAILING_MS) {
      count('failed');
      await store.recordAttempt(deps.db, deliveryId, attempt, { status: 'failed', nextAttemptAt: null });
      if (Date.now() - failingSince.getTime() > DISABLE_AFTER_FAILING_MS)
        await disable(endpoint, 'Every delivery failed for 5 days.');
      return undefined;
    }
    // 429 and 503 may say how long to wait; we never retry sooner than they ask.
    const asked =
      (result.statusCode === 429 || result.statusCode === 503) && result.retryAfterSeconds
        ? result.retryAfterSeconds * 1000
        : 0;
    const next = new Date(Date.now() + Math.max(jitter(delay), asked));
    count('retrying');
    await store.recordAttempt(deps.db, deliveryId, attempt, { status: 'pending', nextAttemptAt: next });
    return { runAgainAt: next };
  });
}
