import type { Command } from 'commander';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, success, writeJson } from '../../output/write.js';

export interface MigrateUpOptions extends GlobalOptions, DatabaseFlags {}

export async function run(options: MigrateUpOptions, io: IO, deps: Pick<Deps, 'loadServer'>): Promise<void> {
  const target = databaseTarget(options, io);
  const { database, applied } = await withDatabase(
    target,
    deps,
    async (server, db) => {
      if (!options.json) note(io, `Migrating ${db.description} …`);
      return { database: db.description, ...(await server.migrateUp(db)) };
    },
    { create: true },
  );
  if (options.json) {
    writeJson(io, { database, applied });
    return;
  }
  for (const name of applied) success(io, `Applied ${name}`);
  note(io, applied.length === 0 ? 'Already up to date.' : `${applied.length} migration(s) applied.`);
}

export function register(parent: Command, app: App): void {
  const command = parent.command('up').description('Apply every pending migration, in order');
  addDatabaseFlags(command).action((flags: DatabaseFlags, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
