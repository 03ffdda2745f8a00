import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/platform/db/index.js';
import { migrateDown } from '../../src/platform/migrations/index.js';

export interface TestDatabase {
  /** Options for `startServer` / `openDatabase`. */
  options: { databaseUrl?: string; dataDir: 'memory://' };
  drop(): Promise<void>;
}

/** Set by `pnpm test:pg`: run the same suite against a real PostgreSQL server. */
export const realPostgresUrl = process.env.MOLAM_TEST_DATABASE_URL || undefined;

/**
 * A database of its own for each caller: a fresh PostgreSQL database when the suite runs on real PostgreSQL,
 * otherwise an in-memory embedded one.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!realPostgresUrl) return { options: { dataDir: 'memory://' }, drop: async () => {} };
  const name = `molam_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: realPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(realPostgresUrl);
  url.pathname = `/${name}`;
  return {
    // The data dir only holds sandbox credentials here: keep them in memory too.
    options: { databaseUrl: url.toString(), dataDir: 'memory://' },
    async drop() {
      const client = new pg.Client({ connectionString: realPostgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Reverts migrations, newest first, up to and including the one whose file name starts with `prefix`. */
export async function revertThrough(db: Database, prefix: string): Promise<void> {
  for (;;) {
    const { reverted } = await migrateDown(db);
    if (reverted === null) throw new Error(`No migration ${prefix}… to revert.`);
    if (reverted.startsWith(prefix)) return;
  }
}
