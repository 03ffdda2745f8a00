import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { DEFAULT_TIMEOUT_SECONDS, timeoutSeconds } from './options.js';
import { finishWait, waitForPayment } from './wait.js';

export interface PaymentsWatchOptions extends GlobalOptions {
  paymentId: string;
  timeout?: number | undefined;
}

/** Exit 0 once the payment is successful; 1 when it failed or is still pending at the timeout. */
export async function run(
  options: PaymentsWatchOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const settings = { json: options.json, timeoutSeconds: options.timeout ?? DEFAULT_TIMEOUT_SECONDS };
  finishWait(io, settings, await waitForPayment(client, options.paymentId, settings, io));
}

export function register(parent: Command, app: App): void {
  parent
    .command('watch')
    .description('Wait until a payment is successful (exit 0) or failed (exit 1), then print it')
    .argument('<payment_id>', 'the payment id (pay_…)')
    .option(
      '--timeout <seconds>',
      `give up (exit 1) after this long (default ${DEFAULT_TIMEOUT_SECONDS})`,
      timeoutSeconds,
    )
    .action((paymentId: string, flags: { timeout?: number }, cmd: Command) =>
      run({ ...readGlobals(cmd), paymentId, ...flags }, app.io, app.deps),
    );
}
