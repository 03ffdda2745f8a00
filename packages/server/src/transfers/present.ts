import type { Schemas } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { maskRecipient } from './otp-delivery.js';
import { type AccountRow, type CustomerRow, findTransfer, otpSummary, type TransferRow } from './store.js';

export type Customer = Schemas['Customer'];
export type Account = Schemas['Account'];
export type Transfer = Schemas['Transfer'];
export type TransferOtp = NonNullable<Transfer['otp']>;

const iso = (value: Date): string => new Date(value).toISOString();

export const presentCustomer = (row: CustomerRow): Customer => ({
  id: row.external_id,
  object: 'customer',
  name: row.name,
  kyc_status: row.kyc_status,
  phone: row.phone,
  email: row.email,
  user_id: row.user_id,
  mode: row.mode,
  created_at: iso(row.created_at),
});

export const presentAccount = (row: AccountRow): Account => ({
  number: row.number,
  object: 'account',
  customer_id: row.customer_ref ?? '',
  currency: row.currency,
  balance: Number(row.balance),
  reserved: Number(row.reserved),
  available: Number(row.balance) - Number(row.reserved),
  mode: row.mode,
  created_at: iso(row.created_at),
});

/** `otp` is where the last code went (from its challenge and message), null when none was needed. */
export const presentTransfer = (row: TransferRow, otp: TransferOtp | null): Transfer => ({
  id: row.id,
  object: 'transfer',
  transaction_id: row.transaction_id,
  customer_id: row.customer_ref,
  from_account: row.from_account,
  to_account: row.to_account,
  to_bank: row.to_bank,
  bank_reference: row.bank_reference,
  amount: Number(row.amount),
  currency: row.currency,
  status: row.status,
  risk: {
    score: row.risk_score,
    level: row.risk_level,
    rules: row.risk_rules as Transfer['risk']['rules'],
  },
  otp,
  failure_code: row.failure_code,
  mode: row.mode,
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
  completed_at: row.completed_at === null ? null : iso(row.completed_at),
});

/** A transfer as the API shows it; `userId` limits it to that user's customers. */
export async function loadTransfer(
  q: Queryable,
  tenant: Tenant,
  id: string,
  userId?: string,
): Promise<Transfer | undefined> {
  const row = await findTransfer(q, tenant, id, { userId });
  if (!row) return undefined;
  const otp = await otpSummary(q, tenant, id);
  return presentTransfer(
    row,
    otp
      ? {
          channel: otp.channel,
          recipient: maskRecipient(otp.recipient),
          expires_at: new Date(otp.expires_at).toISOString(),
          sends: otp.sends,
        }
      : null,
  );
}
