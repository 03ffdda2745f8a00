import type { Queryable } from '../platform/db/index.js';
import type { ProviderName } from './providers/types.js';

export type CurrencyRouting = Record<string, ProviderName[]>;

export async function findRouting(
  db: Queryable,
  merchantId: string,
): Promise<{ currencies: CurrencyRouting; updated_at: Date } | undefined> {
  const { rows } = await db.query<{ currencies: CurrencyRouting; updated_at: Date }>(
    'SELECT currencies, updated_at FROM merchant_routing WHERE merchant_id = $1',
    [merchantId],
  );
  return rows[0];
}

export async function saveRouting(
  tx: Queryable,
  merchantId: string,
  currencies: CurrencyRouting,
): Promise<Date> {
  const { rows } = await tx.query<{ updated_at: Date }>(
    `INSERT INTO merchant_routing (merchant_id, currencies) VALUES ($1, $2)
     ON CONFLICT (merchant_id) DO UPDATE SET currencies = EXCLUDED.currencies, updated_at = now()
     RETURNING updated_at`,
    [merchantId, JSON.stringify(currencies)],
  );
  return rows[0]!.updated_at;
}
