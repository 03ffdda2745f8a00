import { LIMITS, type Schemas } from '@molam/contract';
import { type Actor, writeAudit } from '../audit/audit.js';
import type { AuthContext } from '../auth/context.js';
import { emitEvent } from '../events/service.js';
import { getMerchant } from '../merchants/service.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import {
  assertMayGrant,
  assertMayManage,
  assertModeAvailable,
  expiryFor,
  type Grantor,
  type KeyPolicy,
  requestedMode,
  scopesFor,
} from './authority.js';
import type { Scope } from './scopes.js';
import { generateSecret, prefixOf, secretMatches } from './secrets.js';
import type { ApiKeyRow, KeyOwner } from './store.js';
import * as store from './store.js';

export type ApiKey = Schemas['ApiKey'];

/** A key as just created or rotated: its secret is there (only replays of the response redact it). */
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'] & { secret: string };

export type NewKeyInput = Schemas['ApiKeyCreate'];

export const DEFAULT_ROTATION_GRACE_SECONDS = LIMITS.rotationGraceSeconds.default;
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

/**
 * Creates a key for `owner` (a merchant or the platform, in a mode). The grantor may only hand out scopes it
 * holds itself, in its own mode; merchant keys never get `admin`, platform keys always do.
 */
export async function createKey(
  tx: Queryable,
  actor: Actor,
  owner: KeyOwner,
  input: Omit<NewKeyInput, 'mode'>,
  policy: KeyPolicy,
  grantor: Grantor,
): Promise<ApiKeyWithSecret> {
  const { mode } = owner;
  assertModeAvailable(mode, policy);
  const scopes = scopesFor(owner, input.scopes);
  const expiresAt = expiryFor(input.expires_at, grantor);
  if (owner.merchantId !== null && scopes.includes('admin')) {
    throw new AppError(400, 'scope_not_allowed', 'Merchant keys cannot hold the admin scope.', {
      errors: [
        { field: 'body.scopes', message: 'admin is for platform keys only', code: 'scope_not_allowed' },
      ],
    });
  }
  assertMayGrant(grantor, { mode, scopes, expiresAt });
  if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
    throw new AppError(400, 'validation_failed', 'expires_at must be in the future.', {
      errors: [{ field: 'body.expires_at', message: 'must be in the future', code: 'in_the_past' }],
    });
  }
  const generated = generateSecret(mode);
  const row = await store.insertKey(tx, {
    id: newId('key'),
    merchant_id: owner.merchantId,
    name: input.name,
    mode,
    prefix: generated.prefix,
    secret_hash: generated.hash,
    scopes,
    expires_at: expiresAt,
  });
  const key = presentKey(row);
  if (owner.merchantId !== null) {
    await emitEvent(tx, {
      tenant: { merchantId: owner.merchantId, mode },
      type: 'api_key.created',
      object: key,
    });
  }
  await writeAudit(tx, {
    actor,
    merchantId: owner.merchantId,
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
  grantor: Grantor,
  merchantId: string,
  input: NewKeyInput,
  policy: KeyPolicy,
): Promise<ApiKeyWithSecret> {
  return db.transaction(async (tx) => {
    await getMerchant(tx, merchantId, null); // 404 for an unknown merchant
    const owner = { merchantId, mode: requestedMode(input, grantor) };
    return createKey(tx, actor, owner, input, policy, grantor);
  });
}

export async function listKeys(
  db: Queryable,
  owner: KeyOwner,
  page: PageRequest,
): Promise<Schemas['ApiKeyList']> {
  const rows = await store.listOwnedKeys(db, owner, page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, (row) => presentKey(row));
}

export async function getKey(db: Queryable, owner: KeyOwner, id: string): Promise<ApiKey> {
  const row = await store.findOwnedKey(db, owner, id);
  if (!row) throw notFound('API key', id);
  return presentKey(row);
}

/** Revoking a revoked key answers it unchanged, so a retried revoke is harmless. */
export async function revokeKey(
  db: Database,
  actor: Actor,
  grantor: Grantor,
  owner: KeyOwner,
  id: string,
): Promise<ApiKey> {
  return db.transaction(async (tx) => {
    const row = await store.findOwnedKey(tx, owner, id, true);
    if (!row) throw notFound('API key', id);
    assertMayManage(grantor, row);
    if (row.revoked_at) return presentKey(row);
    const revoked = presentKey(await store.markRevoked(tx, id));
    if (owner.merchantId !== null) {
      const tenant = { merchantId: owner.merchantId, mode: row.mode };
      await emitEvent(tx, { tenant, type: 'api_key.revoked', object: revoked });
    }
    await writeAudit(tx, {
      actor,
      merchantId: owner.merchantId,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      oldValues: presentKey(row),
      newValues: revoked,
    });
    return revoked;
  });
}

/** The key a revocation or rotation acts on, for the guard that checks the caller may manage it. */
export async function ownedKey(db: Queryable, owner: KeyOwner, id: string): Promise<ApiKeyRow> {
  const row = await store.findOwnedKey(db, owner, id);
  if (!row) throw notFound('API key', id);
  return row;
}

/**
 * Issues a successor with the same name, mode and scopes. The old key keeps working for the grace period
 * (never longer than it would have anyway), so a deployment can roll over without a failed request. A key
 * already rotated cannot be rotated again: each key has at most one successor.
 */
export async function rotateKey(
  db: Database,
  actor: Actor,
  grantor: Grantor,
  owner: KeyOwner,
  id: string,
  graceSeconds: number,
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
    if (row.replaced_by !== null) {
      throw new AppError(
        409,
        'key_superseded',
        `API key ${id} was already rotated (its successor is ${row.replaced_by}); rotate that key instead.`,
      );
    }
    // The successor is the same key renewed: same scopes, same end, which must not outlive the caller.
    assertMayGrant(grantor, { mode: row.mode, scopes: row.scopes, expiresAt: row.expires_at });
    const successor = await createKey(
      tx,
      actor,
      owner,
      { name: row.name, scopes: row.scopes as Scope[], expires_at: old.expires_at ?? undefined },
      // The old key's mode was allowed when it was made; its successor is the same key renewed.
      { liveKeysAllowed: true },
      grantor,
    );
    const graceEnd = new Date(Date.now() + graceSeconds * 1000);
    const oldEnd =
      row.expires_at && new Date(row.expires_at) < graceEnd ? new Date(row.expires_at) : graceEnd;
    await store.markReplaced(tx, id, successor.id, oldEnd);
    await writeAudit(tx, {
      actor,
      merchantId: owner.merchantId,
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
  return {
    keyId: row.id,
    merchantId: row.merchant_id,
    mode: row.mode,
    scopes: row.scopes,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    superseded: row.replaced_by !== null,
    user: null,
    merchantInactive: null,
  };
}
