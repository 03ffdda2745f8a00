import type { Queryable } from '../platform/db/index.js';

/**
 * Forgets events older than the retention (at least 30 days), with their deliveries and attempts: the
 * documented promise is that an event can be listed, fetched and re-sent for 30 days.
 */
export async function deleteExpiredEvents(db: Queryable, retentionDays: number): Promise<number> {
  const cutoff = `now() - make_interval(days => ${Math.max(30, Math.floor(retentionDays))})`;
  await db.query(
    `DELETE FROM webhook_delivery_attempts WHERE delivery_id IN (
       SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.created_at < ${cutoff})`,
  );
  await db.query(
    `DELETE FROM webhook_deliveries WHERE event_id IN (SELECT id FROM events WHERE created_at < ${cutoff})`,
  );
  const { rowCount } = await db.query(`DELETE FROM events WHERE created_at < ${cutoff}`);
  return rowCount;
}
