import type { AuthContext } from '../auth/context.js';
import { AppError } from '../platform/errors.js';
import { hasScopes, MERCHANT_SCOPES, type Scope } from './scopes.js';
import type { KeyMode } from './secrets.js';
import type { KeyOwner } from './store.js';

/**
 * Who hands out or manages a key: the calling key (its mode, scopes, expiry and whether it was rotated), or
 * null for an operator working on the database directly.
 */
export type Grantor = Pick<AuthContext, 'mode' | 'scopes' | 'expiresAt' | 'superseded'> | null;

/** A key as far as authority goes: its mode, its scopes and when it stops working. */
export interface KeyAuthority {
  mode: KeyMode;
  scopes: readonly string[];
  expiresAt: Date | null;
}

export interface KeyPolicy {
  /** Live keys move real money; a sandbox server refuses to issue them. */
  liveKeysAllowed: boolean;
}

/** The scopes a new key gets: platform keys are admin; merchant keys what was asked, or all but admin. */
export const scopesFor = (owner: KeyOwner, requested: readonly Scope[] | undefined): Scope[] =>
  owner.merchantId === null ? ['admin'] : [...(requested ?? MERCHANT_SCOPES)];

/** The mode a create request asks for: the one named, or the caller's own. */
export const requestedMode = (input: { mode?: KeyMode | undefined }, grantor: Grantor): KeyMode =>
  input.mode ?? grantor?.mode ?? 'test';

/**
 * To revoke, rotate or create a key, the caller must be a current key (not one already rotated and living out
 * its grace period) of the same mode, holding every scope of that key (admin keys hold every scope).
 */
export function assertMayManage(grantor: Grantor, target: Pick<KeyAuthority, 'mode' | 'scopes'>): void {
  if (grantor === null) return;
  if (grantor.superseded) {
    throw new AppError(403, 'key_superseded', 'This key was rotated: manage keys with its successor.');
  }
  if (grantor.mode !== target.mode) {
    throw new AppError(
      403,
      'mode_mismatch',
      `A ${grantor.mode} key cannot act on ${target.mode} keys: test and live are separate; use a ${target.mode} key.`,
    );
  }
  if (!hasScopes(grantor.scopes, target.scopes)) {
    throw new AppError(403, 'insufficient_scope', 'A key can only manage keys whose scopes it holds itself.');
  }
}

/**
 * Authority never grows: beyond what `assertMayManage` asks, a key made (or renewed by rotation) never
 * outlives the key that made it. Checked by the route guard before an idempotent replay is served, and again
 * inside the write.
 */
export function assertMayGrant(grantor: Grantor, target: KeyAuthority): void {
  assertMayManage(grantor, target);
  const limit = grantor?.expiresAt ?? null;
  if (limit !== null && (target.expiresAt === null || target.expiresAt > limit)) {
    throw new AppError(
      403,
      'expiry_not_allowed',
      `A key cannot make or renew a key that outlives it: this key expires at ${limit.toISOString()}. Ask for an earlier expires_at, or use a key that does not expire.`,
    );
  }
}

/** The expiry a new key gets: the one asked for, or, from an expiring creator, the creator's own. */
export const expiryFor = (requested: string | undefined, grantor: Grantor): Date | null =>
  requested !== undefined ? new Date(requested) : (grantor?.expiresAt ?? null);

/** Live keys move real money: a sandbox server refuses to issue them. */
export function assertModeAvailable(mode: KeyMode, policy: KeyPolicy): void {
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
}
