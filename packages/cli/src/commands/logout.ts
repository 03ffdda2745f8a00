import type { Command } from 'commander';
import type { App } from '../app.js';
import { readConfig, updateProfile } from '../config/file.js';
import { resolveSettings } from '../config/settings.js';
import type { Deps } from '../deps.js';
import { type GlobalOptions, profileName, readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { note, success, writeJson } from '../output/write.js';

/** A Molam ID user token (a JWT), as opposed to an API key (`mk_…`). */
const isUserToken = (credential: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(credential);

/**
 * Forgets the profile's key locally; the key itself stays valid until revoked with `molam keys revoke`. A user
 * token is revoked on the server first: it is the user's session, and logging out ends it.
 */
export async function run(options: GlobalOptions, io: IO, deps: Pick<Deps, 'createClient'>): Promise<void> {
  const profile = profileName(options, io);
  const credential = (await readConfig(io)).profiles[profile]?.api_key;
  const hadKey = credential !== undefined;
  let revoked = false;
  if (credential !== undefined && isUserToken(credential)) {
    const { baseUrl } = await resolveSettings(options, io);
    await (await deps.createClient({ apiKey: credential, baseUrl })).auth.logout();
    revoked = true;
  }
  if (hadKey) {
    await updateProfile(io, profile, ({ api_key: _removed, ...rest }) => rest);
  }
  if (options.json) writeJson(io, { profile, logged_out: hadKey, token_revoked: revoked });
  else if (revoked) success(io, `Revoked the user token of profile "${profile}" and removed it.`);
  else if (hadKey) success(io, `Removed the API key of profile "${profile}".`);
  else note(io, `Profile "${profile}" has no API key; nothing to do.`);
  if (io.env.MOLAM_API_KEY && !options.json)
    note(io, 'Note: MOLAM_API_KEY is still set in this environment.');
}

export function register(program: Command, app: App): void {
  program
    .command('logout')
    .description(
      'Remove the API key from the profile (the key stays valid; revoke it to disable it); a user token is revoked',
    )
    .action((_flags: object, command: Command) => run(readGlobals(command), app.io, app.deps));
}
