import { type Command, Option } from 'commander';
import type { MerchantStatus } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { confirmOrAbort } from '../../prompt.js';
import { writeMerchant } from './render.js';

export interface MerchantsUpdateOptions extends GlobalOptions {
  merchantId: string;
  name?: string | undefined;
  email?: string | undefined;
  clearEmail?: boolean | undefined;
  status?: MerchantStatus | undefined;
  yes?: boolean | undefined;
}

const STATUSES = ['active', 'suspended', 'closed'] as const satisfies readonly MerchantStatus[];

export async function run(
  options: MerchantsUpdateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  if (options.email !== undefined && options.clearEmail === true)
    throw new UsageError('Use --email or --clear-email, not both.');
  const body = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.email !== undefined ? { email: options.email } : {}),
    ...(options.clearEmail === true ? { email: null } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
  };
  if (Object.keys(body).length === 0) {
    throw new UsageError('Nothing to update: give --name, --email, --clear-email or --status.');
  }
  const { client } = await connect(options, io, deps);
  if (options.status === 'closed') {
    const question = `Close merchant ${options.merchantId}? Its keys stop working and it cannot be reopened.`;
    await confirmOrAbort(options.yes === true, question, io, deps);
  }
  writeMerchant(io, options.json, await client.merchants.update(options.merchantId, body));
}

export function register(parent: Command, app: App): void {
  parent
    .command('update')
    .description('Change a merchant (admin key); closing one asks first (--yes to skip)')
    .argument('<merchant_id>', 'the merchant id (mer_…)')
    .option('--name <name>', 'new name')
    .option('--email <email>', 'new contact email')
    .option('--clear-email', 'remove the contact email')
    .addOption(
      new Option('--status <status>', "suspended merchants' keys stop working; closed is final").choices(
        STATUSES,
      ),
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .action(
      (
        merchantId: string,
        flags: Omit<MerchantsUpdateOptions, keyof GlobalOptions | 'merchantId'>,
        cmd: Command,
      ) => run({ ...readGlobals(cmd), merchantId, ...flags }, app.io, app.deps),
    );
}
