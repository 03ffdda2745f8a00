import type { Command } from 'commander';
import type { App } from '../app.js';
import { updateProfile } from '../config/file.js';
import { resolveSettings } from '../config/settings.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { type GlobalOptions, profileName, readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { note, success, writeJson } from '../output/write.js';
import { readSecret, readSecretFromStdin } from '../secret-input.js';
import { maskKey } from '../secrets.js';

export interface LoginOptions extends GlobalOptions {
  withToken?: boolean | undefined;
}

/** `--with-token` reads stdin; else MOLAM_API_KEY; else a hidden prompt; never a flag. */
async function obtainKey(options: LoginOptions, io: IO, deps: Pick<Deps, 'prompter'>): Promise<string> {
  if (options.withToken === true) return readSecretFromStdin(io, 'API key');
  const fromEnv = io.env.MOLAM_API_KEY;
  if (fromEnv) {
    if (!options.json) note(io, 'Using the key in MOLAM_API_KEY.');
    return fromEnv;
  }
  if (!io.stdin.isTTY) {
    throw new UsageError('No terminal to ask for the key: pipe it with --with-token, or set MOLAM_API_KEY.');
  }
  return readSecret(io, deps, 'API key');
}

/** Verifies the key with `GET /api/v1/whoami` before it is stored, so a typo never becomes a profile. */
export async function run(
  options: LoginOptions,
  io: IO,
  deps: Pick<Deps, 'prompter' | 'createClient'>,
): Promise<void> {
  const profile = profileName(options, io);
  const apiKey = await obtainKey(options, io, deps);
  const { baseUrl, baseUrlSource } = await resolveSettings(options, io);
  if (!options.json) note(io, `Verifying the key with ${baseUrl} …`);
  const whoami = await (await deps.createClient({ apiKey, baseUrl })).whoami();
  // A base URL chosen for this login is where the key is valid, so the profile keeps it.
  const keepBaseUrl = baseUrlSource === '--base-url' || baseUrlSource === 'MOLAM_BASE_URL';
  await updateProfile(io, profile, (stored) => ({
    ...stored,
    api_key: apiKey,
    ...(keepBaseUrl ? { base_url: baseUrl } : {}),
  }));
  const merchant = whoami.merchant_id ? `merchant ${whoami.merchant_id}` : 'platform';
  const owner = whoami.user_id ? `user ${whoami.user_id} (${merchant})` : merchant;
  if (options.json) {
    writeJson(io, { profile, base_url: baseUrl, api_key: maskKey(apiKey), ...whoami });
  } else {
    success(io, `Logged in to ${baseUrl} as ${owner} with ${maskKey(apiKey)} (${whoami.mode} mode).`);
    note(io, `Saved in profile "${profile}". Scopes: ${whoami.scopes.join(', ')}.`);
  }
}

export function register(program: Command, app: App): void {
  program
    .command('login')
    .description('Verify an API key and store it in the profile (prompted, or from stdin with --with-token)')
    .option('--with-token', 'read the key from standard input (for scripts)')
    .action((flags: { withToken?: boolean }, command: Command) =>
      run({ ...readGlobals(command), withToken: flags.withToken === true }, app.io, app.deps),
    );
}
