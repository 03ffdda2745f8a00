import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { keyColumns } from './render.js';

export interface KeysListOptions extends GlobalOptions, ListFlags {}

export async function run(options: KeysListOptions, io: IO, deps: Pick<Deps, 'createClient'>): Promise<void> {
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.keys.list(params), options);
  await writeList(io, options.json, page, keyColumns, 'keys');
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('list')
    .description("List your API keys (an admin key lists the platform's admin keys)");
  addListFlags(command).action((flags: ListFlags, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
