import { type Command, Option } from 'commander';
import type { Transfer, TransferConfirmParams, TransferStatus } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { amountProblem } from '../../money.js';
import { note, writeJson } from '../../output/write.js';
import { withIdempotencyKey } from '../../report.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { idempotencyKey } from '../shared/parse.js';
import { transferColumns, writeTransfer } from './render.js';

export interface TransfersConfirmOptions extends GlobalOptions {
  transactionId: string;
  customer: string;
  amount: string;
  from: string;
  to: string;
  currency?: string | undefined;
  toBank?: string | undefined;
  otp?: string | undefined;
  idempotencyKey?: string | undefined;
}

const OTP = /^\d{6}$/;
const STATUSES: readonly TransferStatus[] = ['requires_otp', 'processing', 'completed', 'blocked', 'failed'];

/** The key the SDK would choose: the same for the OTP step, a retry, or another shell. */
const keyOf = (options: TransfersConfirmOptions) =>
  options.idempotencyKey ?? `transfer-${options.transactionId}`;

function params(options: TransfersConfirmOptions, otp?: string): TransferConfirmParams {
  const problem = amountProblem(options.amount, options.currency, '--amount');
  if (problem) throw new UsageError(problem);
  if (otp !== undefined && !OTP.test(otp)) throw new UsageError(`--otp: the code is 6 digits, not "${otp}".`);
  return {
    transaction_id: options.transactionId,
    customer_id: options.customer,
    amount: Number(options.amount),
    from_account: options.from,
    to_account: options.to,
    ...(options.currency ? { currency: options.currency.toUpperCase() } : {}),
    ...(options.toBank ? { to_bank: options.toBank } : {}),
    ...(otp ? { otp } : {}),
  };
}

/**
 * Confirms a transfer. HIGH risk answers `requires_otp`: at a terminal the command asks for the code the
 * customer received and sends the same request again (same key); in a script, it says how to finish.
 */
export async function runConfirm(
  options: TransfersConfirmOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const key = keyOf(options);
  const first = params(options, options.otp);
  const { client } = await connect(options, io, deps);
  const send = async (body: TransferConfirmParams): Promise<Transfer> => {
    try {
      return await client.transfers.confirm(body, { idempotencyKey: key });
    } catch (error) {
      throw withIdempotencyKey(error, key);
    }
  };
  let transfer = await send(first);
  if (transfer.status === 'requires_otp' && !options.json && io.stdin.isTTY) {
    writeTransfer(io, transfer);
    const code = await (await deps.prompter()).text('Code the customer received', (value) =>
      OTP.test(value.trim()) ? true : 'the code is 6 digits',
    );
    transfer = await send(params(options, code.trim()));
  }
  if (options.json) return writeJson(io, transfer);
  writeTransfer(io, transfer);
  if (transfer.status === 'requires_otp') {
    note(io, 'HIGH risk: a code was sent to the customer. Run the same command again with --otp <code>.');
  }
  if (transfer.status === 'processing') {
    note(
      io,
      `Funds held; the partner bank is being paid. Follow it with: molam transfers get ${transfer.id}`,
    );
  }
}

export async function runGet(
  id: string,
  options: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const transfer = await client.transfers.get(id);
  if (options.json) return writeJson(io, transfer);
  writeTransfer(io, transfer);
}

export interface TransfersListOptions extends GlobalOptions, ListFlags {
  status?: TransferStatus | undefined;
  customer?: string | undefined;
}

export async function runList(
  options: TransfersListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const filters = {
    ...(options.status ? { status: options.status } : {}),
    ...(options.customer ? { customer_id: options.customer } : {}),
  };
  const page = await fetchList((list) => client.transfers.list({ ...list, ...filters }), options);
  await writeList(io, options.json, page, transferColumns(io), 'transfers');
}

export async function runResendOtp(
  id: string,
  options: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const transfer = await client.transfers.resendOtp(id);
  if (options.json) return writeJson(io, transfer);
  writeTransfer(io, transfer);
  note(io, 'A new code was sent; the previous one no longer works.');
}

export function register(program: Command, app: App): void {
  const transfers = program
    .command('transfers')
    .description('Transfers between accounts, with risk scoring and the OTP step-up (seed 002)');
  transfers
    .command('confirm')
    .description('Move money between accounts; HIGH risk asks for the code sent to the customer')
    .requiredOption('--transaction-id <id>', 'your id for the transfer (unique; it also makes the retry key)')
    .requiredOption('--customer <id>', 'the customer who pays (your id, such as cust_001)')
    .requiredOption('--amount <minor>', 'whole minor units (100000 USD = 1000.00 USD)')
    .requiredOption('--from <account>', 'the customer’s account to debit')
    .requiredOption('--to <account>', 'the account to credit')
    .option('--currency <code>', 'checked against the accounts’ currency')
    .option('--to-bank <code>', 'the partner bank of --to (sandbox_bank in test mode)')
    .option('--otp <code>', 'the 6-digit code the customer received (the second step)')
    .option('--idempotency-key <key>', 'default: transfer-<transaction id>', idempotencyKey)
    .action((flags: Omit<TransfersConfirmOptions, keyof GlobalOptions>, cmd: Command) =>
      runConfirm({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  transfers
    .command('get <transfer_id>')
    .description('Show a transfer: status, risk, where its code went')
    .action((id: string, _flags: object, cmd: Command) => runGet(id, readGlobals(cmd), app.io, app.deps));
  const list = transfers
    .command('list')
    .description('List transfers, newest first')
    .addOption(new Option('--status <status>', 'only transfers in this state').choices(STATUSES))
    .option('--customer <id>', 'only this customer’s transfers');
  addListFlags(list).action((flags: Omit<TransfersListOptions, keyof GlobalOptions>, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  transfers
    .command('resend-otp <transfer_id>')
    .description('Send the customer a new code (3 sends at most, 30 s apart)')
    .action((id: string, _flags: object, cmd: Command) =>
      runResendOtp(id, readGlobals(cmd), app.io, app.deps),
    );
}
