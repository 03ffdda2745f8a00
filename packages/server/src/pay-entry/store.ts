import type { Actor } from '../audit/audit.js';
import type { Database, Queryable } from '../platform/db/index.js';

/** One user's stored preferences. */
export interface Preferences {
  user_id: string;
  preferred_module: string | null;
  last_module_used: string | null;
  modules_enabled: string[];
  auto_redirect: boolean;
  country: string | null;
  currency: string | null;
  lang: string | null;
  /** How often each module was reported as used. */
  module_usage: Record<string, number>;
  updated_at: Date;
}

/** The fields a user sees and changes: what the audit trail records. */
export const AUDITED_FIELDS = [
  'preferred_module',
  'last_module_used',
  'modules_enabled',
  'auto_redirect',
] as const;
type AuditedField = (typeof AUDITED_FIELDS)[number];
export type Changes = Partial<Pick<Preferences, AuditedField>>;

/** A new user's preferences, from their token's claims and the server's default modules. */
export type NewPreferences = Pick<
  Preferences,
  'user_id' | 'preferred_module' | 'modules_enabled' | 'country' | 'currency' | 'lang'
>;

const COLUMNS = `user_id, preferred_module, last_module_used, modules_enabled, auto_redirect, country, currency,
  lang, module_usage, updated_at`;

async function find(db: Queryable, userId: string, forUpdate: boolean): Promise<Preferences | undefined> {
  const { rows } = await db.query<Preferences>(
    `SELECT ${COLUMNS} FROM user_pay_entry_preferences WHERE user_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  return rows[0];
}

/** Appends to the user's immutable history, in the transaction of the change. */
async function audit(
  tx: Queryable,
  entry: { userId: string; action: 'create' | 'update'; old: object | null; new: object; actor: Actor },
): Promise<void> {
  await tx.query(
    `INSERT INTO pay_entry_audit_log (user_id, action, old_values, new_values, changed_by, ip_address,
       user_agent, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.userId,
      entry.action,
      entry.old === null ? null : JSON.stringify(entry.old),
      JSON.stringify(entry.new),
      entry.userId,
      entry.actor.ip ?? null,
      entry.actor.userAgent ?? null,
      entry.actor.requestId ?? null,
    ],
  );
}

/** Inside a transaction: the user's row, locked, made first (and audited) when there is none. */
async function lockOrCreate(tx: Queryable, initial: NewPreferences, actor: Actor): Promise<Preferences> {
  const existing = await find(tx, initial.user_id, true);
  if (existing) return existing;
  const { rows } = await tx.query<Preferences>(
    `INSERT INTO user_pay_entry_preferences (user_id, preferred_module, modules_enabled, country, currency, lang,
       updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $1)
     ON CONFLICT (user_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      initial.user_id,
      initial.preferred_module,
      JSON.stringify(initial.modules_enabled),
      initial.country,
      initial.currency,
      initial.lang,
    ],
  );
  const created = rows[0];
  if (!created) {
    // A concurrent first visit made it: read theirs (this statement sees what committed before it).
    const theirs = await find(tx, initial.user_id, true);
    if (!theirs) throw new Error(`pay entry preferences of ${initial.user_id} vanished while being made`);
    return theirs;
  }
  const { module_usage: _usage, updated_at: _at, ...values } = created;
  await audit(tx, { userId: initial.user_id, action: 'create', old: null, new: values, actor });
  return created;
}

/** The user's preferences, made from `initial` on their first visit. */
export async function findOrCreate(
  db: Database,
  initial: NewPreferences,
  actor: Actor,
): Promise<Preferences> {
  // Every visit after the first is one read.
  return (await find(db, initial.user_id, false)) ?? db.transaction((tx) => lockOrCreate(tx, initial, actor));
}

/**
 * Changes the user's preferences under a row lock: `decide` sees the current values and returns the changes
 * (or throws to refuse them). Only what really changes is written and audited; a reported module use counts.
 */
export async function update(
  db: Database,
  initial: NewPreferences,
  actor: Actor,
  decide: (current: Preferences) => { changes: Changes; usedModule?: string | undefined },
): Promise<Preferences> {
  return db.transaction(async (tx) => {
    const current = await lockOrCreate(tx, initial, actor);
    const { changes, usedModule } = decide(current);
    const old: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (const field of AUDITED_FIELDS) {
      const value = changes[field];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(current[field])) continue;
      old[field] = current[field];
      changed[field] = value;
    }
    if (Object.keys(changed).length === 0 && usedModule === undefined) return current;
    const next = { ...current, ...changed };
    const { rows } = await tx.query<Preferences>(
      `UPDATE user_pay_entry_preferences
          SET preferred_module = $2, last_module_used = $3, modules_enabled = $4, auto_redirect = $5,
              module_usage = CASE WHEN $6::text IS NULL THEN module_usage
                ELSE jsonb_set(module_usage, ARRAY[$6::text], to_jsonb(COALESCE((module_usage ->> $6::text)::bigint, 0) + 1))
              END,
              updated_by = $1,
              updated_at = CASE WHEN $7 THEN now() ELSE updated_at END
        WHERE user_id = $1
        RETURNING ${COLUMNS}`,
      [
        current.user_id,
        next.preferred_module,
        next.last_module_used,
        JSON.stringify(next.modules_enabled),
        next.auto_redirect,
        usedModule ?? null,
        Object.keys(changed).length > 0,
      ],
    );
    if (Object.keys(changed).length > 0) {
      await audit(tx, { userId: current.user_id, action: 'update', old, new: changed, actor });
    }
    const updated = rows[0];
    if (!updated) throw new Error(`pay entry preferences of ${current.user_id} vanished under a row lock`);
    return updated;
  });
}
