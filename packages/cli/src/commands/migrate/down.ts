import type { Command } from 'commander';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, success, writeJson } from '../../output/write.js';
import { confirmOrAbort, requireConfirmation } from '../../prompt.js';

export interface MigrateDownOptions extends GlobalOptions, DatabaseFlags {
  yes?: boolean | undefined;
}

/** Reverts the newest applied migration only; asks first, naming it, because its data goes with it. */
export async function run(
  options: MigrateDownOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer' | 'prompter'>,
): Promise<void> {
  const target = databaseTarget(options, io);
  // Fail before opening the database when nobody can confirm.
  requireConfirmation(options.yes === true, 'Reverting a migration needs confirmation.', io);
  const { database, reverted } = await withDatabase(target, deps, async (server, db) => {
    const newest = (await server.migrationStatus(db)).filter((state) => state.applied).at(-1);
    if (!newest) return { database: db.description, reverted: null };
    const question = `Revert migration ${newest.version} (${newest.name}) on ${db.description}? Data it holds is lost.`;
    await confirmOrAbort(options.yes === true, question, io, deps);
    return { database: db.description, ...(await server.migrateDown(db)) };
  });
  if (options.json) writeJson(io, { database, reverted });
  else if (reverted) success(io, `Reverted ${reverted}`);
  else note(io, 'No migration is applied; nothing to revert.');
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('down')
    .description('Revert the newest applied migration (asks first; --yes to skip)')
    .option('-y, --yes', 'do not ask for confirmation');
  addDatabaseFlags(command).action((flags: DatabaseFlags & { yes?: boolean }, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
