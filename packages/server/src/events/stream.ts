import { EVENT_TYPES } from '@molam/contract';
import type { Request, Response } from 'express';
import type { Tenant } from '../auth/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { type EventType, presentEvent } from './service.js';
import * as store from './store.js';

export { EVENT_TYPES };

export interface StreamOptions {
  heartbeatMs: number;
  pollMs: number;
  /** True once a graceful shutdown starts: streams end so the server can stop. */
  isShuttingDown: () => boolean;
}

function parseTypes(raw: unknown): string[] | null {
  if (typeof raw !== 'string' || raw === '') return null;
  const types = raw.split(',').map((type) => type.trim());
  const unknown = types.filter((type) => !EVENT_TYPES.includes(type as EventType));
  if (unknown.length > 0) {
    throw new AppError(400, 'validation_failed', `Unknown event type ${unknown.join(', ')}.`, {
      errors: [{ field: 'query.types', message: `unknown: ${unknown.join(', ')}`, code: 'enum' }],
    });
  }
  return types;
}

/**
 * Server-Sent Events of a merchant's events. With `Last-Event-ID`, what came after that event first; without,
 * only what happens from now on. Polls the events table, so it works the same with one server or many.
 */
export async function streamEvents(
  db: Database,
  tenant: Tenant,
  req: Request,
  res: Response,
  options: StreamOptions,
): Promise<void> {
  const types = parseTypes(req.query.types);
  const lastEventId = req.get('last-event-id');
  if (lastEventId && !(await store.findEvent(db, tenant, lastEventId))) {
    throw new AppError(
      400,
      'invalid_last_event_id',
      `Last-Event-ID ${lastEventId} is not one of your events.`,
      {
        errors: [
          { field: 'header.last-event-id', message: 'not one of your events', code: 'invalid_last_event_id' },
        ],
      },
    );
  }
  let cursor = lastEventId ?? (await store.newestEventId(db, tenant));
  // id → when sent, to skip the re-reads of the last 30 s. Whatever is at or before the cursor now counts as seen.
  const sent = new Map<string, number>();
  for (const row of await store.eventsForStream(db, tenant, cursor, types)) {
    if (cursor !== null && row.id <= cursor) sent.set(row.id, Date.now());
  }

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');

  let closed = false;
  req.on('close', () => {
    closed = true;
  });
  let lastWrite = Date.now();
  while (!closed && !options.isShuttingDown()) {
    const rows = await store.eventsForStream(db, tenant, cursor, types).catch(() => []);
    for (const row of rows) {
      if (sent.has(row.id)) continue;
      const event = presentEvent(row);
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      sent.set(row.id, Date.now());
      if (cursor === null || row.id > cursor) cursor = row.id;
      lastWrite = Date.now();
    }
    if (Date.now() - lastWrite >= options.heartbeatMs) {
      res.write(': heartbeat\n\n');
      lastWrite = Date.now();
    }
    for (const [id, at] of sent) if (Date.now() - at > 60_000 && id !== cursor) sent.delete(id);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  res.end();
}
