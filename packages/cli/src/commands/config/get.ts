import { Argument, type Command } from 'commander';
import type { App } from '../../app.js';
import { readConfig, SETTING_NAMES } from '../../config/file.js';
import { CliError } from '../../errors.js';
import { type GlobalOptions, profileName, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, writeJson } from '../../output/write.js';
import { displayValue, parseSettingName } from './setting.js';

export interface ConfigGetOptions extends GlobalOptions {
  name: string;
}

const ENV_OVERRIDES = { api_key: 'MOLAM_API_KEY', base_url: 'MOLAM_BASE_URL' } as const;

/** Prints the stored value (keys masked); exits 1 when it is not set, like `git config`. */
export async function run(options: ConfigGetOptions, io: IO): Promise<void> {
  const name = parseSettingName(options.name);
  const profile = profileName(options, io);
  const stored = (await readConfig(io)).profiles[profile]?.[name];
  const override = ENV_OVERRIDES[name];
  if (io.env[override] && !options.json)
    note(io, `Note: ${override} is set and takes precedence over this value.`);
  if (stored === undefined) {
    throw new CliError(`${name} is not set in profile "${profile}".`, { code: 'setting_not_set' });
  }
  const value = displayValue(name, stored);
  if (options.json) writeJson(io, { profile, name, value });
  else io.stdout.write(`${value}\n`);
}

export function register(parent: Command, app: App): void {
  parent
    .command('get')
    .description('Print a setting of the profile (api_key masked)')
    .addArgument(new Argument('<name>', 'api_key or base_url').choices(SETTING_NAMES))
    .action((name: string, _flags: object, command: Command) =>
      run({ ...readGlobals(command), name }, app.io),
    );
}
