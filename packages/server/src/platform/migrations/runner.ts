import type { Database, Queryable } from '../db/index.js';
import { AppError } from '../errors.js';
import { file, type MigrationFile, readMigrationFiles } from './files.js';

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 4_242_001;

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date | string;
}

export interface MigrationState {
  version: number;
  name: string;
  applied: boolean;
  appliedAt: string | null;
  /** null when not applied; false when the file changed after it was applied. */
  checksumMatches: boolean | null;
}

async function lockedTransaction<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    return work(tx);
  });
}

async function appliedRows(tx: Queryable): Promise<AppliedRow[]> {
  const { rows } = await tx.query<AppliedRow>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
  );
  return rows;
}

function verifyChecksums(applied: AppliedRow[], files: MigrationFile[]): void {
  for (const row of applied) {
    const onDisk = files.find((candidate) => candidate.version === row.version);
    if (!onDisk) {
      throw new AppError(
        500,
        'migration_missing',
        `Migration ${file(row)} is applied to the database but its file is gone. Restore it, or use the release that has it.`,
      );
    }
    if (onDisk.checksum !== row.checksum) {
      throw new AppError(
        500,
        'migration_checksum_mismatch',
        `Migration ${file(row)} was edited after it was applied (checksum differs). Restore the original file and put the change in a new migration.`,
      );
    }
  }
}

/** Applies every pending migration in order, each in its own transaction under the advisory lock. */
export async function migrateUp(db: Database, dir?: string): Promise<{ applied: string[] }> {
  const files = readMigrationFiles(dir);
  const applied: string[] = [];
  for (const migration of files) {
    const done = await lockedTransaction(db, async (tx) => {
      const rows = await appliedRows(tx);
      verifyChecksums(rows, files);
      if (rows.some((row) => row.version === migration.version)) return false;
      await tx.exec(migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (done) applied.push(file(migration));
  }
  return { applied };
}

/** Reverts the newest applied migration, one step. */
export async function migrateDown(db: Database, dir?: string): Promise<{ reverted: string | null }> {
  const files = readMigrationFiles(dir);
  return lockedTransaction(db, async (tx) => {
    const rows = await appliedRows(tx);
    verifyChecksums(rows, files);
    const newest = rows.at(-1);
    if (!newest) return { reverted: null };
    const migration = files.find((candidate) => candidate.version === newest.version);
    if (!migration) return { reverted: null };
    await tx.exec(migration.down);
    await tx.query('DELETE FROM schema_migrations WHERE version = $1', [migration.version]);
    return { reverted: file(migration) };
  });
}

export async function migrationStatus(db: Database, dir?: string): Promise<MigrationState[]> {
  const files = readMigrationFiles(dir);
  const rows = await lockedTransaction(db, appliedRows);
  return files.map((migration) => {
    const row = rows.find((candidate) => candidate.version === migration.version);
    return {
      version: migration.version,
      name: migration.name,
      applied: row !== undefined,
      appliedAt: row ? new Date(row.applied_at).toISOString() : null,
      checksumMatches: row ? row.checksum === migration.checksum : null,
    };
  });
}
