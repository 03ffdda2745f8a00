import type { KeyMode } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';

export interface EndpointRow {
  id: string;
  merchant_id: string;
  mode: KeyMode;
  url: string;
  description: string | null;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

const ENDPOINT = `id, merchant_id, mode, url, description, enabled_events, status, disabled_reason, secret, previous_secret,
  previous_secret_expires_at, failing_since, created_at, updated_at`;

export async function insertEndpoint(
  tx: Queryable,
  row: Pick<EndpointRow, 'id' | 'merchant_id' | 'mode' | 'url' | 'description' | 'enabled_events' | 'secret'>,
): Promise<EndpointRow> {
  const { rows } = await tx.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, merchant_id, mode, url, description, enabled_events, secret)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ENDPOINT}`,
    [row.id, row.merchant_id, row.mode, row.url, row.description, row.enabled_events, row.secret],
  );
  return rows[0]!;
}

export async function findEndpoint(
  db: Queryable,
  tenant: Tenant,
  id: string,
  forUpdate = false,
): Promise<EndpointRow | undefined> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${ENDPOINT} FROM webhook_endpoints
     WHERE id = $1 AND merchant_id = $2 AND mode = $3 AND deleted_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, tenant.merchantId, tenant.mode],
  );
  return rows[0];
}

export async function listEndpoints(
  db: Queryable,
  tenant: Tenant,
  limit: number,
  startingAfter?: string,
): Promise<EndpointRow[]> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${ENDPOINT} FROM webhook_endpoints
     WHERE merchant_id = $1 AND mode = $4 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2)
     ORDER BY id DESC LIMIT $3`,
    [tenant.merchantId, startingAfter ?? null, limit, tenant.mode],
  );
  return rows;
}

export async function updateEndpoint(
  tx: Queryable,
  id: string,
  changes: Partial<
    Pick<
      EndpointRow,
      | 'url'
      | 'description'
      | 'enabled_events'
      | 'status'
      | 'disabled_reason'
      | 'failing_since'
      | 'secret'
      | 'previous_secret'
      | 'previous_secret_expires_at'
    >
  > & { deleted?: boolean },
): Promise<EndpointRow> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [column, value] of Object.entries(changes)) {
    if (column === 'deleted') continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  if (changes.deleted) sets.push('deleted_at = now()');
  sets.push('updated_at = now()');
  const { rows } = await tx.query<EndpointRow>(
    `UPDATE webhook_endpoints SET ${sets.join(', ')} WHERE id = $1 RETURNING ${ENDPOINT}`,
    values,
  );
  return rows[0]!;
}

/**
 * Disables an enabled endpoint, unless it is gone or already disabled, or (with `failingLongerThanMs`) unless it
 * has not been failing that long: it may have been re-enabled, which clears `failing_since`. The row, or undefined.
 */
export async function disableEndpointIf(
  tx: Queryable,
  id: string,
  reason: string,
  failingLongerThanMs: number | null,
): Promise<EndpointRow | undefined> {
  const { rows } = await tx.query<EndpointRow>(
    `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = $2, updated_at = now()
      WHERE id = $1 AND status = 'enabled' AND deleted_at IS NULL
        AND ($3::float8 IS NULL OR failing_since < now() - make_interval(secs => $3::float8 / 1000))
      RETURNING ${ENDPOINT}`,
    [id, reason, failingLongerThanMs],
  );
  return rows[0];
}

/** The merchant's enabled endpoints of this mode that want this event type. */
export async function subscribedEndpoints(db: Queryable, tenant: Tenant, type: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints
     WHERE merchant_id = $1 AND mode = $2 AND status = 'enabled' AND deleted_at IS NULL
       AND ($3 = ANY (enabled_events) OR '*' = ANY (enabled_events))`,
    [tenant.merchantId, tenant.mode, type],
  );
  return rows.map((row) => row.id);
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  merchant_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
}

const DELIVERY = 'id, endpoint_id, event_id, merchant_id, status, attempt_count, next_attempt_at, created_at';

export interface DeliveryWithAttempts extends DeliveryRow {
  event_type: string;
  attempts: Array<{
    attempted_at: Date;
    status_code: number | null;
    latency_ms: number;
    response_body: string | null;
    error: string | null;
  }>;
}

export async function listDeliveries(
  db: Queryable,
  endpointId: string,
  limit: number,
  startingAfter?: string,
  onlyId?: string,
): Promise<DeliveryWithAttempts[]> {
  const { rows } = await db.query<DeliveryWithAttempts>(
    `SELECT ${DELIVERY.split(', ')
      .map((column) => `d.${column}`)
      .join(', ')}, e.type AS event_type,
       coalesce((SELECT json_agg(json_build_object('attempted_at', a.attempted_at, 'status_code', a.status_code,
         'latency_ms', a.latency_ms, 'response_body', a.response_body, 'error', a.error) ORDER BY a.id)
         FROM (SELECT * FROM webhook_delivery_attempts WHERE delivery_id = d.id ORDER BY id DESC LIMIT 50) a), '[]')
         AS attempts
     FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
     WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.id < $2) AND ($4::text IS NULL OR d.id = $4)
     ORDER BY d.id DESC LIMIT $3`,
    [endpointId, startingAfter ?? null, limit, onlyId ?? null],
  );
  return rows;
}

/** Puts a delivery back to pending for an immediate attempt. */
export async function requeueDelivery(db: Queryable, id: string): Promise<void> {
  await db.query(
    // Unleased: if it is being sent right now, this attempt's answer no longer decides its state.
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), locked_by = NULL, locked_until = NULL,
            updated_at = now()
      WHERE id = $1`,
    [id],
  );
}

/** Failed deliveries to an endpoint since a time: what `recover` sends again. */
export async function failedDeliveriesSince(
  db: Queryable,
  endpointId: string,
  since: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'failed' AND created_at >= $2 ORDER BY id`,
    [endpointId, since],
  );
  return rows.map((row) => row.id);
}

/** A delivery of this event to this endpoint, pending now: the existing one re-armed, or a new one. */
export async function upsertDelivery(
  tx: Queryable,
  row: Pick<DeliveryRow, 'id' | 'endpoint_id' | 'event_id' | 'merchant_id'>,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, next_attempt_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (endpoint_id, event_id) DO UPDATE SET status = 'pending', next_attempt_at = now(), locked_by = NULL,
       locked_until = NULL, updated_at = now()
     RETURNING id`,
    [row.id, row.endpoint_id, row.event_id, row.merchant_id],
  );
  return rows[0]!.id;
}
