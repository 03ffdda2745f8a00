import type { Queryable } from '../platform/db/index.js';
import type { Scope } from './scopes.js';
import type { KeyMode } from './secrets.js';

/** Whose keys: a merchant's (or the platform's, merchantId null) in one mode. */
export interface KeyOwner {
  merchantId: string | null;
  mode: KeyMode;
}

export interface ApiKeyRow {
  id: string;
  merchant_id: string | null;
  name: string;
  mode: KeyMode;
  prefix: string;
  secret_hash: string;
  scopes: Scope[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  replaced_by: string | null;
  created_at: Date;
}

const COLUMNS =
  'id, merchant_id, name, mode, prefix, secret_hash, scopes, expires_at, last_used_at, revoked_at, replaced_by, created_at';

/**
 * `merchant_id IS NOT DISTINCT FROM $n` lets one query serve merchants and the platform (NULL owner); the mode
 * is always part of ownership, so a key of one mode never sees the other's.
 */
const OWNED_BY = (n: number) => `merchant_id IS NOT DISTINCT FROM $${n}::text AND mode = $${n + 1}`;

export async function insertKey(
  tx: Queryable,
  key: Omit<ApiKeyRow, 'last_used_at' | 'revoked_at' | 'replaced_by' | 'created_at'>,
): Promise<ApiKeyRow> {
  const { rows } = await tx.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, merchant_id, name, mode, prefix, secret_hash, scopes, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [key.id, key.merchant_id, key.name, key.mode, key.prefix, key.secret_hash, key.scopes, key.expires_at],
  );
  return rows[0]!;
}

/** Candidates for a presented key, with their merchant's status (null for platform keys) in the same trip. */
export async function findKeysByPrefix(
  db: Queryable,
  prefix: string,
): Promise<Array<ApiKeyRow & { merchant_status: string | null }>> {
  const { rows } = await db.query<ApiKeyRow & { merchant_status: string | null }>(
    `SELECT ${COLUMNS.split(', ')
      .map((column) => `k.${column}`)
      .join(', ')}, m.status AS merchant_status
     FROM api_keys k LEFT JOIN merchants m ON m.id = k.merchant_id WHERE k.prefix = $1`,
    [prefix],
  );
  return rows;
}

export async function findOwnedKey(
  db: Queryable,
  owner: KeyOwner,
  id: string,
  forUpdate = false,
): Promise<ApiKeyRow | undefined> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 AND ${OWNED_BY(2)}${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, owner.merchantId, owner.mode],
  );
  return rows[0];
}

export async function listOwnedKeys(
  db: Queryable,
  owner: KeyOwner,
  limit: number,
  startingAfter: string | undefined,
): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE ${OWNED_BY(1)} AND ($3::text IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [owner.merchantId, owner.mode, startingAfter ?? null, limit],
  );
  return rows;
}

export async function markRevoked(tx: Queryable, id: string): Promise<ApiKeyRow> {
  const { rows } = await tx.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return rows[0]!;
}

export async function markReplaced(
  tx: Queryable,
  id: string,
  replacedBy: string,
  expiresAt: Date,
): Promise<void> {
  await tx.query('UPDATE api_keys SET replaced_by = $2, expires_at = $3 WHERE id = $1', [
    id,
    replacedBy,
    expiresAt,
  ]);
}

/** Records use at most once a minute per key, so authentication does not write on every request. */
export async function touchLastUsed(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE api_keys SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')`,
    [id],
  );
}

export async function countAdminKeys(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM api_keys WHERE merchant_id IS NULL',
  );
  return rows[0]?.count ?? 0;
}
