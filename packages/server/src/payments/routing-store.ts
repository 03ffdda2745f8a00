import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import type { ProviderName } from './providers/types.js';

export type CurrencyRouting = Record<string, ProviderName[]>;

/** A merchant's provider preference in one mode: live routing is never changed by a test key. */
export async function findRouting(
  db: Queryable,
  tenant: Tenant,
): Promise<{ currencies: CurrencyRouting; updated_at: Date } | undefined> {
  const { rows } = await db.query<{ currencies: CurrencyRouting; updated_at: Date }>(
    'SELECT currencies, updated_at FROM merchant_routing WHERE merchant_id = $1 AND mode = $2',
    [tenant.merchantId, tenant.mode],
  );
  return rows[0];
}

export async function saveRouting(tx: Queryable, tenant: Tenant, currencies: CurrencyRouting): Promise<Date> {
  const { rows } = await tx.query<{ updated_at: Date }>(
    `INSERT INTO merchant_routing (merchant_id, mode, currencies) VALUES ($1, $2, $3)
     ON CONFLICT (merchant_id, mode) DO UPDATE SET currencies = EXCLUDED.currencies, updated_at = now()
     RETURNING updated_at`,
    [tenant.merchantId, tenant.mode, JSON.stringify(currencies)],
  );
  return rows[0]!.updated_at;
}
