import { Gauge, type Registry } from 'prom-client';
import type { Queryable } from '../db/index.js';
import { queueDepth } from './queue.js';

/** Queue depth, age of the oldest ready job and dead jobs, read from the database at each scrape. */
export function registerJobMetrics(registry: Registry, db: Queryable): void {
  let last: Promise<Awaited<ReturnType<typeof queueDepth>>> | undefined;
  // The three gauges share one query per scrape.
  const read = () => {
    last ??= queueDepth(db).finally(() => setTimeout(() => (last = undefined), 0));
    return last;
  };
  const gauge = (
    name: string,
    help: string,
    pick: (depth: Awaited<ReturnType<typeof queueDepth>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read().catch(() => ({ ready: 0, oldestReadySeconds: 0, dead: 0 }))));
      },
    });
  gauge('jobs_ready', 'Jobs ready to run now.', (depth) => depth.ready);
  gauge(
    'jobs_oldest_ready_age_seconds',
    'How long the oldest ready job has waited.',
    (depth) => depth.oldestReadySeconds,
  );
  gauge('jobs_dead', 'Jobs that used up their attempts (see `molam jobs`).', (depth) => depth.dead);
}
