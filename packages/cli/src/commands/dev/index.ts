import { USER_ROLES, type UserRole } from '@molam/contract';
import { type Command, InvalidArgumentError } from 'commander';
import type { MolamClient } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, writeJson } from '../../output/write.js';
import { collectList, integerBetween } from '../shared/parse.js';

export interface DevTokenOptions extends GlobalOptions {
  user?: string | undefined;
  role?: string[] | undefined;
  merchant?: string | undefined;
  ttl?: number | undefined;
}

export function roleOf(role: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role)) {
    throw new InvalidArgumentError(`Unknown role "${role}": one of ${USER_ROLES.join(', ')}.`);
  }
  return role as UserRole;
}

/**
 * Mints a user token on a sandbox server (admin key). The token alone goes to stdout, so that
 * `TOKEN=$(molam dev token …)` works; its expiry is a note on stderr.
 */
export async function runToken(
  options: DevTokenOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  if (options.user === undefined) throw new UsageError('Give --user: the user id (`sub`) of the token.');
  const roles = (options.role ?? []).map(roleOf);
  const { client } = await connect(options, io, deps);
  const minted = await client.auth.createDevToken({
    user_id: options.user,
    roles: [...new Set(roles)],
    ...(options.merchant === undefined ? {} : { merchant_id: options.merchant }),
    ...(options.ttl === undefined ? {} : { ttl_seconds: options.ttl }),
  });
  if (options.json) return writeJson(io, minted);
  io.stdout.write(`${minted.token}\n`);
  note(
    io,
    `A user token for ${options.user}, valid until ${minted.expires_at}. Send it as Authorization: Bearer.`,
  );
}

export interface SignInLinkOptions extends GlobalOptions {
  merchant?: string | undefined;
}

/** The merchant to sign in as: the one given, else the admin's only merchant. */
async function merchantFor(options: SignInLinkOptions, client: MolamClient): Promise<string> {
  if (options.merchant !== undefined) return options.merchant;
  const page = await client.merchants.list({ limit: 2 });
  const [only, another] = page.data;
  if (only === undefined) throw new UsageError('There is no merchant yet: create one first.');
  if (another !== undefined)
    throw new UsageError('There are several merchants: pick one with --merchant mer_….');
  return only.id;
}

/** Prints a one-click dashboard sign-in link (sandbox servers, admin key); the URL alone on stdout. */
export async function runSignInLink(
  options: SignInLinkOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client, settings } = await connect(options, io, deps);
  const link = await client.auth.createSignInLink({ merchant_id: await merchantFor(options, client) });
  const url = `${settings.baseUrl}${link.path}`;
  if (options.json) return writeJson(io, { ...link, url });
  io.stdout.write(`${url}\n`);
  note(io, `Signs into the dashboard as ${link.merchant_id}, once, until ${link.expires_at}.`);
}

export function register(program: Command, app: App): void {
  const dev = program.command('dev').description('Development helpers for sandbox servers');
  dev
    .command('token')
    .description('Mint a Molam ID user token signed by the sandbox (admin key; sandbox servers only)')
    .option('--user <user_id>', 'the user id (the token’s subject)')
    .option('--role <role>', `a role, repeatable: ${USER_ROLES.join(', ')}`, collectList)
    .option('--merchant <merchant_id>', 'the merchant whose data the user works on (mer_…)')
    .option(
      '--ttl <seconds>',
      'how long the token lives (60 to 86400, default 3600)',
      integerBetween(60, 86_400),
    )
    .action((flags: Omit<DevTokenOptions, keyof GlobalOptions>, cmd: Command) =>
      runToken({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  dev
    .command('sign-in-link')
    .description(
      'Print a one-click dashboard sign-in link, usable once within 15 minutes (admin key; sandbox servers only)',
    )
    .option('--merchant <merchant_id>', 'the merchant to sign in as (default: the only one)')
    .action((flags: Omit<SignInLinkOptions, keyof GlobalOptions>, cmd: Command) =>
      runSignInLink({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
