import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writePayment } from './render.js';

export interface PaymentsGetOptions extends GlobalOptions {
  paymentId: string;
}

export async function run(
  options: PaymentsGetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  writePayment(io, options.json, await client.payments.get(options.paymentId));
}

export function register(parent: Command, app: App): void {
  parent
    .command('get')
    .description('Show a payment')
    .argument('<payment_id>', 'the payment id (pay_…)')
    .action((paymentId: string, _flags: object, cmd: Command) =>
      run({ ...readGlobals(cmd), paymentId }, app.io, app.deps),
    );
}
