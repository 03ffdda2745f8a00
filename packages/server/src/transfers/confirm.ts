import { createHash } from 'node:crypto';
import type { Schemas } from '@molam/contract';
import { type RequestContext, type Tenant, tenantOf } from '../auth/context.js';
import { reserve } from '../ledger/ledger.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import {
  claimIdempotencyKey,
  idempotencyOwner,
  type StoredResponse,
  storeIdempotentResponse,
} from '../platform/idempotency-keys.js';
import { newId } from '../platform/ids.js';
import { screenNames } from '../screening/sanctions.js';
import { finish, refusal, type TransferResponse } from './answers.js';
import { completeAtOnce } from './complete-at-once.js';
import { moveHeld, sendToBank } from './moves.js';
import { sendTransferOtp } from './otp-delivery.js';
import { completeWithOtp } from './otp-step.js';
import { assessRisk, type RiskThresholds } from './risk.js';
import * as store from './store.js';

export type TransferConfirm = Schemas['TransferConfirm'];

export interface TransfersDeps {
  db: Database;
  /** Amount thresholds per currency (minor units): a currency without them takes no transfers. */
  thresholds: Record<string, RiskThresholds>;
  /** The partner banks a transfer may pay into (`to_bank`), per mode. */
  banks: { serves(code: string, mode: Tenant['mode']): boolean };
}

/** A HIGH-risk transfer's funds stay held this long for its code (codes last 5 minutes; re-sends restart them). */
export const HOLD_SECONDS = 30 * 60;

const TRANSFERS_BELONG = 'Transfers belong';

/**
 * A user token acts for the user's own customers only (`customers.user_id`), unless its role works for the
 * whole merchant: `merchant_admin` for anything, `merchant_viewer` for reads. API keys act for all of the
 * merchant's customers. (A token with `customer` and `merchant_viewer` writes for its own customers only.)
 */
export const ownCustomersOf = (ctx: RequestContext, access: 'read' | 'write'): string | undefined => {
  const user = ctx.auth.user;
  if (user === null) return undefined;
  const merchantWide =
    user.roles.includes('merchant_admin') || (access === 'read' && user.roles.includes('merchant_viewer'));
  return merchantWide ? undefined : user.userId;
};

/**
 * The operation and the body without `otp`, keys sorted: the request that brings the code is the same request
 * as the one that asked for it, on either path (`/payment/confirm`, `/api/v1/transfers`).
 */
export function transferFingerprint(input: TransferConfirm): string {
  const { otp: _otp, ...rest } = input;
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256')
    .update(`transfer.confirm\n${JSON.stringify(sorted)}`)
    .digest('hex');
}

/**
 * Seed 002's confirm flow, exactly once. One transaction claims the Idempotency-Key, locks the customer (so
 * "transfers today" is exact), screens both parties, scores the risk, holds the funds and either moves them
 * (LOW) or sends a code and waits (HIGH), and stores the answer. The retry that brings the code finds the key
 * `awaiting_otp` and completes the same transfer; a wrong code is answered without using up the key, and its
 * failure count commits (it is returned, not thrown).
 */
export async function confirmTransfer(
  deps: TransfersDeps,
  ctx: RequestContext,
  input: TransferConfirm,
  idempotencyKey: string,
): Promise<TransferResponse> {
  const tenant = tenantOf(ctx, TRANSFERS_BELONG);
  const owner = idempotencyOwner(ctx.auth);
  return deps.db.transaction(async (tx) => {
    const stored = await claimIdempotencyKey(tx, owner, idempotencyKey, transferFingerprint(input), 0);
    if (stored?.state === 'completed') return { status: stored.status, body: stored.body, replayed: true };
    if (stored) {
      const transferId = (stored.body as { id?: unknown }).id;
      if (typeof transferId !== 'string') throw new Error('an awaiting_otp key stores no transfer id');
      const key = { owner, key: idempotencyKey, stored };
      return completeWithOtp(tx, ctx, tenant, key, transferId, input.otp);
    }
    const outcome = await startTransfer(tx, deps, ctx, tenant, input, { owner, key: idempotencyKey });
    if (!outcome.stored) {
      await storeIdempotentResponse(
        tx,
        owner,
        idempotencyKey,
        outcome,
        outcome.awaitingOtp ? 'awaiting_otp' : 'completed',
      );
    }
    return { status: outcome.status, body: outcome.body, replayed: false };
  });
}

interface Outcome extends StoredResponse {
  awaitingOtp?: boolean;
  /** Already stored under the key, with the transfer (a LOW-risk transfer completed at once). */
  stored?: boolean;
}

