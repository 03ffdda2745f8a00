import type { Schemas } from '@molam/contract';
import { type Actor, writeAudit } from '../audit/audit.js';
import { type RequestContext, type Tenant, tenantOf } from '../auth/context.js';
import { type OnExpiring, post, reserve } from '../ledger/ledger.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { currencyExponent } from '../platform/iso.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import { ownCustomersOf } from './confirm.js';
import { transferFinished } from './events.js';
import { sendTransferOtp } from './otp-delivery.js';
import {
  type Account,
  type Customer,
  loadTransfer,
  presentAccount,
  presentCustomer,
  presentTransfer,
  type Transfer,
} from './present.js';
import * as store from './store.js';

const BELONG = 'Customers, accounts and transfers belong';

// ----- customers

export async function createCustomer(
  db: Database,
  ctx: RequestContext,
  input: Schemas['CustomerCreate'],
): Promise<Customer> {
  const tenant = tenantOf(ctx, BELONG);
  return db.transaction(async (tx) => {
    const row = await store.insertCustomer(tx, tenant, {
      id: newId('cus'),
      external_id: input.id,
      name: input.name,
      kyc_status: input.kyc_status ?? 'pending',
      phone: input.phone ?? null,
      email: input.email ?? null,
      user_id: input.user_id ?? null,
    });
    if (!row) throw new AppError(409, 'customer_exists', `A customer ${input.id} already exists.`);
    const customer = presentCustomer(row);
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: tenant.merchantId,
      action: 'customer.created',
      entityType: 'customer',
      entityId: row.id,
      newValues: customer,
    });
    return customer;
  });
}

export async function getCustomer(db: Queryable, ctx: RequestContext, ref: string): Promise<Customer> {
  const row = await store.findCustomer(db, tenantOf(ctx, BELONG), ref);
  if (!row) throw notFound('customer', ref);
  return presentCustomer(row);
}

export async function listCustomers(db: Queryable, ctx: RequestContext, page: PageRequest) {
  const rows = await store.listCustomers(db, tenantOf(ctx, BELONG), page.limit + 1, page.startingAfter);
  return toPage(
    rows.map((row) => ({ ...row, id: row.external_id, internal_id: row.id })),
    page.limit,
    (row) => presentCustomer({ ...row, id: row.internal_id }),
  );
}

/** KYC changes are compliance records: the old and new status go to the audit log. */
export async function setKyc(
  db: Database,
  ctx: RequestContext,
  ref: string,
  status: Schemas['KycStatus'],
): Promise<Customer> {
  const tenant = tenantOf(ctx, BELONG);
  return db.transaction(async (tx) => {
    const before = await store.findCustomer(tx, tenant, ref, true);
    if (!before) throw notFound('customer', ref);
    const after = await store.setKycStatus(tx, before.id, status);
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: tenant.merchantId,
      action: 'customer.kyc_updated',
      entityType: 'customer',
      entityId: before.id,
      oldValues: { kyc_status: before.kyc_status },
      newValues: { kyc_status: after.kyc_status },
    });
    return presentCustomer(after);
  });
}

// ----- accounts

const FUNDING_PREFIX = '@funding:';

export async function createAccount(
  db: Database,
  ctx: RequestContext,
  input: Schemas['AccountCreate'],
): Promise<Account> {
  const tenant = tenantOf(ctx, BELONG);
  if (currencyExponent(input.currency) === undefined) {
    throw new AppError(400, 'validation_failed', `${input.currency} is not an ISO 4217 currency.`, {
      errors: [
        { field: 'body.currency', message: 'not an ISO 4217 currency code', code: 'invalid_currency' },
      ],
    });
  }
  return db.transaction(async (tx) => {
    const customer = await store.findCustomer(tx, tenant, input.customer_id);
    if (!customer) throw notFound('customer', input.customer_id);
    const id = newId('acc');
    const inserted = await store.insertAccount(tx, tenant, {
      id,
      number: input.number,
      customerId: customer.id,
      currency: input.currency,
      kind: 'customer',
    });
    if (!inserted) throw new AppError(409, 'account_exists', `An account ${input.number} already exists.`);
    const account = await requireAccount(tx, tenant, input.number);
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: tenant.merchantId,
      action: 'account.created',
      entityType: 'account',
      entityId: id,
      newValues: account,
    });
    return account;
  });
}

