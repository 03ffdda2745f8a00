import { type Actor, writeAudit } from '../audit/audit.js';
import type { AuthContext } from '../auth/context.js';
import { emitEvent } from '../events/service.js';
import { getMerchant } from '../merchants/service.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { type Page, type PageRequest, toPage } from '../platform/pagination.js';
import { hasScopes, MERCHANT_SCOPES, type Scope } from './scopes.js';
import { generateSecret, type KeyMode, prefixOf, secretMatches } from './secrets.js';
import type { ApiKeyRow } from './store.js';
import * as store from './store.js';

export interface ApiKey {
  id: string;
  object: 'api_key';
  merchant_id: string | null;
  name: string;
  mode: KeyMode;
  prefix: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface ApiKeyWithSecret extends ApiKey {
  secret: string;
  replaces?: { id: string; expires_at: string };
}

export interface NewKeyInput {
  name: string;
  mode?: KeyMode | undefined;
  scopes?: Scope[] | undefined;
  expires_at?: string | undefined;
}

export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;
const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export function presentKey(row: ApiKeyRow, now = Date.now()): ApiKey {
  const expired = row.expires_at !== null && new Date(row.expires_at).getTime() <= now;
  return {
    id: row.id,
    object: 'api_key',
    merchant_id: row.merchant_id,
    name: row.name,
    mode: row.mode,
    prefix: row.prefix,
    scopes: row.scopes,
    status: row.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
    expires_at: iso(row.expires_at),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    created_at: iso(row.created_at)!,
  };
}

export interface KeyPolicy {
  /** Live keys move real money; a sandbox server refuses to issue them. */
  liveKeysAllowed: boolean;
}

/**
 * Creates a key for `owner` (a merchant id, or null for the platform). The grantor may only hand out
 * scopes it holds itself; merchant keys never get `admin`, platform keys always do.
 */
export async function createKey(
  tx: Queryable,
  actor: Actor,
  owner: string | null,
  input: NewKeyInput,
  policy: KeyPolicy,
  grantorScopes: readonly string[] = ['admin'],
): Promise<ApiKeyWithSecret> {
  const mode = input.mode ?? 'test';
  if (mode === 'live' && !policy.liveKeysAllowed) {
    throw new AppError(
      400,
      'live_mode_unavailable',
      'This server runs in sandbox mode and issues test keys only.',
      {
        errors: [
          {
            field: 'body.mode',
            message: 'live keys need MOLAM_MODE=production',
            code: 'live_mode_unavailable',
          },
        ],
      },
    );
  }
  const scopes: string[] = owner === null ? ['admin'] : (input.scopes ?? MERCHANT_SCOPES);
  if (owner !== null && scopes.includes('admin')) {
    throw new AppError(400, 'scope_not_allowed', 'Merchant keys cannot hold the admin scope.', {
      errors: [
        { field: 'body.scopes', message: 'admin is for platform keys only', code: 'scope_not_allowed' },
      ],
    });
  }
  if (!hasScopes(grantorScopes, scopes)) {
    throw new AppError(403, 'insufficient_scope', 'A key can only grant scopes that its creator holds.');
  }
  const expiresAt = input.expires_at === undefined ? null : new Date(input.expires_at);
  if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
    throw new AppError(400, 'validation_failed', 'expires_at must be in the future.', {
      errors: [{ field: 'body.expires_at', message: 'must be in the future', code: 'in_the_past' }],
    });
  }
  const generated = generateSecret(mode);
  const row = await store.insertKey(tx, {
    id: newId('key'),
    merchant_id: owner,
    name: input.name,
    mode,
    prefix: generated.prefix,
    secret_hash: generated.hash,
    scopes,
    expires_at: expiresAt,
  });
  const key = presentKey(row);
  if (owner !== null) await emitEvent(tx, { merchantId: owner, mode, type: 'api_key.created', object: key });
  await writeAudit(tx, {
    actor,
    merchantId: owner,
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: key.id,
    newValues: key,
  });
  return { ...key, secret: generated.secret };
}

/** Creates a key for a merchant that must exist (admin operation). */
export async function createMerchantKey(
  db: Database,
  actor: Actor,
  merchantId: string,
  input: NewKeyInput,
  policy: KeyPolicy,
): Promise<ApiKeyWithSecret> {
  return db.transaction(async (tx) => {
    await getMerchant(tx, merchantId, null); // 404 for an unknown merchant
    return createKey(tx, actor, merchantId, input, policy);
  });
}

