import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeMerchant } from './render.js';

export interface MerchantsGetOptions extends GlobalOptions {
  merchantId: string;
}

export async function run(
  options: MerchantsGetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  writeMerchant(io, options.json, await client.merchants.get(options.merchantId));
}

export function register(parent: Command, app: App): void {
  parent
    .command('get')
    .description('Show a merchant')
    .argument('<merchant_id>', 'the merchant id (mer_…)')
    .action((merchantId: string, _flags: object, cmd: Command) =>
      run({ ...readGlobals(cmd), merchantId }, app.io, app.deps),
    );
}
