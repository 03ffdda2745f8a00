import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';

/**
 * Customers, accounts and transfers as stored. Customers and accounts are known to merchants by their own
 * references (`cust_001`, `ACC001`), so those are what the API shows; the internal ids join the tables.
 */

export interface CustomerRow {
  id: string;
  external_id: string;
  name: string;
  kyc_status: 'pending' | 'verified' | 'rejected';
  phone: string | null;
  email: string | null;
  user_id: string | null;
  mode: Tenant['mode'];
  created_at: Date;
}

export interface AccountRow {
  id: string;
  number: string;
  customer_id: string | null;
  /** The owner's reference; null for the merchant's funding accounts. */
  customer_ref: string | null;
  kind: 'customer' | 'funding';
  currency: string;
  balance: number;
  reserved: number;
  mode: Tenant['mode'];
  created_at: Date;
}

export interface TransferRow {
  id: string;
  transaction_id: string;
  customer_id: string;
  customer_ref: string;
  from_account: string;
  to_account: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  status: 'requires_otp' | 'processing' | 'completed' | 'blocked' | 'failed';
  /** A partner bank's code when `to_account` is an account there (the credit account is then its settlement). */
  to_bank: string | null;
  bank_reference: string | null;
  risk_score: number;
  risk_level: 'LOW' | 'HIGH';
  risk_rules: string[];
  reservation_id: string | null;
  failure_code: string | null;
  mode: Tenant['mode'];
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const CUSTOMER =
  'c.id, c.external_id, c.name, c.kyc_status, c.phone, c.email, c.user_id, c.mode, c.created_at';
const ACCOUNT = `a.id, a.number, a.customer_id, c.external_id AS customer_ref, a.kind, trim(a.currency) AS currency,
  a.balance::float8 AS balance, a.reserved::float8 AS reserved, a.mode, a.created_at`;
const TRANSFER = `t.id, t.transaction_id, t.customer_id, c.external_id AS customer_ref, d.number AS from_account,
  coalesce(t.external_account, k.number) AS to_account, t.to_bank, t.bank_reference, t.debit_account_id, t.credit_account_id, t.amount::float8 AS amount,
  trim(t.currency) AS currency, t.status, t.risk_score, t.risk_level, t.risk_rules, t.reservation_id,
  t.failure_code, t.mode, t.created_at, t.updated_at, t.completed_at`;
const TRANSFER_FROM = `transfers t JOIN customers c ON c.id = t.customer_id
  JOIN accounts d ON d.id = t.debit_account_id JOIN accounts k ON k.id = t.credit_account_id`;

// ----- customers

export async function insertCustomer(
  tx: Queryable,
  tenant: Tenant,
  row: Omit<CustomerRow, 'mode' | 'created_at'>,
): Promise<CustomerRow | undefined> {
  const { rows } = await tx.query<CustomerRow>(
    `INSERT INTO customers AS c (id, merchant_id, mode, external_id, name, kyc_status, phone, email, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (merchant_id, mode, external_id) DO NOTHING RETURNING ${CUSTOMER}`,
    [
      row.id,
      tenant.merchantId,
      tenant.mode,
      row.external_id,
      row.name,
      row.kyc_status,
      row.phone,
      row.email,
      row.user_id,
    ],
  );
  return rows[0];
}

export async function findCustomerById(q: Queryable, id: string): Promise<CustomerRow | undefined> {
  const { rows } = await q.query<CustomerRow>(`SELECT ${CUSTOMER} FROM customers c WHERE c.id = $1`, [id]);
  return rows[0];
}

/** The customer `ref`; `lock` takes its row lock (transfers of one customer then run one at a time). */
export async function findCustomer(
  q: Queryable,
  tenant: Tenant,
  ref: string,
  lock = false,
): Promise<CustomerRow | undefined> {
  const { rows } = await q.query<CustomerRow>(
    `SELECT ${CUSTOMER} FROM customers c WHERE c.merchant_id = $1 AND c.mode = $2 AND c.external_id = $3
     ${lock ? 'FOR UPDATE' : ''}`,
    [tenant.merchantId, tenant.mode, ref],
  );
  return rows[0];
}

export async function listCustomers(
  q: Queryable,
  tenant: Tenant,
  limit: number,
  startingAfter: string | undefined,
): Promise<CustomerRow[]> {
  const { rows } = await q.query<CustomerRow>(
    `SELECT ${CUSTOMER} FROM customers c WHERE c.merchant_id = $1 AND c.mode = $2
       AND ($3::text IS NULL OR c.external_id > $3) ORDER BY c.external_id LIMIT $4`,
    [tenant.merchantId, tenant.mode, startingAfter ?? null, limit],
  );
  return rows;
}

export async function setKycStatus(
  tx: Queryable,
  customerId: string,
  status: CustomerRow['kyc_status'],
): Promise<CustomerRow> {
  const { rows } = await tx.query<CustomerRow>(
    `UPDATE customers c SET kyc_status = $2 WHERE c.id = $1 RETURNING ${CUSTOMER}`,
    [customerId, status],
  );
  const row = rows[0];
  if (!row) throw new Error(`customer ${customerId} vanished under its lock`);
  return row;
}

// ----- accounts

export async function insertAccount(
  tx: Queryable,
  tenant: Tenant,
  row: { id: string; number: string; customerId: string | null; currency: string; kind: AccountRow['kind'] },
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO accounts (id, merchant_id, mode, customer_id, number, currency, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_id, mode, number) DO NOTHING`,
    [row.id, tenant.merchantId, tenant.mode, row.customerId, row.number, row.currency, row.kind],
  );
  return result.rowCount > 0;
}

export async function findAccount(
  q: Queryable,
  tenant: Tenant,
  number: string,
): Promise<AccountRow | undefined> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT} FROM accounts a LEFT JOIN customers c ON c.id = a.customer_id
      WHERE a.merchant_id = $1 AND a.mode = $2 AND a.number = $3`,
    [tenant.merchantId, tenant.mode, number],
  );
  return rows[0];
}

