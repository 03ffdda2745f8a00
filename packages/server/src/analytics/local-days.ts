import type { Queryable } from '../platform/db/index.js';

/** The instants the merchant's local days `from`..`to` start and end at. */
export async function instantsOf(tx: Queryable, merchantId: string, from: string, to: string) {
  const { rows } = await tx.query<{ from_at: Date; to_at: Date }>(
    `SELECT ($1::date::timestamp AT TIME ZONE m.time_zone) AS from_at,
            (($2::date + 1)::timestamp AT TIME ZONE m.time_zone) AS to_at
     FROM merchants m WHERE m.id = $3`,
    [from, to, merchantId],
  );
  return rows[0]!;
}
