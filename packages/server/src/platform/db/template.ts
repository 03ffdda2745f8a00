import { createHash } from 'node:crypto';
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
  /** Bumped when the way templates are made or migrations recorded changes. */
  format: 1;
  pglite: string;
  migrations: { file: string; checksum: string }[];
}

/** The manifest written beside an archive: the archive's own checksum too, so a partial file is never used. */
export interface ShippedManifest extends TemplateManifest {
  archiveSha256: string;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const folder = () => join(packageRoot(), 'template');
export const templateArchivePath = () => join(folder(), 'pgdata.tar.gz');
export const templateManifestPath = () => join(folder(), 'manifest.json');

/** The PGlite version installed beside this package. */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!(existsSync(join(dir, 'package.json')) && dir.endsWith('pglite'))) {
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template made now would be: the PGlite version and every migration file's checksum. */
export function currentTemplateManifest(migrationsDir?: string): TemplateManifest {
  return {
    format: 1,
    pglite: pgliteVersion(),
    migrations: readMigrationFiles(migrationsDir).map((migration) => ({
      file: `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`,
      checksum: migration.checksum,
    })),
  };
}

/** The template's archive when it is whole and matches what this server would build, else undefined. */
export function usableTemplate(migrationsDir?: string): Blob | undefined {
  if (!existsSync(templateArchivePath()) || !existsSync(templateManifestPath())) return undefined;
  let shipped: ShippedManifest;
  try {
    shipped = JSON.parse(readFileSync(templateManifestPath(), 'utf8')) as ShippedManifest;
  } catch {
    return undefined;
  }
  const { archiveSha256, ...made } = shipped;
  if (JSON.stringify(made) !== JSON.stringify(currentTemplateManifest(migrationsDir))) return undefined;
  const archive = readFileSync(templateArchivePath());
  return sha256(archive) === archiveSha256 ? new Blob([archive]) : undefined;
}