/** A funding account (money outside this ledger: deposits, a partner bank's settlement), made on first use. */
export async function ensureFundingAccount(
  tx: Queryable,
  tenant: Tenant,
  number: string,
  currency: string,
): Promise<AccountRow> {
  await tx.query(
    `INSERT INTO accounts (id, merchant_id, mode, customer_id, number, currency, kind)
     VALUES ($1, $2, $3, NULL, $4, $5, 'funding') ON CONFLICT (merchant_id, mode, number) DO NOTHING`,
    [newId('acc'), tenant.merchantId, tenant.mode, number, currency],
  );
  const account = await findAccount(tx, tenant, number);
  if (!account) throw new Error(`the funding account ${number} is missing`);
  return account;
}

/** Customer accounts only: funding accounts are the ledger's business, not a merchant's list. */
export async function listAccounts(
  q: Queryable,
  tenant: Tenant,
  filters: { limit: number; startingAfter?: string | undefined; customerId?: string | undefined },
): Promise<AccountRow[]> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT} FROM accounts a JOIN customers c ON c.id = a.customer_id
      WHERE a.merchant_id = $1 AND a.mode = $2 AND a.kind = 'customer'
        AND ($3::text IS NULL OR a.number > $3) AND ($4::text IS NULL OR a.customer_id = $4)
      ORDER BY a.number LIMIT $5`,
    [
      tenant.merchantId,
      tenant.mode,
      filters.startingAfter ?? null,
      filters.customerId ?? null,
      filters.limit,
    ],
  );
  return rows;
}

// ----- transfers

export async function insertTransfer(
  tx: Queryable,
  tenant: Tenant,
  row: Pick<
    TransferRow,
    | 'id'
    | 'transaction_id'
    | 'customer_id'
    | 'debit_account_id'
    | 'credit_account_id'
    | 'amount'
    | 'currency'
    | 'status'
    | 'risk_score'
    | 'risk_level'
    | 'risk_rules'
    | 'reservation_id'
    | 'failure_code'
  > & { external?: { bank: string; account: string } | undefined },
): Promise<void> {
  await tx.query(
    `INSERT INTO transfers (id, merchant_id, mode, transaction_id, customer_id, debit_account_id, credit_account_id,
       amount, currency, status, risk_score, risk_level, risk_rules, reservation_id, failure_code, to_bank,
       external_account, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
       CASE WHEN $10 = 'completed' THEN now() END)`,
    [
      row.id,
      tenant.merchantId,
      tenant.mode,
      row.transaction_id,
      row.customer_id,
      row.debit_account_id,
      row.credit_account_id,
      row.amount,
      row.currency,
      row.status,
      row.risk_score,
      row.risk_level,
      row.risk_rules,
      row.reservation_id,
      row.failure_code,
      row.external?.bank ?? null,
      row.external?.account ?? null,
    ],
  );
}

export async function setTransferStatus(
  tx: Queryable,
  id: string,
  status: 'processing' | 'completed' | 'failed',
  failureCode: string | null = null,
  bankReference: string | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE transfers SET status = $2, failure_code = $3, bank_reference = coalesce($4, bank_reference),
       updated_at = now(), completed_at = CASE WHEN $2 = 'completed' THEN now() ELSE completed_at END
     WHERE id = $1`,
    [id, status, failureCode, bankReference],
  );
}

