import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { AppError } from '../src/platform/errors.js';
import {
  defaultMigrationsDir,
  migrateDown,
  migrateUp,
  migrationStatus,
} from '../src/platform/migrations/index.js';
import { createTestDatabase, realPostgresUrl, type TestDatabase } from './helpers/database.js';

let database: TestDatabase;
let db: Database;
let dir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.options);
  // A private copy of the migrations that a test may edit.
  dir = mkdtempSync(join(tmpdir(), 'molam-migrations-'));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
});
afterEach(async () => {
  await db.close();
  await database.drop();
});

const tableExists = async (name: string) =>
  (await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name])).rows[0]
    ?.found !== null;

describe('migrations', () => {
  it('applies every migration once, reports status, and reverts one step at a time', async () => {
    const names = readdirSync(dir)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    const first = await migrateUp(db, dir);
    expect(first.applied).toEqual(names);
    expect((await migrateUp(db, dir)).applied).toEqual([]);
    expect(await tableExists('merchants')).toBe(true);
    const status = await migrationStatus(db, dir);
    expect(status[0]).toEqual(
      expect.objectContaining({ version: 1, name: 'platform', applied: true, checksumMatches: true }),
    );
    expect(status.every((migration) => migration.applied && migration.checksumMatches)).toBe(true);

    for (const name of [...names].reverse()) expect((await migrateDown(db, dir)).reverted).toBe(name);
    expect(await tableExists('merchants')).toBe(false);
    expect((await migrationStatus(db, dir))[0]).toMatchObject({
      applied: false,
      appliedAt: null,
      checksumMatches: null,
    });
    expect((await migrateDown(db, dir)).reverted).toBeNull();
  });

  it('refuses to run when an applied migration was edited', async () => {
    await migrateUp(db, dir);
    const file = join(dir, '0001_platform.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- a harmless-looking edit\n`);
    const error = await migrateUp(db, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('migration_checksum_mismatch');
    expect((error as AppError).detail).toContain('0001_platform.sql');
    expect((await migrationStatus(db, dir))[0]?.checksumMatches).toBe(false);
    await expect(migrateDown(db, dir)).rejects.toMatchObject({ code: 'migration_checksum_mismatch' });
  });

  it('applies a new migration in its own transaction and rolls a failing one back whole', async () => {
    await migrateUp(db, dir);
    writeFileSync(
      join(dir, `${String(readdirSync(dir).length + 1).padStart(4, '0')}_broken.sql`),
      '-- migrate:up\nCREATE TABLE half_done (id int);\nSELECT no_such_function();\n-- migrate:down\nDROP TABLE half_done;\n',
    );
    await expect(migrateUp(db, dir)).rejects.toThrow();
    expect(await tableExists('half_done')).toBe(false);
    expect((await migrationStatus(db, dir)).at(-1)?.applied).toBe(false);
  });

  it('refuses gaps in the numbering', async () => {
    // One number past the next: whatever the latest migration is.
    const latest = Math.max(...readdirSync(dir).map((name) => Number.parseInt(name, 10)));
    const skipping = `${String(latest + 2).padStart(4, '0')}_skipped.sql`;
    writeFileSync(join(dir, skipping), '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n');
    await expect(migrateUp(db, dir)).rejects.toMatchObject({ code: 'migration_sequence_broken' });
  });

  it.skipIf(!realPostgresUrl)(
    'lets concurrent migrators on real PostgreSQL apply each migration exactly once',
    async () => {
      const others = await Promise.all([1, 2, 3].map(() => openDatabase(database.options)));
      try {
        const results = await Promise.all([db, ...others].map((each) => migrateUp(each, dir)));
        expect(results.flatMap((result) => result.applied).sort()).toEqual(readdirSync(dir).sort());
      } finally {
        await Promise.all(others.map((each) => each.close()));
      }
    },
  );
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await migrateUp(db, dir);
    await db.query(
      "INSERT INTO audit_log (id, actor, action, entity_type, entity_id) VALUES ('aud_1', 'system', 'test', 'thing', 't1')",
    );
    for (const statement of [
      "UPDATE audit_log SET actor = 'forged'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/append-only/);
    }
    expect((await db.query('SELECT actor FROM audit_log')).rows).toEqual([{ actor: 'system' }]);
  });
});
