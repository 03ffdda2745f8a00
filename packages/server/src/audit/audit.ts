import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';

/** Who did something and from where: taken from the request, or `system`/`cli` for work outside one. */
export interface Actor {
  /** A key id (`key_…`), `cli` for runbook commands against the database, or `system`. */
  id: string;
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

export interface AuditEntry {
  actor: Actor;
  merchantId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  oldValues?: unknown;
  newValues?: unknown;
}

/** The `audit_log` row for an entry, column by column (payment creation's database function inserts it as is). */
export const auditRow = (entry: AuditEntry) => ({
  id: newId('aud'),
  actor: entry.actor.id,
  merchant_id: entry.merchantId,
  action: entry.action,
  entity_type: entry.entityType,
  entity_id: entry.entityId,
  old_values: entry.oldValues === undefined ? null : entry.oldValues,
  new_values: entry.newValues === undefined ? null : entry.newValues,
  ip: entry.actor.ip ?? null,
  user_agent: entry.actor.userAgent ?? null,
  request_id: entry.actor.requestId ?? null,
});

/**
 * Writes one audit row with the caller's transaction, so the change and its record commit or vanish together.
 * Values must never include secrets: callers pass the public shapes of what changed.
 */
export async function writeAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const row = auditRow(entry);
  await tx.query(
    `INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip, user_agent, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.id,
      row.actor,
      row.merchant_id,
      row.action,
      row.entity_type,
      row.entity_id,
      row.old_values === null ? null : JSON.stringify(row.old_values),
      row.new_values === null ? null : JSON.stringify(row.new_values),
      row.ip,
      row.user_agent,
      row.request_id,
    ],
  );
}
