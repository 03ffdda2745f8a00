import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Queryable } from '../platform/db/index.js';

/** Deliveries by result, attempt latency, and the backlog (how many are pending, and since when). */
export class WebhookMetrics {
  readonly attempts: Counter<'result'>;
  readonly latency: Histogram;

  constructor(registry: Registry, db: Queryable) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts, by result: succeeded, retrying, failed (final), gone (410).',
      labelNames: ['result'],
      registers,
    });
    this.latency = new Histogram({
      name: 'webhook_attempt_duration_seconds',
      help: 'Duration of webhook delivery attempts.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    });
    let backlog: Promise<{ pending: number; oldest: number }> | undefined;
    const read = () => {
      backlog ??= db
        .query<{ pending: number; oldest: number | null }>(
          `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
           FROM webhook_deliveries WHERE status = 'pending'`,
        )
        .then(({ rows }) => ({ pending: rows[0]?.pending ?? 0, oldest: rows[0]?.oldest ?? 0 }))
        .catch(() => ({ pending: 0, oldest: 0 }))
        .finally(() => setTimeout(() => (backlog = undefined), 0));
      return backlog;
    };
    new Gauge({
      name: 'webhook_deliveries_pending',
      help: 'Deliveries not yet succeeded or given up.',
      registers,
      async collect() {
        this.set((await read()).pending);
      },
    });
    new Gauge({
      name: 'webhook_oldest_pending_age_seconds',
      help: 'Age of the oldest pending delivery.',
      registers,
      async collect() {
        this.set((await read()).oldest);
      },
    });
  }
}
