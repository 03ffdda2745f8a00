import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { valueOrAsk } from '../../prompt.js';
import { idempotencyKey, nameRule } from '../shared/parse.js';
import { writeMerchant } from './render.js';

export interface MerchantsCreateOptions extends GlobalOptions {
  name?: string | undefined;
  email?: string | undefined;
  country?: string | undefined;
  currency?: string | undefined;
  idempotencyKey?: string | undefined;
}

type PromptingDeps = Pick<Deps, 'prompter'>;

/** Country and currency codes are upper case; `zm` is accepted and sent as `ZM`. */
async function askCode(
  value: string | undefined,
  ask: { flag: string; message: string; pattern: RegExp; example: string },
  io: IO,
  deps: PromptingDeps,
): Promise<string> {
  const validate = (input: string) =>
    ask.pattern.test(input.trim().toUpperCase()) || `expected a code such as ${ask.example}`;
  return (await valueOrAsk(value, { flag: ask.flag, message: ask.message, validate }, io, deps))
    .trim()
    .toUpperCase();
}

export async function run(
  options: MerchantsCreateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const name = await valueOrAsk(
    options.name,
    { flag: '--name', message: 'Merchant name:', validate: nameRule(200) },
    io,
    deps,
  );
  const country = await askCode(
    options.country,
    { flag: '--country', message: 'Country (ISO 3166-1 alpha-2):', pattern: /^[A-Z]{2}$/, example: 'ZM' },
    io,
    deps,
  );
  const currency = await askCode(
    options.currency,
    { flag: '--currency', message: 'Default currency (ISO 4217):', pattern: /^[A-Z]{3}$/, example: 'ZMW' },
    io,
    deps,
  );
  const { client } = await connect(options, io, deps);
  const body = {
    name,
    country,
    default_currency: currency,
    ...(options.email ? { email: options.email } : {}),
  };
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  writeMerchant(io, options.json, await client.merchants.create(body, requestOptions));
}

export function register(parent: Command, app: App): void {
  parent
    .command('create')
    .description('Create a merchant (admin key); missing values are prompted for on a terminal')
    .option('--name <name>', 'the merchant name')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country code, such as ZM')
    .option('--currency <code>', 'ISO 4217 default currency, such as ZMW')
    .option('--email <email>', 'contact email')
    .option(
      '--idempotency-key <key>',
      'make a retried create safe (8-255 printable characters)',
      idempotencyKey,
    )
    .action((flags: Omit<MerchantsCreateOptions, keyof GlobalOptions>, cmd: Command) =>
      run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
}
