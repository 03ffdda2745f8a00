import { USER_ROLES, type UserRole } from '@molam/contract';
import type { Command } from 'commander';
import { connect } from '../api/connect.js';
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
import { roleOf } from './dev/index.js';
import { SANDBOX_ADMIN_PROFILE } from './server/sandbox-profiles.js';
import { collectList } from './shared/parse.js';

export interface LoginOptions extends GlobalOptions {
  withToken?: boolean | undefined;
  /** Mint a sandbox user token for this user instead of reading a key. */
  devUser?: string | undefined;
  /** Checked by the --role parser. */
  role?: UserRole[] | undefined;
  merchant?: string | undefined;
  /** The profile whose admin key mints the token. */
  adminProfile?: string | undefined;
}

/** What to log in with; a minted token also says which server it is valid on. */
interface Credential {
  key: string;
  mintedBy?: string;
}

/** A sandbox user token for `--dev-user`, minted with the admin key of `--admin-profile`. */
async function mintDevToken(
  options: LoginOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<Credential> {
  const adminProfile = options.adminProfile ?? SANDBOX_ADMIN_PROFILE;
  const { client, settings } = await connect({ ...options, profile: adminProfile }, io, deps);
  const minted = await client.auth.createDevToken({
    user_id: options.devUser ?? '',
    roles: [...new Set(options.role ?? (['customer'] as const))],
    ...(options.merchant === undefined ? {} : { merchant_id: options.merchant }),
  });
  if (!options.json)
    note(io, `Minted a sandbox token for ${options.devUser} with profile "${adminProfile}".`);
  return { key: minted.token, mintedBy: settings.baseUrl };
}

/** `--with-token` reads stdin; else MOLAM_API_KEY; else a hidden prompt; never a flag. */
async function obtainKey(
  options: LoginOptions,
  io: IO,
  deps: Pick<Deps, 'prompter' | 'createClient'>,
): Promise<Credential> {
  if (options.devUser !== undefined) {
    if (options.withToken === true) throw new UsageError('Give --dev-user or --with-token, not both.');
    return mintDevToken(options, io, deps);
  }
  if (options.role !== undefined || options.merchant !== undefined || options.adminProfile !== undefined) {
    throw new UsageError('--role, --merchant and --admin-profile go with --dev-user.');
  }
  if (options.withToken === true) return { key: await readSecretFromStdin(io, 'API key') };
  const fromEnv = io.env.MOLAM_API_KEY;
  if (fromEnv) {
    if (!options.json) note(io, 'Using the key in MOLAM_API_KEY.');
    return { key: fromEnv };
  }
  if (!io.stdin.isTTY) {
    throw new UsageError('No terminal to ask for the key: pipe it with --with-token, or set MOLAM_API_KEY.');
  }
  return { key: await readSecret(io, deps, 'API key') };
}

/** Verifies the key with `GET /api/v1/whoami` before it is stored, so a typo never becomes a profile. */
export async function run(
  options: LoginOptions,
  io: IO,
  deps: Pick<Deps, 'prompter' | 'createClient'>,
): Promise<void> {
  const profile = profileName(options, io);
  const { key: apiKey, mintedBy } = await obtainKey(options, io, deps);
  const resolved = await resolveSettings(options, io);
  // A minted token is valid on the server that minted it, wherever the profile pointed before.
  const baseUrl = mintedBy ?? resolved.baseUrl;
  if (!options.json) note(io, `Verifying the key with ${baseUrl} …`);
  const whoami = await (await deps.createClient({ apiKey, baseUrl })).whoami();
  // A base URL chosen for this login is where the key is valid, so the profile keeps it.
  const keepBaseUrl =
    mintedBy !== undefined ||
    resolved.baseUrlSource === '--base-url' ||
    resolved.baseUrlSource === 'MOLAM_BASE_URL';
  await updateProfile(io, profile, (stored) => ({
    ...stored,
    api_key: apiKey,
    ...(keepBaseUrl ? { base_url: baseUrl } : {}),
  }));
  const merchant = whoami.merchant_id ? `merchant ${whoami.merchant_id}` : 'platform';
  const owner = whoami.user_id
    ? `user ${whoami.user_id}${whoami.merchant_id ? ` (${merchant})` : ''}`
    : merchant;
  if (options.json) {
    writeJson(io, { profile, base_url: baseUrl, api_key: maskKey(apiKey), ...whoami });
  } else {
    success(io, `Logged in to ${baseUrl} as ${owner} with ${maskKey(apiKey)} (${whoami.mode} mode).`);
    note(io, `Saved in profile "${profile}". Scopes: ${whoami.scopes.join(', ') || 'none'}.`);
  }
}

export function register(program: Command, app: App): void {
  program
    .command('login')
    .description(
      'Verify an API key (or user token) and store it in the profile (prompted, from stdin with --with-token, or minted with --dev-user)',
    )
    .option('--with-token', 'read the key (or a Molam ID user token) from standard input (for scripts)')
    .option('--dev-user <user_id>', 'sandbox: mint a user token for this user and log in with it')
    .option(
      '--role <role>',
      `with --dev-user, a role, repeatable (default customer): ${USER_ROLES.join(', ')}`,
      (value: string, previous: string[] | undefined) => collectList(value, previous).map(roleOf),
    )
    .option('--merchant <merchant_id>', 'with --dev-user, the merchant whose data the user works on')
    .option(
      '--admin-profile <name>',
      `with --dev-user, the profile whose admin key mints (default ${SANDBOX_ADMIN_PROFILE})`,
    )
    .action((flags: Omit<LoginOptions, keyof GlobalOptions>, command: Command) =>
      run({ ...readGlobals(command), ...flags, withToken: flags.withToken === true }, app.io, app.deps),
    );
}
