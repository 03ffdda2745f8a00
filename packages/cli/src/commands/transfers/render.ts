import type { Account, Customer, Notification, Transfer } from '../../api/client.js';
import type { IO } from '../../io.js';
import { formatMoney } from '../../money.js';
import type { Column } from '../../output/table.js';
import { type Field, orDash, paint, writeRecord } from '../../output/write.js';

export function paintTransferStatus(io: IO, status: Transfer['status']): string {
  const chalk = paint(io);
  if (status === 'completed') return chalk.green(status);
  if (status === 'requires_otp' || status === 'processing') return chalk.yellow(status);
  return chalk.red(status);
}

const riskText = (transfer: Transfer) =>
  `${transfer.risk.level} (${transfer.risk.score}${transfer.risk.rules.length ? `: ${transfer.risk.rules.join(', ')}` : ''})`;

export function writeTransfer(io: IO, transfer: Transfer): void {
  const fields: Field[] = [
    ['id', transfer.id],
    ['transaction id', transfer.transaction_id],
    ['customer', transfer.customer_id],
    [
      'from → to',
      `${transfer.from_account} → ${transfer.to_account}${transfer.to_bank ? ` at ${transfer.to_bank}` : ''}`,
    ],
    ['amount', formatMoney(transfer.amount, transfer.currency)],
    ['status', paintTransferStatus(io, transfer.status)],
    ['risk', riskText(transfer)],
  ];
  if (transfer.otp) {
    fields.push([
      'code',
      `sent by ${transfer.otp.channel} to ${transfer.otp.recipient} (${transfer.otp.sends} of 3), valid until ${transfer.otp.expires_at}`,
    ]);
  }
  if (transfer.bank_reference) fields.push(['bank reference', transfer.bank_reference]);
  if (transfer.failure_code) fields.push(['failure', transfer.failure_code]);
  fields.push(['created', transfer.created_at], ['completed', orDash(transfer.completed_at)]);
  writeRecord(io, fields);
}

export const transferColumns = (io: IO): readonly Column<Transfer>[] => [
  { header: 'ID', value: (t) => t.id },
  { header: 'CREATED', value: (t) => t.created_at },
  { header: 'CUSTOMER', value: (t) => t.customer_id },
  { header: 'FROM → TO', value: (t) => `${t.from_account} → ${t.to_account}` },
  { header: 'AMOUNT', value: (t) => formatMoney(t.amount, t.currency) },
  { header: 'STATUS', value: (t) => paintTransferStatus(io, t.status) },
  { header: 'RISK', value: (t) => `${t.risk.level} ${t.risk.score}` },
];

export function writeCustomer(io: IO, customer: Customer): void {
  writeRecord(io, [
    ['id', customer.id],
    ['name', customer.name],
    ['KYC', customer.kyc_status],
    ['phone', orDash(customer.phone)],
    ['e-mail', orDash(customer.email)],
    ['Molam ID user', orDash(customer.user_id)],
    ['created', customer.created_at],
  ]);
}

export const customerColumns: readonly Column<Customer>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => c.name },
  { header: 'KYC', value: (c) => c.kyc_status },
  { header: 'PHONE', value: (c) => orDash(c.phone) },
  { header: 'CREATED', value: (c) => c.created_at },
];

export function writeAccount(io: IO, account: Account): void {
  writeRecord(io, [
    ['number', account.number],
    ['customer', account.customer_id],
    ['balance', formatMoney(account.balance, account.currency)],
    ['held', formatMoney(account.reserved, account.currency)],
    ['available', formatMoney(account.available, account.currency)],
    ['created', account.created_at],
  ]);
}

export const accountColumns: readonly Column<Account>[] = [
  { header: 'NUMBER', value: (a) => a.number },
  { header: 'CUSTOMER', value: (a) => a.customer_id },
  { header: 'BALANCE', value: (a) => formatMoney(a.balance, a.currency) },
  { header: 'HELD', value: (a) => formatMoney(a.reserved, a.currency) },
  { header: 'AVAILABLE', value: (a) => formatMoney(a.available, a.currency) },
];

export const notificationColumns: readonly Column<Notification>[] = [
  { header: 'ID', value: (n) => n.id },
  { header: 'CREATED', value: (n) => n.created_at },
  { header: 'CHANNEL', value: (n) => n.channel },
  { header: 'TO', value: (n) => n.recipient },
  { header: 'STATUS', value: (n) => n.status },
  { header: 'MESSAGE', value: (n) => orDash(n.body) },
];
