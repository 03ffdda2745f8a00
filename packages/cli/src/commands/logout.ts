import type { Command } from 'commander';
import type { App } from '../app.js';
import { readConfig, updateProfile } from '../config/file.js';
import { resolveSettings } from '../config/settings.js';
import type { Deps } from '../deps.js';
import { CliError, ExitCode } from '../errors.js';
import { type GlobalOptions, profileName, readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { note, success, writeJson } from '../output/write.js';

export interface LogoutOptions extends GlobalOptions {
  /** Forget a user token without revoking it (its server is gone). */
  local?: boolean | undefined;
}

/** A Molam ID user token (a JWT), as opposed to an API key (`mk_…`). */
const isUserToken = (credential: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(credential);

/** Codes that mean the server takes the token no more: nothing is left to revoke. */
const ALREADY_DEAD = new Set(['invalid_user_token', 'user_token_revoked']);

type Revocation = 'revoked' | 'already_invalid' | 'skipped' | 'not_a_token';

/** Revokes a user token on its server; a failure keeps the token stored, so the logout can be tried again. */
async function revoke(
  credential: string,
  options: LogoutOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<Revocation> {
  if (!isUserToken(credential)) return 'not_a_token';
  if (options.local) return 'skipped';
  const { baseUrl } = await resolveSettings(options, io);
  try {
    await (await deps.createClient({ apiKey: credential, baseUrl })).auth.logout();
    return 'revoked';
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && ALREADY_DEAD.has(code)) return 'already_invalid';
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `Could not revoke the user token at ${baseUrl} (${reason}); it is still stored. Try again when the server answers, or forget it without revoking with "molam logout --local" (it stays valid until it expires).`,
      { code: 'revocation_failed', exitCode: ExitCode.failure },
    );
  }
}

/**
 * Forgets the profile's key locally; an API key stays valid until revoked with `molam keys revoke`. A user
 * token is revoked on the server first: it is the user's session, and logging out ends it.
 */
export async function run(options: LogoutOptions, io: IO, deps: Pick<Deps, 'createClient'>): Promise<void> {
  const profile = profileName(options, io);
  const credential = (await readConfig(io)).profiles[profile]?.api_key;
  if (credential === undefined) {
    if (options.json) writeJson(io, { profile, logged_out: false, token_revoked: false });
    else note(io, `Profile "${profile}" has no API key; nothing to do.`);
    return;
  }
  const revocation = await revoke(credential, options, io, deps);
  await updateProfile(io, profile, ({ api_key: _removed, ...rest }) => rest);
  if (options.json) writeJson(io, { profile, logged_out: true, token_revoked: revocation === 'revoked' });
  else if (revocation === 'revoked')
    success(io, `Revoked the user token of profile "${profile}" and removed it.`);
  else if (revocation === 'already_invalid')
    success(io, `Removed the user token of profile "${profile}" (the server takes it no more).`);
  else if (revocation === 'skipped')
    success(
      io,
      `Removed the user token of profile "${profile}"; it was not revoked and works until it expires.`,
    );
  else success(io, `Removed the API key of profile "${profile}".`);
  if (io.env.MOLAM_API_KEY && !options.json)
    note(io, 'Note: MOLAM_API_KEY is still set in this environment.');
}

export function register(program: Command, app: App): void {
  program
    .command('logout')
    .description(
      'Remove the profile’s key (an API key stays valid: revoke it to disable it); a user token is revoked',
    )
    .option('--local', 'forget a user token without revoking it (when its server is gone)')
    .action((flags: { local?: boolean }, command: Command) =>
      run({ ...readGlobals(command), local: flags.local === true }, app.io, app.deps),
    );
}
