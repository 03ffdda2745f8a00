import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { usableTemplate } from './template.js';
import type { Database } from './types.js';

export {
  currentTemplateManifest,
  templateArchivePath,
  templateManifestPath,
  usableTemplate,
} from './template.js';
export type { Database, PoolStats, Queryable, QueryOptions, QueryResult } from './types.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** The embedded database's folder, or `memory://`. Default `./.molam/data`. */
  dataDir?: string | undefined;
  poolMax?: number | undefined;
  /** A new embedded database starts from the shipped, migrated template when it matches (servers do). */
  fromTemplate?: boolean | undefined;
}

export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 20);
  return openPglite(
    options.dataDir ?? './.molam/data',
    options.fromTemplate ? () => usableTemplate() : undefined,
  );
}