async function requireAccount(q: Queryable, tenant: Tenant, number: string): Promise<Account> {
  const row = await store.findAccount(q, tenant, number);
  if (row?.kind !== 'customer') throw notFound('account', number);
  return presentAccount(row);
}

export const getAccount = (db: Queryable, ctx: RequestContext, number: string): Promise<Account> =>
  requireAccount(db, tenantOf(ctx, BELONG), number);

export async function listAccounts(
  db: Queryable,
  ctx: RequestContext,
  page: PageRequest,
  customerRef: string | undefined,
) {
  const tenant = tenantOf(ctx, BELONG);
  let customerId: string | undefined;
  if (customerRef !== undefined) {
    const customer = await store.findCustomer(db, tenant, customerRef);
    if (!customer) return toPage([], page.limit, presentAccount);
    customerId = customer.id;
  }
  const rows = await store.listAccounts(db, tenant, {
    limit: page.limit + 1,
    startingAfter: page.startingAfter,
    customerId,
  });
  return toPage(
    rows.map((row) => ({ ...row, id: row.number, internal_id: row.id })),
    page.limit,
    (row) => presentAccount({ ...row, id: row.internal_id }),
  );
}

/**
 * Test money: moved from the merchant's funding account for the currency (made on first use), through the
 * ledger like any transfer, so every balance is still the sum of its entries.
 */
export async function deposit(
  db: Database,
  ctx: RequestContext,
  number: string,
  amount: number,
): Promise<Account> {
  const tenant = tenantOf(ctx, BELONG);
  if (tenant.mode !== 'test') {
    throw new AppError(
      403,
      'test_mode_only',
      'Deposits are test money: use a test key. Live accounts are funded by real transfers.',
    );
  }
  return db.transaction((tx) => depositTestMoney(tx, tenant, ctx.actor, number, amount));
}

/** The deposit itself, in the caller's transaction (the sandbox's demo data uses it too). */
export async function depositTestMoney(
  tx: Queryable,
  tenant: Tenant,
  actor: Actor,
  number: string,
  amount: number,
): Promise<Account> {
  const account = await store.findAccount(tx, tenant, number);
  if (account?.kind !== 'customer') throw notFound('account', number);
  const funding = await store.ensureFundingAccount(
    tx,
    tenant,
    `${FUNDING_PREFIX}${account.currency}`,
    account.currency,
  );
  const held = await reserve(tx, tenant, {
    debitAccountId: funding.id,
    creditAccountId: account.id,
    amount,
    currency: account.currency,
    ttlSeconds: 60,
  });
  if (!held.ok) throw new Error(`a deposit was refused by the ledger: ${held.refusal}`);
  const posted = await post(tx, tenant, held.value.id);
  if (!posted.ok) throw new Error(`a deposit could not be posted: ${posted.refusal}`);
  const after = await requireAccount(tx, tenant, number);
  await writeAudit(tx, {
    actor,
    merchantId: tenant.merchantId,
    action: 'account.deposited',
    entityType: 'account',
    entityId: account.id,
    oldValues: { balance: Number(account.balance) },
    newValues: { balance: after.balance, amount },
  });
  return after;
}

// ----- transfers

export async function getTransfer(db: Queryable, ctx: RequestContext, id: string): Promise<Transfer> {
  const transfer = await loadTransfer(db, tenantOf(ctx, BELONG), id, ownCustomersOf(ctx, 'read'));
  if (!transfer) throw notFound('transfer', id);
  return transfer;
}

