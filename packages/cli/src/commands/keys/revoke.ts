import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success, writeJson } from '../../output/write.js';
import { confirmOrAbort } from '../../prompt.js';

export interface KeysRevokeOptions extends GlobalOptions {
  keyId: string;
  yes: boolean;
}

export async function run(
  options: KeysRevokeOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  await confirmOrAbort(
    options.yes,
    `Revoke key ${options.keyId}? Every request using it fails from now on.`,
    io,
    deps,
  );
  const key = await client.keys.revoke(options.keyId);
  if (options.json) writeJson(io, key);
  else success(io, `Revoked key ${key.id} (${key.name}).`);
}

export function register(parent: Command, app: App): void {
  parent
    .command('revoke')
    .description('Revoke an API key at once (asks first; --yes to skip)')
    .argument('<key_id>', 'the key id (key_…)')
    .option('-y, --yes', 'do not ask for confirmation')
    .action((keyId: string, flags: { yes?: boolean }, cmd: Command) =>
      run({ ...readGlobals(cmd), keyId, yes: flags.yes === true }, app.io, app.deps),
    );
}
