import type { Tenant } from '../auth/context.js';
import { queueNotification } from '../notifications/store.js';
import type { Queryable } from '../platform/db/index.js';
import { currencyExponent } from '../platform/iso.js';
import { type IssueRefusal, issueOtp } from './otp.js';
import type { TransferOtp } from './present.js';
import type { CustomerRow } from './store.js';

/** `+260971234567` → `+26097•••4567`; `ada@example.com` → `a•••@example.com`. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient.slice(0, 1)}•••${recipient.slice(at)}`;
  return recipient.length <= 8 ? '•••' : `${recipient.slice(0, 6)}•••${recipient.slice(-4)}`;
}

const major = (amount: number, currency: string): string => {
  const exponent = currencyExponent(currency) ?? 2;
  return `${(amount / 10 ** exponent).toFixed(exponent)} ${currency}`;
};

export type OtpDelivery =
  | { ok: true; value: TransferOtp }
  | { ok: false; refusal: IssueRefusal; retryAfterSeconds?: number | undefined };

/**
 * Issues the transfer's code (a first one, or a re-send within the limits) and queues it to the customer's phone,
 * or e-mail when there is no phone, in the caller's transaction. The code exists in plain text only in the
 * message; the transfer, its events and the stored answer carry where it went, never what it is.
 */
export async function sendTransferOtp(
  tx: Queryable,
  tenant: Tenant,
  transfer: { transferId: string; customer: CustomerRow; amount: number; currency: string; to: string },
): Promise<OtpDelivery> {
  const { customer } = transfer;
  const channel = customer.phone ? 'sms' : 'email';
  const recipient = customer.phone ?? customer.email;
  if (recipient === null) throw new Error(`customer ${customer.external_id} has nowhere to send a code`);
  const issued = await issueOtp(tx, tenant, transfer.transferId);
  if (!issued.ok) return issued;
  await queueNotification(tx, tenant, {
    channel,
    recipient,
    purpose: 'transfer_otp',
    subject: transfer.transferId,
    body: `Molam: ${issued.code} is your code to send ${major(transfer.amount, transfer.currency)} to ${transfer.to}. It expires in 5 minutes. Never share it.`,
  });
  return {
    ok: true,
    value: {
      channel,
      recipient: maskRecipient(recipient),
      expires_at: issued.expiresAt.toISOString(),
      sends: issued.sends,
    },
  };
}
