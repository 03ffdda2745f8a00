import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readMigrationFiles } from '../migrations/files.js';
import { packageRoot } from '../package-root.js';

/**
 * A new embedded database starts from a template: a data folder made by `pnpm build` with every migration
 * applied, shipped in the package, instead of running initdb and the migrations (seconds) at first start.
 * It is used only when it matches the PGlite version and the migration files exactly; otherwise the folder is
 * made the slow way, so a stale template can never hold a schema the files do not describe.
 */

export interface TemplateManifest {
  pglite: string;
  migrations: { file: string; checksum: string }[];
}

const folder = () => join(packageRoot(), 'template');
export const templateArchivePath = () => join(folder(), 'pgdata.tar.gz');
export const templateManifestPath = () => join(folder(), 'manifest.json');

/** The PGlite version installed beside this package. */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith('pglite')) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template made now would be: the PGlite version and every migration file's checksum. */
export function currentTemplateManifest(migrationsDir?: string): TemplateManifest {
  return {
    pglite: pgliteVersion(),
    migrations: readMigrationFiles(migrationsDir).map((migration) => ({
      file: `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`,
      checksum: migration.checksum,
    })),
  };
}

/** The template's archive when it matches what this server would build, else undefined. */
export function usableTemplate(migrationsDir?: string): Blob | undefined {
  if (!existsSync(templateArchivePath()) || !existsSync(templateManifestPath())) return undefined;
  const shipped = readFileSync(templateManifestPath(), 'utf8');
  if (shipped !== JSON.stringify(currentTemplateManifest(migrationsDir))) return undefined;
  return new Blob([readFileSync(templateArchivePath())]);
}
