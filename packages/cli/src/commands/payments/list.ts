import { type Command, Option } from 'commander';
import type { Flow, PaymentListParams, PaymentStatus, ProviderName } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { timestamp } from '../shared/parse.js';
import { FLOWS, PROVIDERS, STATUSES } from './options.js';
import { paymentColumns } from './render.js';

export interface PaymentsListOptions extends GlobalOptions, ListFlags {
  status?: PaymentStatus | undefined;
  provider?: ProviderName | undefined;
  flow?: Flow | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

type Filters = Omit<PaymentListParams, 'limit' | 'starting_after'>;

export function filters(options: PaymentsListOptions): Filters {
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new UsageError(`--since (${options.since}) must be before --until (${options.until}).`);
  }
  return {
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
    ...(options.flow !== undefined ? { flow: options.flow } : {}),
    ...(options.since !== undefined ? { created_gte: options.since } : {}),
    ...(options.until !== undefined ? { created_lt: options.until } : {}),
  };
}

export async function run(
  options: PaymentsListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const query = filters(options);
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.payments.list({ ...params, ...query }), options);
  await writeList(io, options.json, page, paymentColumns(io), 'payments');
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('list')
    .description('List payments, newest first')
    .addOption(new Option('--status <status>', 'only payments in this state').choices(STATUSES))
    .addOption(new Option('--provider <provider>', 'only payments through this provider').choices(PROVIDERS))
    .addOption(new Option('--flow <flow>', 'only collections or only disbursements').choices(FLOWS))
    .option('--since <time>', 'created at or after this RFC 3339 time', timestamp)
    .option('--until <time>', 'created before this RFC 3339 time', timestamp);
  addListFlags(command).action((flags: Omit<PaymentsListOptions, keyof GlobalOptions>, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
