import type { EventType, Schemas } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import { scheduleDeliveries } from '../webhooks/fanout.js';
import type { EventRow } from './store.js';
import * as store from './store.js';

export type { EventType };

/** The envelope merchants list and receive: `{id, object, type, created, data: {object}}`. */
export const presentEvent = (row: EventRow): MerchantEvent =>
  // The row holds what a typed emitter wrote: its type and data belong together.
  ({
    id: row.id,
    object: 'event',
    type: row.type,
    created: new Date(row.created_at).toISOString(),
    data: row.data,
  }) as MerchantEvent;

export type MerchantEvent = Schemas['Event'];

/**
 * Records an event in the caller's transaction and schedules its deliveries to the merchant's endpoints that
 * want it, so the change, its event and its webhooks commit or vanish together.
 */
export async function emitEvent(
  tx: Queryable,
  input: { tenant: Tenant; type: EventType; object: unknown },
): Promise<MerchantEvent> {
  const { tenant } = input;
  const row = await store.insertEvent(tx, newEventRow(input));
  const event = presentEvent(row);
  await scheduleDeliveries(tx, { id: event.id, tenant, type: event.type });
  return event;
}

/** An event's row before it is written (payment creation's database function writes it as is). */
export const newEventRow = (input: {
  tenant: Tenant;
  type: EventType;
  object: unknown;
}): Omit<EventRow, 'created_at'> => ({
  id: newId('evt'),
  merchant_id: input.tenant.merchantId,
  type: input.type,
  mode: input.tenant.mode,
  data: { object: input.object },
});

export async function getEvent(db: Queryable, tenant: Tenant, id: string): Promise<MerchantEvent> {
  const row = await store.findEvent(db, tenant, id);
  if (!row) throw notFound('event', id);
  return presentEvent(row);
}

export async function listEvents(
  db: Queryable,
  tenant: Tenant,
  page: PageRequest,
  filters: { type?: string | undefined; createdGte?: string | undefined; createdLt?: string | undefined },
): Promise<Schemas['EventList']> {
  const rows = await store.listEvents(db, tenant, {
    ...filters,
    limit: page.limit + 1,
    startingAfter: page.startingAfter,
  });
  return toPage(rows, page.limit, presentEvent);
}

/** The JSON body a webhook carries for an event: exactly what the events API returns. */
export async function eventBody(db: Queryable, id: string): Promise<string | null> {
  const row = await store.findEventById(db, id);
  return row ? JSON.stringify(presentEvent(row)) : null;
}
