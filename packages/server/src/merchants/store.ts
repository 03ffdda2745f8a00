import type { MerchantStatus } from '@molam/contract';
import type { Queryable } from '../platform/db/index.js';

export type { MerchantStatus };

export interface MerchantRow {
  id: string;
  name: string;
  email: string | null;
  country: string;
  default_currency: string;
  time_zone: string;
  status: MerchantStatus;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, email, country, default_currency, time_zone, status, created_at, updated_at';

export async function insertMerchant(
  tx: Queryable,
  merchant: Pick<MerchantRow, 'id' | 'name' | 'email' | 'country' | 'default_currency' | 'time_zone'>,
): Promise<MerchantRow> {
  const { rows } = await tx.query<MerchantRow>(
    `INSERT INTO merchants (id, name, email, country, default_currency, time_zone)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [
      merchant.id,
      merchant.name,
      merchant.email,
      merchant.country,
      merchant.default_currency,
      merchant.time_zone,
    ],
  );
  return rows[0]!;
}

export async function findMerchant(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<MerchantRow | undefined> {
  const { rows } = await db.query<MerchantRow>(
    `SELECT ${COLUMNS} FROM merchants WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

/** Newest first. `onlyId` narrows the list to one merchant (what a merchant's own key may see). */
export async function listMerchants(
  db: Queryable,
  options: { limit: number; startingAfter?: string | undefined; onlyId?: string | undefined },
): Promise<MerchantRow[]> {
  const { rows } = await db.query<MerchantRow>(
    `SELECT ${COLUMNS} FROM merchants
     WHERE ($1::text IS NULL OR id < $1) AND ($2::text IS NULL OR id = $2)
     ORDER BY id DESC LIMIT $3`,
    [options.startingAfter ?? null, options.onlyId ?? null, options.limit],
  );
  return rows;
}

export async function updateMerchant(
  tx: Queryable,
  id: string,
  changes: Partial<Pick<MerchantRow, 'name' | 'email' | 'status' | 'time_zone'>>,
): Promise<MerchantRow> {
  const { rows } = await tx.query<MerchantRow>(
    `UPDATE merchants SET
       name = CASE WHEN $2 THEN $3 ELSE name END,
       email = CASE WHEN $4 THEN $5 ELSE email END,
       status = CASE WHEN $6 THEN $7 ELSE status END,
       time_zone = CASE WHEN $8 THEN $9 ELSE time_zone END,
       updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      'name' in changes,
      changes.name ?? null,
      'email' in changes,
      changes.email ?? null,
      'status' in changes,
      changes.status ?? null,
      'time_zone' in changes,
      changes.time_zone ?? null,
    ],
  );
  return rows[0]!;
}
