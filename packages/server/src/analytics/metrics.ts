import { Counter, Gauge, type Registry } from 'prom-client';
import type { Queryable } from '../platform/db/index.js';
import { PAST_CURSOR, queryWaiting } from './aggregator.js';

/**
 * `analytics_events_aggregated_total` (the aggregation rate), and, read at each scrape,
 * `analytics_unprocessed_events` and `analytics_lag_seconds` (age of the oldest event not yet counted).
 * Resolves to the aggregator's per-batch callback.
 */
export function analyticsMetrics(registry: Registry, db: Queryable): (events: number) => void {
  const aggregated = new Counter({
    name: 'analytics_events_aggregated_total',
    help: 'Transaction events added to the aggregates.',
    registers: [registry],
  });
  let last: Promise<{ unprocessed: number; lag: number }> | undefined;
  const read = () => {
    last ??= queryWaiting<{ unprocessed: string; lag: number | null }>(
      db,
      `SELECT count(*) AS unprocessed, extract(epoch FROM now() - min(e.received_at))::float8 AS lag
       FROM transaction_events e WHERE ${PAST_CURSOR}`,
    )
      .then((rows) => ({ unprocessed: Number(rows[0]?.unprocessed ?? 0), lag: rows[0]?.lag ?? 0 }))
      .catch(() => ({ unprocessed: 0, lag: 0 }))
      .finally(() => setTimeout(() => (last = undefined), 0));
    return last;
  };
  new Gauge({
    name: 'analytics_unprocessed_events',
    help: 'Transaction events received and not yet in the aggregates.',
    registers: [registry],
    async collect() {
      this.set((await read()).unprocessed);
    },
  });
  new Gauge({
    name: 'analytics_lag_seconds',
    help: 'How long the oldest transaction event not yet in the aggregates has waited.',
    registers: [registry],
    async collect() {
      this.set((await read()).lag);
    },
  });
  return (events) => aggregated.inc(events);
}
