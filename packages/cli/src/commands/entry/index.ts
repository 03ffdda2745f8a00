import type { Command } from 'commander';
import type { PayEntry, PayEntryUpdateParams } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, orDash, writeJson, writeRecord } from '../../output/write.js';
import { collectList } from '../shared/parse.js';

export interface EntrySetOptions extends GlobalOptions {
  /** A module, or false for `--no-preferred` (none). */
  preferred?: string | false | undefined;
  modules?: string[] | undefined;
  autoRedirect?: boolean | undefined;
  used?: string | undefined;
}

const SOURCES: Record<PayEntry['preferred_module_source'], string> = {
  preference: 'the user’s preference',
  sira: 'SIRA’s hint',
  fallback: 'the most used module (SIRA gave no answer in time)',
};

function show(io: IO, entry: PayEntry): void {
  writeRecord(io, [
    ['User', entry.user_id],
    ['Opens', `${orDash(entry.preferred_module)} (chosen by ${SOURCES[entry.preferred_module_source]})`],
    ['Modules', entry.modules_enabled.join(', ') || '-'],
    ['Auto-redirect', entry.auto_redirect ? 'on (SIRA may choose)' : 'off'],
    ['Last used', orDash(entry.last_module_used)],
    ['Country', orDash(entry.country)],
    ['Currency', orDash(entry.currency)],
    ['Language', orDash(entry.lang)],
    ['Updated', entry.updated_at],
  ]);
}

export async function runGet(
  options: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const entry = await client.payEntry.get();
  if (options.json) return writeJson(io, entry);
  show(io, entry);
}

export async function runSet(
  options: EntrySetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const changes: PayEntryUpdateParams = {
    ...(options.preferred === undefined ? {} : { preferred_module: options.preferred || null }),
    ...(options.modules === undefined ? {} : { modules_enabled: [...new Set(options.modules)] }),
    ...(options.autoRedirect === undefined ? {} : { auto_redirect: options.autoRedirect }),
    ...(options.used === undefined ? {} : { last_module_used: options.used }),
  };
  if (Object.keys(changes).length === 0) {
    throw new UsageError('Nothing to change: give --preferred, --modules, --auto-redirect or --used.');
  }
  const { client } = await connect(options, io, deps);
  const entry = await client.payEntry.update(changes);
  if (options.json) return writeJson(io, entry);
  show(io, entry);
  note(io, 'Saved; the change is in the user’s audit trail.');
}

export function register(program: Command, app: App): void {
  const entry = program
    .command('entry')
    .description(
      'A Molam ID user’s pay entry preferences (log in with a user token: molam login --dev-user)',
    );
  entry
    .command('get')
    .description('Show the preferences and the module the apps open first')
    .action((_flags: object, cmd: Command) => runGet(readGlobals(cmd), app.io, app.deps));
  entry
    .command('set')
    .description('Change the preferences (only the flags given)')
    .option('--preferred <module>', 'the module to open first')
    .option('--no-preferred', 'no preferred module')
    .option('--modules <modules>', 'the enabled modules, comma-separated or repeated', collectList)
    .option('--auto-redirect', 'let SIRA choose the module to open')
    .option('--no-auto-redirect', 'open the preferred module, without SIRA')
    .option('--used <module>', 'report the module the user just opened')
    .action((flags: Omit<EntrySetOptions, keyof GlobalOptions>, cmd: Command) =>
      runSet({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
