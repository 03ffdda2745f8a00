import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Database, ServerModule } from './api/server.js';
import type { Deps } from './deps.js';
import { CliError, UsageError } from './errors.js';
import type { IO } from './io.js';

export interface DatabaseFlags {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string };

export const DEFAULT_DATA_DIR = './.molam/data';

export function addDatabaseFlags(command: Command): Command {
  return command
    .option(
      '--database-url <url>',
      'PostgreSQL URL (prefer the DATABASE_URL variable: flags are visible in ps)',
    )
    .option(
      '--data-dir <dir>',
      `embedded database folder, or memory:// (env MOLAM_DATA_DIR; default ${DEFAULT_DATA_DIR})`,
    );
}

/** Flags first, then DATABASE_URL, then the embedded database in MOLAM_DATA_DIR or ./.molam/data. */
export function databaseTarget(flags: DatabaseFlags, io: IO): DatabaseTarget {
  if (flags.databaseUrl && flags.dataDir) throw new UsageError('Use --database-url or --data-dir, not both.');
  const url = flags.databaseUrl ?? (flags.dataDir ? undefined : io.env.DATABASE_URL || undefined);
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new UsageError('The database URL must start with postgres:// or postgresql://.');
    }
    return { databaseUrl: url };
  }
  return { dataDir: flags.dataDir ?? (io.env.MOLAM_DATA_DIR || DEFAULT_DATA_DIR) };
}

/**
 * Opens the database with the server's own code (loaded only now), runs `work`, always closes it.
 * Opening a missing embedded folder would create an empty database, so only `create: true` may do that.
 */
export async function withDatabase<T>(
  target: DatabaseTarget,
  deps: Pick<Deps, 'loadServer'>,
  work: (server: ServerModule, db: Database) => Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  if (
    'dataDir' in target &&
    !options.create &&
    target.dataDir !== 'memory://' &&
    !existsSync(target.dataDir)
  ) {
    throw new CliError(
      `No database in ${target.dataDir}. Create it with "molam migrate up", or point --data-dir or --database-url at yours.`,
      { code: 'database_not_found' },
    );
  }
  const server = await deps.loadServer();
  const db = await server.openDatabase(target);
  try {
    return await work(server, db);
  } finally {
    await db.close();
  }
}
