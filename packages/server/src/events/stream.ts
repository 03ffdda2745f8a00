import { once } from 'node:events';
import { EVENT_TYPES } from '@molam/contract';
import type { Request, Response } from 'express';
import type { Tenant } from '../auth/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import type { EventHub, Subscriber } from './hub.js';
import { type EventType, presentEvent } from './service.js';
import * as store from './store.js';

export { EVENT_TYPES };

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

const BACKLOG_PAGE = 500;
/** A client with this much unread in its buffer is dropped; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Server-Sent Events of a merchant's events. With `Last-Event-ID`, what came after that event first (every page
 * of it); without, only what happens from now on. Then the process's event hub writes each new event as its
 * transaction commits (one LISTEN for all clients), so it works the same with one server or many.
 */
export async function streamEvents(
  db: Database,
  tenant: Tenant,
  req: Request,
  res: Response,
  hub: EventHub,
): Promise<void> {
  // Listened for first: a client gone during the awaits below is never subscribed.
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      gone = true;
      resolve();
    }),
  );
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
  const cursor = lastEventId ?? (await store.newestEventId(db, tenant));
  const subscriber: Subscriber = {
    types,
    sent: new Map(),
    write: (chunk) => res.write(chunk),
    overloaded: () => res.writableLength > MAX_BUFFERED_BYTES,
    end: () => res.end(),
    lastWrite: Date.now(),
  };
  // Whatever is at or before the cursor now counts as seen: the hub's re-reads of recent events skip it.
  if (cursor !== null) {
    for (const row of await store.recentEventsUpTo(db, tenant, cursor, types, 5000)) {
      subscriber.sent.set(row.id, Date.now());
    }
  }

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');

  if (lastEventId) {
    // The backlog at the client's pace: each page waits for the previous one to drain.
    for (let after = lastEventId; !gone; ) {
      const page = await store.eventsAfter(db, tenant, after, types, BACKLOG_PAGE);
      let flushed = true;
      for (const row of page) {
        const event = presentEvent(row);
        flushed = res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        // Only the recent ones can come again from the hub's re-reads.
        if (Date.now() - new Date(row.created_at).getTime() < 60_000) subscriber.sent.set(row.id, Date.now());
      }
      if (!flushed) await Promise.race([once(res, 'drain').catch(() => {}), closed]);
      const last = page.at(-1);
      if (!last || page.length < BACKLOG_PAGE) break;
      after = last.id;
    }
    subscriber.lastWrite = Date.now();
  }
  if (gone) return;

  const unsubscribe = await hub.subscribe(tenant, subscriber);
  if (!gone) await closed;
  unsubscribe();
  res.end();
}
