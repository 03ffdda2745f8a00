import type { KeyMode } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';

export interface EventRow {
  id: string;
  merchant_id: string;
  type: string;
  mode: KeyMode;
  data: unknown;
  created_at: Date;
}

const COLUMNS = 'id, merchant_id, type, mode, data, created_at';

/** Event streams listen here; the payload names the tenant (`mer_…:test`). */
export const EVENTS_CHANNEL = 'molam_events';

/** Inserts the event; its NOTIFY reaches the event streams when the caller's transaction commits. */
export async function insertEvent(tx: Queryable, event: Omit<EventRow, 'created_at'>): Promise<EventRow> {
  const { rows } = await tx.query<EventRow>(
    `WITH inserted AS (
       INSERT INTO events (id, merchant_id, type, mode, data) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS})
     SELECT ${COLUMNS}, pg_notify($6, merchant_id || ':' || mode)::text AS notified FROM inserted`,
    [event.id, event.merchant_id, event.type, event.mode, JSON.stringify(event.data), EVENTS_CHANNEL],
  );
  const row = rows[0];
  if (!row) throw new Error(`event ${event.id} was not inserted`);
  const { notified: _notified, ...inserted } = row as EventRow & { notified?: unknown };
  return inserted;
}

export async function findEvent(db: Queryable, tenant: Tenant, id: string): Promise<EventRow | undefined> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE id = $1 AND merchant_id = $2 AND mode = $3`,
    [id, tenant.merchantId, tenant.mode],
  );
  return rows[0];
}

export async function listEvents(
  db: Queryable,
  tenant: Tenant,
  filters: {
    limit: number;
    startingAfter?: string | undefined;
    type?: string | undefined;
    createdGte?: string | undefined;
    createdLt?: string | undefined;
  },
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
     WHERE merchant_id = $1 AND mode = $7 AND ($2::text IS NULL OR id < $2) AND ($3::text IS NULL OR type = $3)
       AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
     ORDER BY id DESC LIMIT $6`,
    [
      tenant.merchantId,
      filters.startingAfter ?? null,
      filters.type ?? null,
      filters.createdGte ?? null,
      filters.createdLt ?? null,
      filters.limit,
      tenant.mode,
    ],
  );
  return rows;
}

/** By id alone: for the delivery worker. */
export async function findEventById(db: Queryable, id: string): Promise<EventRow | undefined> {
  const { rows } = await db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE id = $1`, [id]);
  return rows[0];
}

/**
 * Events for a stream: everything after `afterId`, plus the last 30 seconds again, because an event whose id
 * sorts earlier can commit later (concurrent transactions, several servers). The caller skips ids it has sent.
 */
/**
 * The tenant's events of the last 30 seconds up to `upTo`, newest first: the ones a stream may not have seen
 * although their ids sort before its cursor (ids are made before the transaction commits).
 */
export async function recentEventsUpTo(
  db: Queryable,
  tenant: Tenant,
  upTo: string,
  types: string[] | null,
  limit: number,
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
     WHERE merchant_id = $1 AND mode = $2 AND id <= $3 AND created_at > now() - interval '30 seconds'
       AND ($4::text[] IS NULL OR type = ANY ($4))
     ORDER BY id DESC LIMIT $5`,
    [tenant.merchantId, tenant.mode, upTo, types, limit],
  );
  return rows;
}

/** The tenant's events after `afterId` (all when null), oldest first, a page at a time. */
export async function eventsAfter(
  db: Queryable,
  tenant: Tenant,
  afterId: string | null,
  types: string[] | null,
  limit: number,
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
     WHERE merchant_id = $1 AND mode = $2 AND ($3::text IS NULL OR id > $3) AND ($4::text[] IS NULL OR type = ANY ($4))
     ORDER BY id LIMIT $5`,
    [tenant.merchantId, tenant.mode, afterId, types, limit],
  );
  return rows;
}

export async function newestEventId(db: Queryable, tenant: Tenant): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT max(id) AS id FROM events WHERE merchant_id = $1 AND mode = $2',
    [tenant.merchantId, tenant.mode],
  );
  return rows[0]?.id ?? null;
}
