import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeKey } from './render.js';

export interface KeysGetOptions extends GlobalOptions {
  keyId: string;
}

export async function run(options: KeysGetOptions, io: IO, deps: Pick<Deps, 'createClient'>): Promise<void> {
  const { client } = await connect(options, io, deps);
  writeKey(io, options.json, await client.keys.get(options.keyId));
}

export function register(parent: Command, app: App): void {
  parent
    .command('get')
    .description('Show one of your API keys (never its secret)')
    .argument('<key_id>', 'the key id (key_…)')
    .action((keyId: string, _flags: object, cmd: Command) =>
      run({ ...readGlobals(cmd), keyId }, app.io, app.deps),
    );
}