export async function findTransfer(
  q: Queryable,
  tenant: Tenant,
  id: string,
  options: { userId?: string | undefined; lock?: boolean } = {},
): Promise<TransferRow | undefined> {
  const { rows } = await q.query<TransferRow>(
    `SELECT ${TRANSFER} FROM ${TRANSFER_FROM}
      WHERE t.id = $1 AND t.merchant_id = $2 AND t.mode = $3 AND ($4::text IS NULL OR c.user_id = $4)
      ${options.lock ? 'FOR UPDATE OF t' : ''}`,
    [id, tenant.merchantId, tenant.mode, options.userId ?? null],
  );
  return rows[0];
}

export async function listTransfers(
  q: Queryable,
  tenant: Tenant,
  filters: {
    limit: number;
    startingAfter?: string | undefined;
    status?: TransferRow['status'] | undefined;
    customerRef?: string | undefined;
    userId?: string | undefined;
  },
): Promise<TransferRow[]> {
  const { rows } = await q.query<TransferRow>(
    `SELECT ${TRANSFER} FROM ${TRANSFER_FROM}
      WHERE t.merchant_id = $1 AND t.mode = $2 AND ($3::text IS NULL OR t.id < $3)
        AND ($4::text IS NULL OR t.status = $4) AND ($5::text IS NULL OR c.external_id = $5)
        AND ($6::text IS NULL OR c.user_id = $6)
      ORDER BY t.id DESC LIMIT $7`,
    [
      tenant.merchantId,
      tenant.mode,
      filters.startingAfter ?? null,
      filters.status ?? null,
      filters.customerRef ?? null,
      filters.userId ?? null,
      filters.limit,
    ],
  );
  return rows;
}

/** Where a transfer's last code went and until when; undefined when it never needed one. */
export async function otpSummary(
  q: Queryable,
  tenant: Tenant,
  transferId: string,
): Promise<{ channel: 'sms' | 'email'; recipient: string; expires_at: Date; sends: number } | undefined> {
  const { rows } = await q.query<{
    channel: 'sms' | 'email';
    recipient: string;
    expires_at: Date;
    sends: number;
  }>(
    `SELECT n.channel, n.recipient, c.expires_at, c.sends FROM otp_challenges c
       JOIN LATERAL (SELECT channel, recipient FROM notifications
                      WHERE merchant_id = c.merchant_id AND mode = c.mode AND subject = c.subject
                      ORDER BY id DESC LIMIT 1) n ON true
      WHERE c.merchant_id = $1 AND c.mode = $2 AND c.subject = $3`,
    [tenant.merchantId, tenant.mode, transferId],
  );
  return rows[0];
}

