import type { EventRow } from '../events/store.js';
import type { Queryable } from '../platform/db/index.js';
import type { DeliveryRow, EndpointRow } from './store.js';

/** What the dispatchers listen on: fan-out, retries and re-sends notify it on commit. */
export const WEBHOOKS_CHANNEL = 'molam_webhooks';

/** Wakes the dispatchers when this transaction commits (deliveries made due by hand: retry, recover, resend). */
export async function wakeDispatchers(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [WEBHOOKS_CHANNEL, '']);
}

/** A due delivery, claimed under this dispatcher's lease, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  attempt_count: number;
  endpoint: EndpointRow & { deleted_at: Date | null };
  /** Null when the event is gone (retention): the delivery then fails without an attempt. */
  event: EventRow | null;
  /** When this process claimed it (`performance.now()`): how old its view of the endpoint is. */
  claimedAt: number;
}

export interface ClaimRequest {
  dispatcher: string;
  leaseSeconds: number;
  limit: number;
  /** At most this many deliveries to one endpoint held by this dispatcher, counting `held`. */
  perEndpoint: number;
  /** Deliveries this dispatcher already holds, by endpoint: never claimed again while held. */
  held: ReadonlyMap<string, string>;
  /** Endpoints whose deliveries are not to be claimed now (about to be disabled). */
  paused: readonly string[];
}

/** An endpoint row read as JSON (`to_jsonb`): its times are ISO strings. */
type EndpointJson = Omit<
  EndpointRow,
  'previous_secret_expires_at' | 'failing_since' | 'created_at' | 'updated_at'
> & {
  previous_secret_expires_at: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

const endpointOf = (json: EndpointJson): ClaimedDelivery['endpoint'] => ({
  ...json,
  previous_secret_expires_at: dateOrNull(json.previous_secret_expires_at),
  failing_since: dateOrNull(json.failing_since),
  created_at: new Date(json.created_at),
  updated_at: new Date(json.updated_at),
  deleted_at: dateOrNull(json.deleted_at),
});

type ClaimedColumns = Pick<DeliveryRow, 'id' | 'attempt_count' | 'endpoint_id'> & {
  /** On one row per endpoint of the batch; the others share it. */
  endpoint: EndpointJson | null;
  event_id: string;
  event_type: string | null;
  event_data: unknown;
  event_created_at: Date | null;
  event_merchant_id: string | null;
  event_mode: EventRow['mode'] | null;
};

/**
 * Claims up to `limit` due deliveries, oldest first, never more than `perEndpoint` in flight to one endpoint, in
 * one statement: locked with SKIP LOCKED (dispatchers on other machines take other rows), leased, and read with
 * their endpoint (sent and parsed once per endpoint of the batch) and event. Endpoints already at their cap here,
 * or paused, are skipped, so their backlog cannot hide the others' deliveries.
 */
export async function claimDueDeliveries(db: Queryable, request: ClaimRequest): Promise<ClaimedDelivery[]> {
  const busy = new Map<string, number>();
  for (const endpointId of request.held.values()) busy.set(endpointId, (busy.get(endpointId) ?? 0) + 1);
  const busyIds = [...busy.keys()];
  const busyCounts = busyIds.map((id) => busy.get(id) ?? 0);
  const skipped = [...busyIds.filter((id) => (busy.get(id) ?? 0) >= request.perEndpoint), ...request.paused];
  const { rows } = await db.query<ClaimedColumns>(
    `WITH busy AS (
       SELECT * FROM unnest($4::text[], $5::int[]) AS b(endpoint_id, in_flight)
     ), due AS (
       SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND NOT (d.endpoint_id = ANY ($6::text[])) AND NOT (d.id = ANY ($8::text[]))
        ORDER BY d.next_attempt_at, d.id
        LIMIT $3 * 2
        FOR UPDATE SKIP LOCKED
     ), chosen AS (
       SELECT ranked.id FROM (
         SELECT due.id, due.next_attempt_at,
                row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.next_attempt_at, due.id)
                  + coalesce(busy.in_flight, 0) AS place
           FROM due LEFT JOIN busy ON busy.endpoint_id = due.endpoint_id) ranked
        WHERE ranked.place <= $7
        ORDER BY ranked.next_attempt_at, ranked.id
        LIMIT $3
     ), claimed AS (
       UPDATE webhook_deliveries d SET locked_by = $1, locked_until = now() + make_interval(secs => $2)
        WHERE d.id = ANY (ARRAY(SELECT id FROM chosen))
       RETURNING d.id, d.endpoint_id, d.event_id, d.attempt_count, d.next_attempt_at
     )
     SELECT c.id, c.attempt_count, c.endpoint_id, c.event_id,
            CASE WHEN row_number() OVER (PARTITION BY c.endpoint_id) = 1 THEN to_jsonb(e) END AS endpoint,
            ev.type AS event_type, ev.data AS event_data, ev.created_at AS event_created_at,
            ev.merchant_id AS event_merchant_id, ev.mode AS event_mode
       FROM claimed c
       JOIN webhook_endpoints e ON e.id = c.endpoint_id
       LEFT JOIN events ev ON ev.id = c.event_id
      ORDER BY c.next_attempt_at, c.id`,
    [
      request.dispatcher,
      request.leaseSeconds,
      request.limit,
      busyIds,
      busyCounts,
      skipped,
      request.perEndpoint,
      [...request.held.keys()],
    ],
    { prepare: 'molam_claim_due_deliveries' },
  );
  const claimedAt = performance.now();
  const endpoints = new Map<string, ClaimedDelivery['endpoint']>();
  for (const row of rows) if (row.endpoint) endpoints.set(row.endpoint_id, endpointOf(row.endpoint));
  return rows.map((row) => {
    const endpoint = endpoints.get(row.endpoint_id)!;
    return {
      id: row.id,
      attempt_count: row.attempt_count,
      endpoint,
      event:
        row.event_type === null || row.event_created_at === null
          ? null
          : {
              id: row.event_id,
              merchant_id: row.event_merchant_id ?? endpoint.merchant_id,
              type: row.event_type,
              mode: row.event_mode ?? endpoint.mode,
              data: row.event_data,
              created_at: row.event_created_at,
            },
      claimedAt,
    };
  });
}

/** Keeps this dispatcher's deliveries its own while they are being sent. */
export async function renewDeliveryLeases(
  db: Queryable,
  dispatcher: string,
  ids: readonly string[],
  leaseSeconds: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE webhook_deliveries SET locked_until = now() + make_interval(secs => $3)
      WHERE id = ANY ($2::text[]) AND locked_by = $1`,
    [dispatcher, ids, leaseSeconds],
  );
}

/** Gives deliveries back unsent (a dispatcher stopping with some still waiting for a slot): due again at once. */
export async function releaseDeliveries(
  db: Queryable,
  dispatcher: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE webhook_deliveries SET locked_by = NULL, locked_until = NULL WHERE id = ANY ($2::text[]) AND locked_by = $1`,
    [dispatcher, ids],
  );
}

