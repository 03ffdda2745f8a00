import { Argument, type Command } from 'commander';
import type { App } from '../../app.js';
import { SETTING_NAMES, updateProfile } from '../../config/file.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, parseBaseUrl, profileName, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success, writeJson } from '../../output/write.js';
import { valueOrAsk } from '../../prompt.js';
import { readSecret } from '../../secret-input.js';
import { displayValue, parseSettingName } from './setting.js';

export interface ConfigSetOptions extends GlobalOptions {
  name: string;
  value: string | undefined;
}

export async function run(options: ConfigSetOptions, io: IO, deps: Pick<Deps, 'prompter'>): Promise<void> {
  const name = parseSettingName(options.name);
  const profile = profileName(options, io);
  let value: string;
  if (name === 'api_key') {
    if (options.value !== undefined) {
      throw new UsageError(
        'An API key on the command line ends up in shell history and the process list. Pipe it on standard input ("molam config set api_key < key.txt") or run "molam login".',
        'secret_in_arguments',
      );
    }
    value = await readSecret(io, deps, 'API key');
  } else {
    const answer = await valueOrAsk(options.value, { flag: '<value>', message: 'Base URL:' }, io, deps);
    value = parseBaseUrl(answer, 'base_url');
  }
  const path = await updateProfile(io, profile, (stored) => ({ ...stored, [name]: value }));
  if (options.json) writeJson(io, { profile, name, value: displayValue(name, value) });
  else success(io, `Set ${name} of profile "${profile}" (${path}).`);
}

export function register(parent: Command, app: App): void {
  parent
    .command('set')
    .description('Set a setting of the profile: api_key (read from stdin or a prompt) or base_url')
    .addArgument(new Argument('<name>', 'api_key or base_url').choices(SETTING_NAMES))
    .argument('[value]', 'the value; api_key is never accepted here')
    .action((name: string, value: string | undefined, _flags: object, command: Command) =>
      run({ ...readGlobals(command), name, value }, app.io, app.deps),
    );
}
