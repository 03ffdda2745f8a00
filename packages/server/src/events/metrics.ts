import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/index.js';
import { EventHub } from './hub.js';

/**
 * The process's event hub, with its metrics: `molam_event_stream_clients` (connected streams) and
 * `molam_event_stream_reads_total` (reads of the events table for them: one per committed batch of a tenant's
 * events, however many clients, plus the fallback reads).
 */
export function eventHubWithMetrics(
  db: Database,
  config: Pick<Config, 'SSE_HEARTBEAT_MS' | 'EVENT_STREAM_FALLBACK_MS'>,
  registry: Registry,
  isShuttingDown: () => boolean,
): EventHub {
  const reads = new Counter({
    name: 'molam_event_stream_reads_total',
    help: 'Reads of the events table for the event streams.',
    registers: [registry],
  });
  const hub = new EventHub(db, {
    heartbeatMs: config.SSE_HEARTBEAT_MS,
    fallbackMs: config.EVENT_STREAM_FALLBACK_MS,
    isShuttingDown,
    onRead: () => reads.inc(),
  });
  new Gauge({
    name: 'molam_event_stream_clients',
    help: 'Event streams (SSE) connected to this process.',
    registers: [registry],
    collect() {
      this.set(hub.subscriberCount);
    },
  });
  return hub;
}