async function startTransfer(
  tx: Queryable,
  deps: TransfersDeps,
  ctx: RequestContext,
  tenant: Tenant,
  input: TransferConfirm,
  key: { owner: string; key: string },
): Promise<Outcome> {
  const ownUser = ownCustomersOf(ctx, 'write');
  // Locks the customer, then the transaction id (two customers' requests with one transaction_id are serialised,
  // so the second sees the first), and reads the rest in the same statement.
  const facts = await store.confirmationFacts(tx, tenant, {
    customerRef: input.customer_id,
    transactionId: input.transaction_id,
    fromNumber: input.from_account,
    toNumber: input.to_bank === undefined ? input.to_account : null,
  });
  const customer = facts.customer;
  if (!customer || (ownUser !== undefined && customer.user_id !== ownUser)) {
    return refusal(ctx, new AppError(404, 'not_found', `No customer ${input.customer_id}.`));
  }
  if (facts.existingTransferId !== undefined) {
    return refusal(
      ctx,
      new AppError(
        409,
        'transaction_exists',
        `Transfer ${facts.existingTransferId} already has transaction_id ${input.transaction_id}.`,
      ),
    );
  }
  const from = facts.from;
  if (from?.kind !== 'customer') {
    return refusal(ctx, new AppError(404, 'not_found', `No account ${input.from_account}.`));
  }
  // An account at a partner bank is paid through the bank's settlement account here, then by the bank.
  const external =
    input.to_bank === undefined ? undefined : { bank: input.to_bank, account: input.to_account };
  if (external && !deps.banks.serves(external.bank, tenant.mode)) {
    return refusal(
      ctx,
      new AppError(
        422,
        'bank_not_supported',
        `This server pays no ${tenant.mode} transfers into ${external.bank}.`,
      ),
    );
  }
  const to = external
    ? await store.ensureFundingAccount(tx, tenant, `@bank:${external.bank}:${from.currency}`, from.currency)
    : facts.to;
  if (to === undefined || (!external && to.kind !== 'customer')) {
    return refusal(ctx, new AppError(404, 'not_found', `No account ${input.to_account}.`));
  }
  if (from.customer_id !== customer.id) {
    return refusal(
      ctx,
      new AppError(422, 'account_not_owned', `${from.number} is not an account of ${input.customer_id}.`),
    );
  }
  if (from.id === to.id) {
    return refusal(
      ctx,
      new AppError(422, 'same_account', 'from_account and to_account are the same account.'),
    );
  }
  if (from.currency !== to.currency || (input.currency !== undefined && input.currency !== from.currency)) {
    return refusal(
      ctx,
      new AppError(
        422,
        'currency_mismatch',
        `${from.number} holds ${from.currency}, ${to.number} ${to.currency}${input.currency ? `; the request says ${input.currency}` : ''}.`,
      ),
    );
  }
  const thresholds = deps.thresholds[from.currency];
  if (!thresholds) {
    return refusal(
      ctx,
      new AppError(
        422,
        'currency_not_supported',
        `This server takes no ${from.currency} transfers: TRANSFER_RISK_THRESHOLDS names no thresholds for it.`,
      ),
    );
  }

  const beneficiary = external ? undefined : facts.beneficiary;
  const matches = await screenNames(tx, beneficiary ? [customer.name, beneficiary.name] : [customer.name]);
  const risk = assessRisk(
    {
      amount: input.amount,
      currency: from.currency,
      transfersToday: facts.transfersToday + 1,
      sanctioned: matches.length > 0,
      kycVerified: customer.kyc_status === 'verified',
    },
    thresholds,
  );
  const base = {
    id: newId('trf'),
    transaction_id: input.transaction_id,
    customer_id: customer.id,
    debit_account_id: from.id,
    credit_account_id: to.id,
    amount: input.amount,
    currency: from.currency,
    risk_score: risk.score,
    risk_level: risk.level,
    risk_rules: risk.rules,
  };

  if (matches.length > 0) {
    // Nothing is held or moved; the attempt itself is kept, for compliance.
    await store.insertTransfer(tx, tenant, {
      ...base,
      status: 'blocked',
      reservation_id: null,
      failure_code: 'sanctions_match',
    });
    const transfer = await finish(tx, ctx, tenant, base.id, 'transfer.blocked', { matches });
    return refusal(
      ctx,
      new AppError(
        403,
        'transfer_blocked',
        'A party to this transfer is on a sanctions list: nothing was moved.',
      ),
      { transfer_id: transfer.id, risk: transfer.risk },
    );
  }

  const high = risk.level === 'HIGH';
  const channel = customer.phone ? 'sms' : customer.email ? 'email' : null;
  if (high && channel === null) {
    return refusal(
      ctx,
      new AppError(
        422,
        'no_otp_channel',
        `This transfer needs a code and ${input.customer_id} has no phone or e-mail to send it to.`,
      ),
    );
  }
  const insufficientFunds = () =>
    refusal(
      ctx,
      new AppError(
        422,
        'insufficient_funds',
        `${from.number} can spend ${Number(from.balance) - Number(from.reserved)} ${from.currency} minor units; the transfer needs ${input.amount}.`,
      ),
    );
  if (!high && !external) {
    const completed = await completeAtOnce(tx, ctx, tenant, key, {
      base,
      customer,
      from,
      to,
      startedAt: facts.startedAt,
    });
    return completed ?? insufficientFunds();
  }
  const held = await reserve(tx, tenant, {
    debitAccountId: from.id,
    creditAccountId: to.id,
    amount: input.amount,
    currency: from.currency,
    ttlSeconds: HOLD_SECONDS,
  });
  if (!held.ok) {
    if (held.refusal !== 'insufficient_funds')
      throw new Error(`the ledger refused a checked transfer: ${held.refusal}`);
    return insufficientFunds();
  }

  if (!high) {
    // Only money for a partner bank gets here (a LOW-risk local transfer completed above): held until it answers.
    const moved = await moveHeld(tx, tenant, held.value.id, true);
    if (!moved.ok) throw new Error(`a fresh hold could not be moved: ${moved.refusal}`);
    await store.insertTransfer(tx, tenant, {
      ...base,
      status: moved.status,
      reservation_id: held.value.id,
      failure_code: null,
      external,
    });
    return sendToBank(tx, ctx, tenant, base.id);
  }

  await store.insertTransfer(tx, tenant, {
    ...base,
    status: 'requires_otp',
    reservation_id: held.value.id,
    failure_code: null,
    external,
  });
  const otp = await sendTransferOtp(tx, tenant, {
    transferId: base.id,
    customer,
    amount: input.amount,
    currency: from.currency,
    to: to.number,
  });
  if (!otp.ok) throw new Error(`a new transfer's first code was refused: ${otp.refusal}`);
  const transfer = await finish(tx, ctx, tenant, base.id, 'transfer.otp_required');
  return { status: 202, body: transfer, awaitingOtp: true };
}