export async function listKeys(
  db: Queryable,
  owner: string | null,
  page: PageRequest,
): Promise<Page<ApiKey>> {
  const rows = await store.listOwnedKeys(db, owner, page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, (row) => presentKey(row));
}

export async function getKey(db: Queryable, owner: string | null, id: string): Promise<ApiKey> {
  const row = await store.findOwnedKey(db, owner, id);
  if (!row) throw notFound('API key', id);
  return presentKey(row);
}

/** Revoking a revoked key answers it unchanged, so a retried revoke is harmless. */
export async function revokeKey(
  db: Database,
  actor: Actor,
  owner: string | null,
  id: string,
): Promise<ApiKey> {
  return db.transaction(async (tx) => {
    const row = await store.findOwnedKey(tx, owner, id, true);
    if (!row) throw notFound('API key', id);
    if (row.revoked_at) return presentKey(row);
    const revoked = presentKey(await store.markRevoked(tx, id));
    if (owner !== null)
      await emitEvent(tx, { merchantId: owner, mode: row.mode, type: 'api_key.revoked', object: revoked });
    await writeAudit(tx, {
      actor,
      merchantId: owner,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      oldValues: presentKey(row),
      newValues: revoked,
    });
    return revoked;
  });
}

/**
 * Issues a successor with the same name, mode and scopes. The old key keeps working for the grace period
 * (never longer than it would have anyway), so a deployment can roll over without a failed request.
 */
export async function rotateKey(
  db: Database,
  actor: Actor,
  owner: string | null,
  id: string,
  graceSeconds: number,
  policy: KeyPolicy,
): Promise<ApiKeyWithSecret> {
  return db.transaction(async (tx) => {
    const row = await store.findOwnedKey(tx, owner, id, true);
    if (!row) throw notFound('API key', id);
    const old = presentKey(row);
    if (old.status !== 'active') {
      throw new AppError(
        409,
        `key_${old.status}`,
        `API key ${id} is ${old.status} and cannot be rotated; create a new key instead.`,
      );
    }
    const successor = await createKey(
      tx,
      actor,
      owner,
      {
        name: row.name,
        mode: row.mode,
        scopes: row.scopes as Scope[],
        expires_at: old.expires_at ?? undefined,
      },
      { liveKeysAllowed: policy.liveKeysAllowed || row.mode === 'test' },
    );
    const graceEnd = new Date(Date.now() + graceSeconds * 1000);
    const oldEnd =
      row.expires_at && new Date(row.expires_at) < graceEnd ? new Date(row.expires_at) : graceEnd;
    await store.markReplaced(tx, id, successor.id, oldEnd);
    await writeAudit(tx, {
      actor,
      merchantId: owner,
      action: 'api_key.rotated',
      entityType: 'api_key',
      entityId: id,
      oldValues: old,
      newValues: { replaced_by: successor.id, expires_at: oldEnd.toISOString() },
    });
    return { ...successor, replaces: { id, expires_at: oldEnd.toISOString() } };
  });
}

/**
 * Turns a presented secret into an AuthContext, or an AppError saying exactly what is wrong with it.
 * Every candidate row with the prefix is compared in constant time.
 */
export async function authenticateSecret(db: Queryable, presented: string): Promise<AuthContext> {
  const prefix = prefixOf(presented);
  const rows = prefix ? await store.findKeysByPrefix(db, prefix) : [];
  const row = rows.find((candidate) => secretMatches(presented, candidate.secret_hash));
  if (!row) {
    throw new AppError(401, 'invalid_api_key', 'The API key is not valid. Check it, or create a new one.');
  }
  const key = presentKey(row);
  if (key.status === 'revoked')
    throw new AppError(401, 'api_key_revoked', `API key ${key.prefix}… was revoked.`);
  if (key.status === 'expired')
    throw new AppError(401, 'api_key_expired', `API key ${key.prefix}… has expired.`);
  if (row.merchant_id !== null && row.merchant_status !== 'active') {
    throw new AppError(
      403,
      'merchant_inactive',
      `Merchant ${row.merchant_id} is ${row.merchant_status ?? 'missing'}; its keys are disabled.`,
    );
  }
  // Last use is recorded at most once a minute: most requests skip the write altogether.
  if (row.last_used_at === null || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await store.touchLastUsed(db, row.id);
  }
  return { keyId: row.id, merchantId: row.merchant_id, mode: row.mode, scopes: row.scopes };
}
