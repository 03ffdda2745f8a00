import type { Queryable } from '../platform/db/index.js';

export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  event_type: string;
  correlation_id: string | null;
  /** The payload as the JSON text it is published as (never parsed and written again on the way). */
  payload: string;
  created_at: Date;
}

/** The relay's lease row, expired: it exists from the moment a relay is configured on this database. */
export async function declareRelay(db: Queryable, name = 'kafka'): Promise<void> {
  await db.query(
    `INSERT INTO outbox_relay_lease (name, holder, lease_until) VALUES ($1, 'none', now() - interval '1 second')
     ON CONFLICT (name) DO NOTHING`,
    [name],
  );
}

/**
 * Gives the lease up at shutdown, so a standby relay takes over at once instead of after it runs out. The row
 * stays: it says a relay publishes this database's outbox (see `sweepOutbox`).
 */
export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.query(
    "UPDATE outbox_relay_lease SET lease_until = now() - interval '1 second' WHERE name = $1 AND holder = $2",
    [name, holder],
  );
}

/**
 * Takes (or keeps) the lease and reads the oldest unpublished rows, in the order they were written (by the
 * bigint id, not its text), in one round trip: none when another relay holds the lease.
 */
export async function leaseAndRead(
  db: Queryable,
  lease: { name: string; holder: string; leaseMs: number },
  limit: number,
  /** Rows already on their way (published, not yet marked): left out. */
  inFlight: readonly string[] = [],
): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `WITH lease AS (
       INSERT INTO outbox_relay_lease (name, holder, lease_until)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
       WHERE outbox_relay_lease.holder = EXCLUDED.holder OR outbox_relay_lease.lease_until < now()
       RETURNING holder
     )
     SELECT outbox.id::text AS id, topic, key, event_type, correlation_id, payload::text AS payload, created_at
     FROM outbox WHERE published_at IS NULL AND EXISTS (SELECT 1 FROM lease)
       AND outbox.id <> ALL($5::bigint[])
     ORDER BY outbox.id LIMIT $4`,
    [lease.name, lease.holder, lease.leaseMs, limit, inFlight],
  );
  return rows;
}

/** The per-row publish marker: a restarted relay resumes with the first row without one. */
export async function markPublished(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    'UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL',
    [ids],
  );
}

export interface TopicStatus {
  topic: string;
  unpublished: number;
  /** Seconds since the oldest unpublished row was written; null when none waits. */
  oldest_unpublished_seconds: number | null;
  published: number;
  last_published_at: Date | null;
}

/** Per topic: what waits for the relay and how long the oldest has waited, and what went out. */
export async function outboxStatus(db: Queryable): Promise<TopicStatus[]> {
  const { rows } = await db.query<TopicStatus>(
    `SELECT topic,
            count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
            extract(epoch FROM now() - min(created_at) FILTER (WHERE published_at IS NULL))::float8
              AS oldest_unpublished_seconds,
            count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published,
            max(published_at) AS last_published_at
     FROM outbox GROUP BY topic ORDER BY topic`,
  );
  return rows;
}

export interface ReplayWindow {
  since: Date;
  until?: Date | undefined;
  topic?: string | undefined;
}

/**
 * Marks a window's rows unpublished again, so the relay sends them once more (for a consumer that lost data).
 * Only rows still kept (see `sweepOutbox`) can be replayed. Returns how many.
 */
export async function replayWindow(db: Queryable, window: ReplayWindow): Promise<number> {
  const result = await db.query(
    `UPDATE outbox SET published_at = NULL
     WHERE created_at >= $1 AND ($2::timestamptz IS NULL OR created_at < $2)
       AND ($3::text IS NULL OR topic = $3) AND published_at IS NOT NULL`,
    [window.since, window.until ?? null, window.topic ?? null],
  );
  return result.rowCount;
}

/**
 * Deletes published rows older than the retention; unpublished ones too, but only on a database no relay has
 * ever been configured for (one without Kafka), never on one whose relay is merely down. A deployment that
 * retires Kafka deletes the `outbox_relay_lease` row. Returns how many.
 */
export async function sweepOutbox(db: Queryable, retentionHours: number): Promise<number> {
  const result = await db.query(
    `DELETE FROM outbox WHERE created_at < now() - make_interval(hours => $1)
       AND (published_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM outbox_relay_lease))`,
    [retentionHours],
  );
  return result.rowCount;
}

/** The age of the oldest unpublished row, in seconds (0 when none waits): the relay's lag. */
export async function relayLagSeconds(
  db: Queryable,
): Promise<{ unpublished: number; oldestSeconds: number }> {
  const { rows } = await db.query<{ unpublished: number; oldest: number | null }>(
    `SELECT count(*)::int AS unpublished, extract(epoch FROM now() - min(created_at))::float8 AS oldest
     FROM outbox WHERE published_at IS NULL`,
  );
  return { unpublished: rows[0]?.unpublished ?? 0, oldestSeconds: rows[0]?.oldest ?? 0 };
}
