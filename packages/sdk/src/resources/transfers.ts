import { checkId, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import { newIdempotencyKey } from '../transport.js';
import type {
  Account,
  AccountCreateParams,
  AccountListParams,
  Customer,
  CustomerCreateParams,
  CustomerListParams,
  KycStatus,
  Notification,
  NotificationListParams,
  Transfer,
  TransferConfirmParams,
  TransferListParams,
} from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';

/** Transfers between accounts (seed 002), with the risk rules and the OTP step-up. Amounts are in minor units. */
export interface TransfersResource {
  /**
   * Confirms a transfer. Resolves with it `completed` (LOW risk), or `requires_otp` (HIGH risk: a code went to
   * the customer); then call `confirm` again with the same params plus `otp`. The `Idempotency-Key` is
   * `opts.idempotencyKey`, or by default `transfer-<transaction_id>`: the OTP step, a retry after a crash and a
   * retry by another process all reuse it without keeping it anywhere. A wrong code rejects with a
   * `MolamPermissionError` (code `otp_invalid`, `attempts_left` in its problem) and the key stays usable.
   * Any other answer, refusals included (`insufficient_funds` …), is stored under the key for 24 hours: to try
   * again once the cause is fixed, pass a new `idempotencyKey`. With `to_bank`, the answer is `processing`
   * and the bank's outcome arrives as `transfer.completed` or `transfer.failed`.
   */
  confirm(params: TransferConfirmParams, opts?: RequestOptions): Promise<Transfer>;
  get(transferId: string, opts?: RequestOptions): Promise<Transfer>;
  /** Newest first; filters `status` and `customer_id`. */
  list(params?: TransferListParams, opts?: RequestOptions): PagePromise<Transfer>;
  /** Sends a new code for a transfer that `requires_otp` (3 sends at most, 30 s apart). */
  resendOtp(transferId: string, opts?: RequestOptions): Promise<Transfer>;
}

export interface CustomersResource {
  create(params: CustomerCreateParams, opts?: RequestOptions): Promise<Customer>;
  /** By your id for the customer (`cust_001`). */
  get(customerId: string, opts?: RequestOptions): Promise<Customer>;
  list(params?: CustomerListParams, opts?: RequestOptions): PagePromise<Customer>;
  /** Sets the KYC status (recorded in the audit log); only `verified` customers escape the 40-point rule. */
  setKyc(customerId: string, status: KycStatus, opts?: RequestOptions): Promise<Customer>;
}

export interface AccountsResource {
  create(params: AccountCreateParams, opts?: RequestOptions): Promise<Account>;
  /** By number (`ACC001`), with its balance, what is held, and what is available. */
  get(accountNumber: string, opts?: RequestOptions): Promise<Account>;
  list(params?: AccountListParams, opts?: RequestOptions): PagePromise<Account>;
  /** Test mode only: puts test money in the account, through the ledger. */
  deposit(accountNumber: string, amount: number, opts?: RequestOptions): Promise<Account>;
}

export interface NotificationsResource {
  /** Messages sent to customers, newest first; in test mode each keeps its text (a sandbox OTP is read here). */
  list(params?: NotificationListParams, opts?: RequestOptions): PagePromise<Notification>;
}

const keyFor = (params: TransferConfirmParams, opts: RequestOptions | undefined): string =>
  opts?.idempotencyKey ?? `transfer-${params.transaction_id}`;

export function transfersResource(context: ResourceContext): TransfersResource {
  const { client } = context;
  return {
    async confirm(params, opts) {
      const init = callInit(context, opts, 'transfers.confirm');
      const header = { 'Idempotency-Key': keyFor(params, opts) };
      return bodyOf(await client.POST('/api/v1/transfers', { params: { header }, body: params, ...init }));
    },
    async get(transferId, opts) {
      const path = { transfer_id: checkId(transferId, 'transferId', 'transfers.get') };
      const init = callInit(context, opts, 'transfers.get');
      return bodyOf(await client.GET('/api/v1/transfers/{transfer_id}', { params: { path }, ...init }));
    },
    list(params, opts) {
      return paginate<Transfer, TransferListParams>(
        params,
        'transfers.list',
        async (query) => {
          const init = callInit(context, opts, 'transfers.list');
          return bodyOf(await client.GET('/api/v1/transfers', { params: { query }, ...init }));
        },
        ['status', 'customer_id'],
      );
    },
    async resendOtp(transferId, opts) {
      const path = { transfer_id: checkId(transferId, 'transferId', 'transfers.resendOtp') };
      const init = callInit(context, opts, 'transfers.resendOtp');
      return bodyOf(await client.POST('/api/v1/transfers/{transfer_id}/otp', { params: { path }, ...init }));
    },
  };
}

export function customersResource(context: ResourceContext): CustomersResource {
  const { client } = context;
  const customerPath = (id: string, where: string) => ({ customer_id: checkId(id, 'customerId', where) });
  return {
    async create(params, opts) {
      const init = callInit(context, opts, 'customers.create');
      const header = { 'Idempotency-Key': opts?.idempotencyKey ?? newIdempotencyKey() };
      return bodyOf(await client.POST('/api/v1/customers', { params: { header }, body: params, ...init }));
    },
    async get(customerId, opts) {
      const init = callInit(context, opts, 'customers.get');
      const path = customerPath(customerId, 'customers.get');
      return bodyOf(await client.GET('/api/v1/customers/{customer_id}', { params: { path }, ...init }));
    },
    list(params, opts) {
      return paginate<Customer, CustomerListParams>(params, 'customers.list', async (query) => {
        const init = callInit(context, opts, 'customers.list');
        return bodyOf(await client.GET('/api/v1/customers', { params: { query }, ...init }));
      });
    },
    async setKyc(customerId, status, opts) {
      const init = callInit(context, opts, 'customers.setKyc');
      const path = customerPath(customerId, 'customers.setKyc');
      return bodyOf(
        await client.PUT('/api/v1/customers/{customer_id}/kyc', {
          params: { path },
          body: { status },
          ...init,
        }),
      );
    },
  };
}

export function accountsResource(context: ResourceContext): AccountsResource {
  const { client } = context;
  const accountPath = (number: string, where: string) => ({
    account_number: checkId(number, 'accountNumber', where),
  });
  return {
    async create(params, opts) {
      const init = callInit(context, opts, 'accounts.create');
      const header = { 'Idempotency-Key': opts?.idempotencyKey ?? newIdempotencyKey() };
      return bodyOf(await client.POST('/api/v1/accounts', { params: { header }, body: params, ...init }));
    },
    async get(accountNumber, opts) {
      const init = callInit(context, opts, 'accounts.get');
      const path = accountPath(accountNumber, 'accounts.get');
      return bodyOf(await client.GET('/api/v1/accounts/{account_number}', { params: { path }, ...init }));
    },
    list(params, opts) {
      return paginate<Account, AccountListParams>(
        params,
        'accounts.list',
        async (query) => {
          const init = callInit(context, opts, 'accounts.list');
          return bodyOf(await client.GET('/api/v1/accounts', { params: { query }, ...init }));
        },
        ['customer_id'],
      );
    },
    async deposit(accountNumber, amount, opts) {
      const init = callInit(context, opts, 'accounts.deposit');
      const path = accountPath(accountNumber, 'accounts.deposit');
      const header = { 'Idempotency-Key': opts?.idempotencyKey ?? newIdempotencyKey() };
      return bodyOf(
        await client.POST('/api/v1/accounts/{account_number}/deposits', {
          params: { path, header },
          body: { amount },
          ...init,
        }),
      );
    },
  };
}

export function notificationsResource(context: ResourceContext): NotificationsResource {
  return {
    list(params, opts) {
      return paginate<Notification, NotificationListParams>(
        params,
        'notifications.list',
        async (query) => {
          const init = callInit(context, opts, 'notifications.list');
          return bodyOf(await context.client.GET('/api/v1/notifications', { params: { query }, ...init }));
        },
        ['recipient'],
      );
    },
  };
}
