import type { Queryable } from '../platform/db/index.js';

const LOCK_KEY = "hashtextextended('molam:analytics:' || k, 0)";

/**
 * One lock per merchant and mode, held to the end of the transaction, taken in a fixed order. The aggregator
 * and a rebuild of a merchant's customers take it alone; a rebuild of one month shares it (months of one
 * merchant are rebuilt side by side) and takes that month's own lock alone. So a batch with events of a merchant
 * being rebuilt waits for the rebuild, and nothing is counted twice or lost.
 */
export async function lockTenants(tx: Queryable, tenants: Iterable<string>): Promise<void> {
  const keys = [...new Set(tenants)].sort();
  await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY}) FROM unnest($1::text[]) k`, [keys]);
}

/** The merchant's lock shared, then the lock of one of its months alone (see `lockTenants`). */
export async function lockTenantMonth(tx: Queryable, tenant: string, month: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY}) FROM (SELECT $1::text AS k) tenant`, [
    tenant,
  ]);
  await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY}) FROM (SELECT $1::text AS k) month`, [
    `${tenant}:${month}`,
  ]);
}

export const tenantKey = (merchantId: string, mode: string): string => `${merchantId}:${mode}`;
