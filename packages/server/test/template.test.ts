import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/index.js';
import { usableTemplate } from '../src/platform/db/template.js';
import { defaultMigrationsDir } from '../src/platform/migrations/files.js';
import { migrateUp, migrationStatus } from '../src/platform/migrations/index.js';

// New embedded databases start from the migrated template `pnpm build` ships, only when it matches the
// migration files exactly; an existing folder is never replaced.

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database template', () => {
  it('is built and matches the migration files', () => {
    expect(usableTemplate()).toBeInstanceOf(Blob);
  });

  it('gives a new folder every migration, applied with the files’ checksums, without running them', async () => {
    const db = await openDatabase({ dataDir: join(tempDir('molam-tpl-'), 'data'), fromTemplate: true });
    try {
      const status = await migrationStatus(db);
      expect(status.length).toBeGreaterThan(10);
      expect(status.every((migration) => migration.applied && migration.checksumMatches)).toBe(true);
      expect((await migrateUp(db)).applied).toEqual([]);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM merchants');
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('is not used once a migration file differs from the one it was made with', () => {
    const migrations = tempDir('molam-migrations-');
    cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    const last = readdirSync(migrations).sort().at(-1) ?? '';
    writeFileSync(join(migrations, last), '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n');
    expect(usableTemplate(migrations)).toBeUndefined();
  });

  it('never replaces an existing database', async () => {
    expect(usableTemplate()).toBeInstanceOf(Blob);
    const dataDir = join(tempDir('molam-existing-'), 'data');
    const first = await openDatabase({ dataDir });
    await first.exec('CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$mine$$);');
    await first.close();
    const again = await openDatabase({ dataDir, fromTemplate: true });
    try {
      const { rows } = await again.query<{ value: string }>('SELECT value FROM kept');
      expect(rows).toEqual([{ value: 'mine' }]);
    } finally {
      await again.close();
    }
  });
});
