import type { Command } from 'commander';
import type { MigrationState } from '../../api/server.js';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeTable } from '../../output/table.js';
import { note, orDash, paint, writeJson } from '../../output/write.js';

export interface MigrateStatusOptions extends GlobalOptions, DatabaseFlags {}

function checksumText(state: MigrationState): string {
  if (state.checksumMatches === null) return '-';
  return state.checksumMatches ? 'ok' : 'CHANGED';
}

export async function run(
  options: MigrateStatusOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const target = databaseTarget(options, io);
  const { database, states } = await withDatabase(target, deps, async (server, db) => ({
    database: db.description,
    states: await server.migrationStatus(db),
  }));
  const pending = states.filter((state) => !state.applied).length;
  const changed = states.filter((state) => state.checksumMatches === false);
  if (options.json) {
    const migrations = states.map((state) => ({
      version: state.version,
      name: state.name,
      applied: state.applied,
      applied_at: state.appliedAt,
      checksum_matches: state.checksumMatches,
    }));
    writeJson(io, { database, pending, migrations });
    return;
  }
  note(io, `Database: ${database}`);
  await writeTable(io, states, [
    { header: 'VERSION', value: (state) => String(state.version) },
    { header: 'NAME', value: (state) => state.name },
    { header: 'APPLIED', value: (state) => (state.applied ? 'yes' : 'no') },
    { header: 'APPLIED AT', value: (state) => orDash(state.appliedAt) },
    { header: 'CHECKSUM', value: checksumText },
  ]);
  note(io, pending === 0 ? 'Up to date.' : `${pending} pending: run "molam migrate up".`);
  for (const state of changed) {
    note(io, paint(io).red(`Migration ${state.version} (${state.name}) was edited after it was applied.`));
  }
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('status')
    .description('Show which migrations are applied, and whether any file changed since');
  addDatabaseFlags(command).action((flags: DatabaseFlags, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
