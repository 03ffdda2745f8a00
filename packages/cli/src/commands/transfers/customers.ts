import { randomUUID } from 'node:crypto';
import { type Command, Option } from 'commander';
import type { KycStatus } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { amountProblem } from '../../money.js';
import { note, writeJson } from '../../output/write.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import {
  accountColumns,
  customerColumns,
  notificationColumns,
  writeAccount,
  writeCustomer,
} from './render.js';

const KYC: readonly KycStatus[] = ['pending', 'verified', 'rejected'];
type ClientDeps = Pick<Deps, 'createClient'>;

export interface CustomersCreateOptions extends GlobalOptions {
  id: string;
  name: string;
  kyc?: KycStatus | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  user?: string | undefined;
}

export async function runCustomersCreate(options: CustomersCreateOptions, io: IO, deps: ClientDeps) {
  const { client } = await connect(options, io, deps);
  const customer = await client.customers.create({
    id: options.id,
    name: options.name,
    ...(options.kyc ? { kyc_status: options.kyc } : {}),
    ...(options.phone ? { phone: options.phone } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.user ? { user_id: options.user } : {}),
  });
  if (options.json) return writeJson(io, customer);
  writeCustomer(io, customer);
}

export async function runKycSet(
  id: string,
  status: string,
  options: GlobalOptions,
  io: IO,
  deps: ClientDeps,
) {
  if (!KYC.includes(status as KycStatus)) {
    throw new UsageError(`The KYC status is one of ${KYC.join(', ')}, not "${status}".`);
  }
  const { client } = await connect(options, io, deps);
  const customer = await client.customers.setKyc(id, status as KycStatus);
  if (options.json) return writeJson(io, customer);
  writeCustomer(io, customer);
  note(io, 'Recorded in the audit log with the previous status.');
}

export interface AccountsCreateOptions extends GlobalOptions {
  number: string;
  customer: string;
  currency: string;
}

export async function runAccountsCreate(options: AccountsCreateOptions, io: IO, deps: ClientDeps) {
  const { client } = await connect(options, io, deps);
  const account = await client.accounts.create({
    number: options.number,
    customer_id: options.customer,
    currency: options.currency.toUpperCase(),
  });
  if (options.json) return writeJson(io, account);
  writeAccount(io, account);
}

export async function runDeposit(
  number: string,
  options: GlobalOptions & { amount: string; idempotencyKey?: string | undefined },
  io: IO,
  deps: ClientDeps,
) {
  const problem = amountProblem(options.amount, undefined, '--amount');
  if (problem) throw new UsageError(problem);
  const { client } = await connect(options, io, deps);
  const account = await client.accounts.deposit(number, Number(options.amount), {
    idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
  });
  if (options.json) return writeJson(io, account);
  writeAccount(io, account);
}

export function register(program: Command, app: App): void {
  const customers = program
    .command('customers')
    .description('The customers whose accounts transfers move money between');
  customers
    .command('create')
    .description('Create a customer under your own id')
    .requiredOption('--id <id>', 'your id for the customer (cust_001)')
    .requiredOption('--name <name>', 'screened against the sanctions list at each transfer')
    .addOption(new Option('--kyc <status>', 'KYC status (default pending)').choices(KYC))
    .option('--phone <e164>', 'where codes are sent by SMS (+260971234567)')
    .option('--email <address>', 'where codes are sent when there is no phone')
    .option('--user <sub>', 'the Molam ID user who may confirm this customer’s transfers')
    .action((flags: Omit<CustomersCreateOptions, keyof GlobalOptions>, cmd: Command) =>
      runCustomersCreate({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  customers
    .command('get <customer_id>')
    .description('Show a customer')
    .action(async (id: string, _flags: object, cmd: Command) => {
      const options = readGlobals(cmd);
      const { client } = await connect(options, app.io, app.deps);
      const customer = await client.customers.get(id);
      if (options.json) return writeJson(app.io, customer);
      writeCustomer(app.io, customer);
    });
  addListFlags(customers.command('list').description('List customers, by id')).action(
    async (flags: ListFlags, cmd: Command) => {
      const options = { ...readGlobals(cmd), ...flags };
      const { client } = await connect(options, app.io, app.deps);
      const page = await fetchList((params) => client.customers.list(params), options);
      await writeList(app.io, options.json, page, customerColumns, 'customers');
    },
  );
  customers
    .command('kyc')
    .description('KYC status (a customer not verified adds 40 risk points to each transfer)')
    .command('set <customer_id> <status>')
    .description(`Set the KYC status: ${KYC.join(', ')}`)
    .action((id: string, status: string, _flags: object, cmd: Command) =>
      runKycSet(id, status, readGlobals(cmd), app.io, app.deps),
    );

  const accounts = program.command('accounts').description('Customers’ accounts and their balances');
  accounts
    .command('create')
    .description('Open an account for a customer (empty)')
    .requiredOption('--number <number>', 'the account number (ACC001)')
    .requiredOption('--customer <id>', 'the owner')
    .requiredOption('--currency <code>', 'ISO 4217 (USD)')
    .action((flags: Omit<AccountsCreateOptions, keyof GlobalOptions>, cmd: Command) =>
      runAccountsCreate({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  accounts
    .command('get <number>')
    .description('Show an account: balance, held, available')
    .action(async (number: string, _flags: object, cmd: Command) => {
      const options = readGlobals(cmd);
      const { client } = await connect(options, app.io, app.deps);
      const account = await client.accounts.get(number);
      if (options.json) return writeJson(app.io, account);
      writeAccount(app.io, account);
    });
  addListFlags(
    accounts
      .command('list')
      .description('List accounts, by number')
      .option('--customer <id>', 'only this customer’s'),
  ).action(async (flags: ListFlags & { customer?: string }, cmd: Command) => {
    const options = { ...readGlobals(cmd), ...flags };
    const { client } = await connect(options, app.io, app.deps);
    const filter = options.customer ? { customer_id: options.customer } : {};
    const page = await fetchList((params) => client.accounts.list({ ...params, ...filter }), options);
    await writeList(app.io, options.json, page, accountColumns, 'accounts');
  });
  accounts
    .command('deposit <number>')
    .description('Put test money in an account (test mode only), through the ledger')
    .requiredOption('--amount <minor>', 'whole minor units')
    .option('--idempotency-key <key>', 'to make a retried deposit count once')
    .action((number: string, flags: { amount: string; idempotencyKey?: string }, cmd: Command) =>
      runDeposit(number, { ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );

  const notifications = program
    .command('notifications')
    .description('Messages sent to customers (OTP codes)');
  addListFlags(
    notifications
      .command('list')
      .description('Newest first; in test mode with their text, so a sandbox code can be read')
      .option('--recipient <to>', 'only messages to this phone number or e-mail'),
  ).action(async (flags: ListFlags & { recipient?: string }, cmd: Command) => {
    const options = { ...readGlobals(cmd), ...flags };
    const { client } = await connect(options, app.io, app.deps);
    const filter = options.recipient ? { recipient: options.recipient } : {};
    const page = await fetchList((params) => client.notifications.list({ ...params, ...filter }), options);
    await writeList(app.io, options.json, page, notificationColumns, 'notifications');
  });
}
