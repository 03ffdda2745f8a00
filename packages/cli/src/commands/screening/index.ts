import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { CliError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, success, writeJson } from '../../output/write.js';

export interface ScreeningOptions extends GlobalOptions, DatabaseFlags {
  source?: string | undefined;
}

/** OFAC's SDN.CSV split into fields: no header row, quoted fields, `-0-` for empty ones. */
async function readSdnFile(path: string): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch {
    throw new CliError(`Cannot read ${path}.`, { code: 'file_not_found' });
  }
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    throw new CliError(
      `${path} is not a CSV file: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: 'invalid_file',
      },
    );
  }
}

/** Replaces the list from `source` with the file's entries, in one transaction, straight into the database. */
export async function runImport(
  path: string,
  options: ScreeningOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const rows = await readSdnFile(path);
  const source = options.source ?? 'ofac-sdn';
  const result = await withDatabase(databaseTarget(options, io), deps, async (server, db) => {
    const { entries, skipped } = server.parseSdnRows(rows);
    if (entries.length === 0) {
      throw new CliError(`${path} holds no SDN record: is it OFAC's SDN.CSV?`, { code: 'invalid_file' });
    }
    const { imported } = await server.replaceSanctionsList(db, source, entries);
    return { source, imported, skipped };
  });
  if (options.json) return writeJson(io, result);
  success(
    io,
    `Imported ${result.imported} entries as list "${result.source}" (it replaces the previous one).`,
  );
  if (result.skipped.length > 0)
    note(io, `Skipped lines that are not SDN records: ${result.skipped.join(', ')}.`);
}

/** Screens a name; exit 1 when it matches an entry, so scripts can act on it. */
export async function runCheck(
  name: string,
  options: ScreeningOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const matches = await withDatabase(databaseTarget(options, io), deps, (server, db) =>
    server.screenName(db, name),
  );
  if (options.json) writeJson(io, { name, matches });
  else if (matches.length === 0) success(io, `No match for "${name}".`);
  else {
    for (const match of matches) {
      io.stdout.write(`${match.source} ${match.entry_id}  ${match.name}  ${match.programs ?? ''}\n`);
    }
  }
  if (matches.length > 0) {
    throw new CliError(
      `"${name}" matches ${matches.length} sanctions entr${matches.length === 1 ? 'y' : 'ies'}.`,
      {
        code: 'sanctions_match',
      },
    );
  }
}

export function register(program: Command, app: App): void {
  const screening = program
    .command('screening')
    .description('Sanctions lists for transfers (straight in the database)');
  addDatabaseFlags(
    screening
      .command('import <file>')
      .description("Import OFAC's SDN list (SDN.CSV), replacing the previous one")
      .option('--source <name>', 'the list it replaces (default ofac-sdn)'),
  ).action((file: string, flags: Omit<ScreeningOptions, keyof GlobalOptions>, cmd: Command) =>
    runImport(file, { ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  addDatabaseFlags(
    screening
      .command('check <name>')
      .description('Screen a name against the imported lists (exit 1 on a match)'),
  ).action((name: string, flags: Omit<ScreeningOptions, keyof GlobalOptions>, cmd: Command) =>
    runCheck(name, { ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
