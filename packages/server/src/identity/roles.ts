import type { Scope, UserRole } from '@molam/contract';

/** What each Molam ID role may do on the merchant of its token. Roles this server does not know grant nothing. */
const ROLE_SCOPES: Record<UserRole, readonly Scope[]> = {
  merchant_viewer: ['payments:read', 'analytics:read', 'transfers:read'],
  merchant_admin: [
    'payments:read',
    'payments:write',
    'analytics:read',
    'webhooks:manage',
    'events:write',
    'transfers:read',
    'transfers:write',
  ],
  // A payer moves their own money: transfers of the customers whose `user_id` is theirs, and nothing else.
  customer: ['transfers:read', 'transfers:write'],
};

export function scopesOfRoles(roles: readonly string[]): Scope[] {
  const scopes = new Set<Scope>();
  for (const role of roles) {
    if (Object.hasOwn(ROLE_SCOPES, role))
      for (const scope of ROLE_SCOPES[role as UserRole]) scopes.add(scope);
  }
  return [...scopes].sort();
}
