import { expect } from 'vitest';
import type { Database, Queryable } from '../../src/platform/db/index.js';

/**
 * NOTIFYs counted per channel, for tests that check a write wakes its listeners: `silentSince(before)` names the
 * channels not notified since `before` (a copy of `counts` taken before the write).
 */
export async function countNotifications(db: Database, channels: readonly string[]) {
  const counts = new Map<string, number>();
  const stops = await Promise.all(
    channels.map((channel) => db.listen(channel, () => counts.set(channel, (counts.get(channel) ?? 0) + 1))),
  );
  return {
    counts,
    silentSince: (before: ReadonlyMap<string, number>) =>
      channels.filter((channel) => (counts.get(channel) ?? 0) <= (before.get(channel) ?? 0)),
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}

/** The one row a query must find. */
export async function oneRow<Row>(db: Queryable, sql: string, params: unknown[]): Promise<Row> {
  const { rows } = await db.query<Row>(sql, params);
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
}
