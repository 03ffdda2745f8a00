import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { valueOrAsk } from '../../prompt.js';
import { addKeyCreateFlags, type KeyCreateFlags, keyCreateBody } from '../keys/options.js';
import { keyColumns, writeNewKey } from '../keys/render.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { nameRule } from '../shared/parse.js';

export interface MerchantKeysCreateOptions extends GlobalOptions, KeyCreateFlags {
  merchantId: string;
}

export interface MerchantKeysListOptions extends GlobalOptions, ListFlags {
  merchantId: string;
}

export async function runCreate(
  options: MerchantKeysCreateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const name = await valueOrAsk(
    options.name,
    { flag: '--name', message: 'Key name:', validate: nameRule(100) },
    io,
    deps,
  );
  const { client } = await connect(options, io, deps);
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  const key = await client.merchants.createKey(
    options.merchantId,
    keyCreateBody(name, options),
    requestOptions,
  );
  writeNewKey(io, options.json, key);
}

export async function runList(
  options: MerchantKeysListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.merchants.listKeys(options.merchantId, params), options);
  await writeList(io, options.json, page, keyColumns, 'keys');
}

export function register(parent: Command, app: App): void {
  const keys = parent.command('keys').description("Manage a merchant's API keys (admin key)");
  const create = keys
    .command('create')
    .description('Create an API key for a merchant; prints its secret once')
    .argument('<merchant_id>', 'the merchant id (mer_…)');
  addKeyCreateFlags(create).action((merchantId: string, flags: KeyCreateFlags, cmd: Command) =>
    runCreate({ ...readGlobals(cmd), ...flags, merchantId }, app.io, app.deps),
  );
  const list = keys
    .command('list')
    .description("List a merchant's API keys")
    .argument('<merchant_id>', 'the merchant id (mer_…)');
  addListFlags(list).action((merchantId: string, flags: ListFlags, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags, merchantId }, app.io, app.deps),
  );
}
