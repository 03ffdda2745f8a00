import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { attemptColumns } from './render.js';

export interface PaymentsAttemptsOptions extends GlobalOptions, ListFlags {
  paymentId: string;
}

export async function run(
  options: PaymentsAttemptsOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.payments.attempts(options.paymentId, params), options);
  await writeList(io, options.json, page, attemptColumns, 'attempts');
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('attempts')
    .description("A payment's calls to its provider, oldest first: time, operation, HTTP status, decision")
    .argument('<payment_id>', 'the payment id (pay_…)');
  addListFlags(command).action((paymentId: string, flags: ListFlags, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags, paymentId }, app.io, app.deps),
  );
}