export async function listTransfers(
  db: Queryable,
  ctx: RequestContext,
  page: PageRequest,
  filters: { status?: Transfer['status'] | undefined; customerRef?: string | undefined },
) {
  const rows = await store.listTransfers(db, tenantOf(ctx, BELONG), {
    ...filters,
    limit: page.limit + 1,
    startingAfter: page.startingAfter,
    userId: ownCustomersOf(ctx, 'read'),
  });
  // A list shows each transfer's state; where its code went is on the transfer itself.
  return toPage(rows, page.limit, (row) => presentTransfer(row, null));
}

/** A new code for a transfer waiting for one, within the re-send limits. */
export async function resendOtp(db: Database, ctx: RequestContext, id: string): Promise<Transfer> {
  const tenant = tenantOf(ctx, BELONG);
  return db.transaction(async (tx) => {
    const row = await store.findTransfer(tx, tenant, id, {
      userId: ownCustomersOf(ctx, 'write'),
      lock: true,
    });
    if (!row) throw notFound('transfer', id);
    if (row.status !== 'requires_otp') {
      throw new AppError(409, 'otp_not_required', `Transfer ${id} is ${row.status}: it waits for no code.`);
    }
    if (await store.holdHasExpired(tx, row.reservation_id ?? '')) {
      throw new AppError(
        422,
        'transfer_expired',
        'The held funds are being released: a code would come too late. Make a new transfer.',
      );
    }
    const customer = await store.findCustomerById(tx, row.customer_id);
    if (!customer) throw new Error(`the customer of ${id} is gone`);
    const sent = await sendTransferOtp(tx, tenant, {
      transferId: id,
      customer,
      amount: Number(row.amount),
      currency: row.currency,
      to: row.to_account,
    });
    if (!sent.ok) {
      if (sent.refusal === 'otp_locked') {
        throw new AppError(403, 'otp_locked', 'Three wrong codes: this transfer can no longer be confirmed.');
      }
      if (sent.refusal === 'otp_already_verified') {
        throw new AppError(409, 'otp_not_required', `Transfer ${id} already has its code.`);
      }
      const wait = sent.retryAfterSeconds;
      throw new AppError(
        429,
        'otp_resend_limited',
        wait === undefined
          ? 'This transfer’s code was sent 3 times already: make a new transfer.'
          : `Wait ${wait} s before asking for another code.`,
        wait === undefined ? {} : { headers: { 'Retry-After': String(wait) } },
      );
    }
    const transfer = await loadTransfer(tx, tenant, id);
    if (!transfer) throw new Error(`transfer ${id} vanished under its lock`);
    return transfer;
  });
}

/**
 * When a held transfer's time runs out, before its hold is released: it fails (`hold_expired`), and says so. The
 * transfer is locked without waiting: one busy with its code step is skipped this round (that step locks the
 * transfer before the hold, so waiting here could deadlock with it, and it will see the expiry itself).
 */
export const failExpiredTransfer: OnExpiring = async (tx, reservation, tenant) => {
  const owner = await tx.query<{ id: string }>('SELECT id FROM transfers WHERE reservation_id = $1', [
    reservation.id,
  ]);
  if (owner.rows.length === 0) return true;
  const { rows } = await tx.query<{ id: string; status: string }>(
    'SELECT id, status FROM transfers WHERE reservation_id = $1 FOR UPDATE SKIP LOCKED',
    [reservation.id],
  );
  const locked = rows[0];
  if (!locked) return false;
  if (locked.status !== 'requires_otp') return true;
  await store.setTransferStatus(tx, locked.id, 'failed', 'hold_expired');
  const transfer = await loadTransfer(tx, tenant, locked.id);
  if (!transfer) return true;
  await writeAudit(tx, {
    actor: { id: 'system' },
    merchantId: tenant.merchantId,
    action: 'transfer.failed',
    entityType: 'transfer',
    entityId: locked.id,
    newValues: transfer,
  });
  await transferFinished(tx, tenant, transfer);
  return true;
};
