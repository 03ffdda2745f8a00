import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { claimDataDir } from './data-dir-lock.js';
import type { Database, Queryable, QueryResult } from './types.js';

interface PgliteLike {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(target: PgliteLike): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      // Like pg: SELECT counts its rows, writes count what they touched.
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * The embedded PostgreSQL: in-process, one connection. `memory://` keeps everything in memory (tests);
 * any other value is a folder that persists across restarts. A new database (in memory, or a folder without
 * one yet) starts from `template` when given: a dumped data folder (see template.ts).
 */
export async function openPglite(dataDir: string, template?: () => Blob | undefined): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(location, { recursive: true });
  const release = inMemory ? () => {} : claimDataDir(location);
  const isNew = inMemory || !existsSync(join(location, 'PG_VERSION'));
  const archive = isNew ? template?.() : undefined;
  const options = archive ? { loadDataDir: archive } : {};
  const opening = inMemory ? PGlite.create(options) : PGlite.create(location, options);
  const db = await opening.catch((error: unknown) => {
    // A new folder that failed to load is emptied (but for our lock), so the next start begins afresh.
    if (archive && !inMemory) {
      for (const entry of readdirSync(location)) {
        if (entry !== 'molam.pid') rmSync(join(location, entry), { recursive: true, force: true });
      }
    }
    release();
    throw error;
  });
  const root = wrap(db);
  return {
    kind: 'pglite',
    description: inMemory ? 'embedded PostgreSQL (in memory)' : `embedded PostgreSQL in ${location}`,
    query: root.query,
    exec: root.exec,
    // PGlite runs one transaction at a time and queues other queries behind it, like a pool of one.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    listen: (channel, onNotify) => db.listen(channel, (payload) => onNotify(payload)),
    close: async () => {
      await db.close();
      release();
    },
  };
}
