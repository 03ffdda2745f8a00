import type { Command } from 'commander';
import type { App } from '../app.js';
import { readConfig, updateProfile } from '../config/file.js';
import { type GlobalOptions, profileName, readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { note, success, writeJson } from '../output/write.js';

/** Forgets the profile's key locally; the key itself stays valid until revoked with `molam keys revoke`. */
export async function run(options: GlobalOptions, io: IO): Promise<void> {
  const profile = profileName(options, io);
  const hadKey = (await readConfig(io)).profiles[profile]?.api_key !== undefined;
  if (hadKey) {
    await updateProfile(io, profile, ({ api_key: _removed, ...rest }) => rest);
  }
  if (options.json) writeJson(io, { profile, logged_out: hadKey });
  else if (hadKey) success(io, `Removed the API key of profile "${profile}".`);
  else note(io, `Profile "${profile}" has no API key; nothing to do.`);
  if (io.env.MOLAM_API_KEY && !options.json)
    note(io, 'Note: MOLAM_API_KEY is still set in this environment.');
}

export function register(program: Command, app: App): void {
  program
    .command('logout')
    .description('Remove the API key from the profile (the key stays valid; revoke it to disable it)')
    .action((_flags: object, command: Command) => run(readGlobals(command), app.io));
}
