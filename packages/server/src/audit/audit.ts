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

/**
 * Writes one audit row with the caller's transaction, so the change and its record commit or vanish together.
 * Values must never include secrets: callers pass the public shapes of what changed.
 */
export async function writeAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, old_values, new_values, ip, user_agent, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      newId('aud'),
      entry.actor.id,
      entry.merchantId,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.oldValues === undefined ? null : JSON.stringify(entry.oldValues),
      entry.newValues === undefined ? null : JSON.stringify(entry.newValues),
      entry.actor.ip ?? null,
      entry.actor.userAgent ?? null,
      entry.actor.requestId ?? null,
    ],
  );
}