/** Whether a hold's time has run out, by the database's clock. */
export async function holdHasExpired(q: Queryable, reservationId: string): Promise<boolean> {
  const { rows } = await q.query<{ expired: boolean }>(
    'SELECT expires_at <= now() AS expired FROM fund_reservations WHERE id = $1',
    [reservationId],
  );
  return rows[0]?.expired ?? false;
}

/** What a confirmation decides on (`molam_transfer_facts`, migration 0017), read under its locks in one statement. */
export interface ConfirmationFacts {
  /** Locked until the transaction ends; undefined when the merchant has no such customer (then nothing else is read). */
  customer: CustomerRow | undefined;
  /** The transfer that already has this transaction id, under the transaction id's lock. */
  existingTransferId: string | undefined;
  from: AccountRow | undefined;
  /** Undefined too when the money goes to a partner bank (`toNumber` null). */
  to: AccountRow | undefined;
  /** The customer who owns `to`, if a customer does. */
  beneficiary: CustomerRow | undefined;
  /** The customer's transfers since the start of today (UTC), whatever their outcome. */
  transfersToday: number;
  /** The transaction's time (the database's clock): a transfer made in it is stamped with it. */
  startedAt: Date;
}

/** A row read as JSON has its time as text. */
const withDate = <Row extends { created_at: Date }>(row: Row | null): Row | undefined =>
  row === null ? undefined : { ...row, created_at: new Date(row.created_at) };

export async function confirmationFacts(
  tx: Queryable,
  tenant: Tenant,
  request: { customerRef: string; transactionId: string; fromNumber: string; toNumber: string | null },
): Promise<ConfirmationFacts> {
  const { rows } = await tx.query<{
    customer: CustomerRow | null;
    existing_transfer_id: string | null;
    from_account: AccountRow | null;
    to_account: AccountRow | null;
    beneficiary: CustomerRow | null;
    transfers_today: number;
    started_at: Date;
  }>(
    'SELECT * FROM molam_transfer_facts($1, $2, $3, $4, $5, $6)',
    [
      tenant.merchantId,
      tenant.mode,
      request.customerRef,
      request.transactionId,
      request.fromNumber,
      request.toNumber,
    ],
    { prepare: 'molam_transfer_facts' },
  );
  const row = rows[0];
  if (!row) throw new Error('molam_transfer_facts answered nothing');
  return {
    customer: withDate(row.customer),
    existingTransferId: row.existing_transfer_id ?? undefined,
    from: withDate(row.from_account),
    to: withDate(row.to_account),
    beneficiary: withDate(row.beneficiary),
    transfersToday: row.transfers_today,
    startedAt: new Date(row.started_at),
  };
}

/**
 * A LOW-risk transfer between two accounts here, all at once (`molam_complete_transfer`, migration 0017): the money
 * moved, the transfer, its audit row, its event and deliveries, and the key's answer. False, with nothing written,
 * when the debit account can no longer spend the amount.
 */
export async function completeTransferAtOnce(
  tx: Queryable,
  rows: { transfer: unknown; audit: unknown; event: unknown },
  key: { owner: string; key: string; response: unknown },
): Promise<boolean> {
  const { rows: answer } = await tx.query<{ completed: boolean }>(
    'SELECT molam_complete_transfer($1, $2, $3, $4, $5, $6) AS completed',
    [
      JSON.stringify(rows.transfer),
      JSON.stringify(rows.audit),
      JSON.stringify(rows.event),
      key.owner,
      key.key,
      JSON.stringify(key.response),
    ],
    { prepare: 'molam_complete_transfer' },
  );
  return answer[0]?.completed === true;
}
