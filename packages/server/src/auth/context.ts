import type { Actor } from '../audit/audit.js';
import type { UserToken } from '../identity/tokens.js';
import type { KeyMode } from '../keys/secrets.js';
import { AppError } from '../platform/errors.js';

/** Who is calling: the authenticated API key (or Molam ID user token) and what it may do. */
export interface AuthContext {
  /** The key's id, or `user:<sub>` for a user token: rate limits and the audit trail name the caller by it. */
  keyId: string;
  /** null for platform (admin) keys. */
  merchantId: string | null;
  mode: KeyMode;
  scopes: string[];
  /** When the key stops working; keys it makes never outlive it. */
  expiresAt: Date | null;
  /** Rotated, and living out its grace period: it may still call the API, but not manage keys. */
  superseded: boolean;
  /** The Molam ID user of a user token; null for an API key. */
  user: UserToken | null;
  /** A user token's merchant when it is not active (`suspended`, `closed`, `missing`): no operation with scopes. */
  merchantInactive: string | null;
}

/**
 * One merchant's data in one mode. Test and live are separate worlds, like two tenants: every store function
 * that reads or writes a merchant's rows takes a Tenant, so no query can forget the mode.
 */
export interface Tenant {
  merchantId: string;
  mode: KeyMode;
}

/** Everything a service needs to know about the request it serves, without Express types. */
export interface RequestContext {
  auth: AuthContext;
  actor: Actor;
}

/** The caller's own merchant in the caller's mode; admin keys act for no merchant (403). */
export function tenantOf(ctx: RequestContext | AuthContext, what = 'This resource belongs'): Tenant {
  const auth = 'auth' in ctx ? ctx.auth : ctx;
  if (auth.merchantId === null) {
    throw new AppError(403, 'merchant_key_required', `${what} to a merchant: use a merchant API key.`);
  }
  return { merchantId: auth.merchantId, mode: auth.mode };
}
