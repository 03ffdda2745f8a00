import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { packageRoot } from '../package-root.js';

export interface MigrationFile {
  version: number;
  name: string;
  checksum: string;
  up: string;
  down: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const UP_MARKER = /^--\s*migrate:up\s*$/m;
const DOWN_MARKER = /^--\s*migrate:down\s*$/m;

export const defaultMigrationsDir = (): string => join(packageRoot(), 'migrations');

/**
 * Reads `NNNN_name.sql` files. Each holds a `-- migrate:up` section and a `-- migrate:down` section; the
 * checksum covers the whole file so that editing either half of an applied migration is noticed.
 */
export function readMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => parseMigration(file, readFileSync(join(dir, file), 'utf8')));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError(
        500,
        'migration_sequence_broken',
        `Migration ${file(migration)} should be number ${index + 1}: migrations are numbered 0001, 0002, … without gaps.`,
      );
    }
  });
  return migrations;
}

function parseMigration(fileName: string, text: string): MigrationFile {
  const match = FILE_NAME.exec(fileName);
  if (!match) {
    throw new AppError(500, 'migration_invalid', `Migration file ${fileName} must be named NNNN_name.sql.`);
  }
  const upAt = text.search(UP_MARKER);
  const downAt = text.search(DOWN_MARKER);
  if (upAt < 0 || downAt < upAt) {
    throw new AppError(
      500,
      'migration_invalid',
      `Migration ${fileName} needs a "-- migrate:up" section followed by a "-- migrate:down" section.`,
    );
  }
  return {
    version: Number(match[1]),
    name: match[2] ?? '',
    checksum: createHash('sha256').update(text).digest('hex'),
    up: text.slice(upAt, downAt).replace(UP_MARKER, '').trim(),
    down: text.slice(downAt).replace(DOWN_MARKER, '').trim(),
  };
}

export const file = (migration: { version: number; name: string }): string =>
  `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`;