/** One attempt's record and what becomes of its delivery. */
export interface AttemptRecord {
  deliveryId: string;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
  status: DeliveryRow['status'];
  nextAttemptAt: Date | null;
}

/**
 * Records many attempts in one statement: each attempt's row, and its delivery's new state, unless the delivery
 * was made due again by hand while it was being sent (it is then no longer this dispatcher's, and runs again).
 */
export async function recordAttempts(
  db: Queryable,
  dispatcher: string,
  records: readonly AttemptRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
         AS r(id, status_code, latency_ms, response_body, error, status, next_attempt_at)
     ), attempts AS (
       INSERT INTO webhook_delivery_attempts (delivery_id, status_code, latency_ms, response_body, error)
       SELECT id, status_code, latency_ms, response_body, error FROM input
     )
     UPDATE webhook_deliveries d SET attempt_count = d.attempt_count + 1, updated_at = now(),
            status = CASE WHEN d.locked_by = $1 THEN input.status ELSE d.status END,
            next_attempt_at = CASE WHEN d.locked_by = $1 THEN input.next_attempt_at ELSE d.next_attempt_at END,
            locked_by = CASE WHEN d.locked_by = $1 THEN NULL ELSE d.locked_by END,
            locked_until = CASE WHEN d.locked_by = $1 THEN NULL ELSE d.locked_until END
       FROM input WHERE d.id = input.id`,
    [
      dispatcher,
      records.map((record) => record.deliveryId),
      records.map((record) => record.statusCode),
      records.map((record) => Math.round(record.latencyMs)),
      records.map((record) => record.responseBody),
      records.map((record) => record.error),
      records.map((record) => record.status),
      records.map((record) => record.nextAttemptAt),
    ],
    { prepare: 'molam_record_attempts' },
  );
}

/** Deliveries that cannot be sent (endpoint deleted or disabled, event gone): failed, without an attempt. */
export async function failUnsendable(
  db: Queryable,
  dispatcher: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, locked_by = NULL, locked_until = NULL,
            updated_at = now()
      WHERE id = ANY ($2::text[]) AND locked_by = $1`,
    [dispatcher, ids],
  );
}

/**
 * Endpoints that answered 2xx are well again; those that failed are failing since now unless they already were.
 * One that did both in one batch answered lately: well. Its own statement, after the attempts': an endpoint row
 * locked by a merchant's change holds up this, never the attempts' record.
 */
export async function recordEndpointHealth(
  db: Queryable,
  well: readonly string[],
  failing: readonly string[],
): Promise<void> {
  if (well.length === 0 && failing.length === 0) return;
  await db.query(
    `UPDATE webhook_endpoints SET updated_at = now(),
            failing_since = CASE WHEN id = ANY ($1::text[]) THEN NULL ELSE now() END
      WHERE (id = ANY ($1::text[]) AND failing_since IS NOT NULL)
         OR (id = ANY ($2::text[]) AND NOT id = ANY ($1::text[]) AND failing_since IS NULL)`,
    [well, failing],
  );
}
