import { SCOPES, type Scope } from '@molam/contract';

export { SCOPES, type Scope };

/** What a merchant key gets when its creator names no scopes: everything but `admin`. */
export const MERCHANT_SCOPES: Scope[] = SCOPES.filter((scope) => scope !== 'admin');

/** `admin` implies every other scope. */
export const hasScopes = (held: readonly string[], needed: readonly string[]): boolean =>
  held.includes('admin') || needed.every((scope) => held.includes(scope));
