import type { RequestContext, Tenant } from '../auth/context.js';
import { voidReservation } from '../ledger/ledger.js';
import type { Queryable } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import {
  readStoredResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../platform/idempotency-keys.js';
import { finish, refusal, type TransferResponse, transferExpired } from './answers.js';
import { moveHeld, sendToBank } from './moves.js';
import { verifyOtp } from './otp.js';
import * as store from './store.js';

/**
 * The retry that brings the code, under the transfer's lock: a wrong code answered without using up the key
 * (its failure count commits), the third one final, an expired hold final; the right code moves the funds.
 */
export async function completeWithOtp(
  tx: Queryable,
  ctx: RequestContext,
  tenant: Tenant,
  key: { owner: string; key: string; stored: StoredResponse },
  transferId: string,
  code: string | undefined,
): Promise<TransferResponse> {
  const transfer = await store.findTransfer(tx, tenant, transferId, { lock: true });
  if (!transfer) throw new Error(`the transfer ${transferId} of an awaiting_otp key is gone`);
  const final = async (response: StoredResponse): Promise<TransferResponse> => {
    await storeIdempotentResponse(tx, key.owner, key.key, response);
    return { ...response, replayed: false };
  };
  if (transfer.status !== 'requires_otp') {
    // A concurrent retry finished it while we waited for its lock (its answer is stored by now), or the worker
    // released its hold when its time ran out (the key still holds the first answer: this is the final one).
    const stored = await readStoredResponse(tx, key.owner, key.key);
    if (stored?.state === 'completed') return { status: stored.status, body: stored.body, replayed: true };
    if (transfer.failure_code !== 'hold_expired') {
      throw new Error(`transfer ${transferId} is ${transfer.status} but its key holds no final answer`);
    }
    return final(transferExpired(ctx));
  }
  // The same request without its code (a retry of the first): the first answer again.
  if (code === undefined) return { status: key.stored.status, body: key.stored.body, replayed: true };
  const verified = await verifyOtp(tx, tenant, transferId, code);
  if (!verified.ok) {
    switch (verified.refusal) {
      case 'otp_invalid':
        // Not stored: the key stays usable for the right code, and the failure just counted commits.
        return {
          ...refusal(
            ctx,
            new AppError(
              403,
              'otp_invalid',
              `That is not the code sent to the customer; ${verified.attemptsLeft ?? 0} ${verified.attemptsLeft === 1 ? 'try' : 'tries'} left.`,
            ),
            { attempts_left: verified.attemptsLeft ?? 0 },
          ),
          replayed: false,
        };
      case 'otp_expired':
        return {
          ...refusal(
            ctx,
            new AppError(
              403,
              'otp_expired',
              `The code has expired: ask for a new one (POST /api/v1/transfers/${transferId}/otp), then send it with the same Idempotency-Key.`,
            ),
          ),
          replayed: false,
        };
      case 'otp_locked': {
        const released = await voidReservation(tx, tenant, transfer.reservation_id ?? '');
        if (!released.ok)
          throw new Error(`the hold of ${transferId} could not be released: ${released.refusal}`);
        await store.setTransferStatus(tx, transferId, 'failed', 'otp_locked');
        const failed = await finish(tx, ctx, tenant, transferId, 'transfer.failed');
        return final(
          refusal(
            ctx,
            new AppError(
              403,
              'otp_locked',
              'Three wrong codes: this transfer is cancelled and its funds released. Make a new transfer.',
            ),
            { transfer_id: failed.id },
          ),
        );
      }
      case 'otp_not_issued':
        throw new Error(`transfer ${transferId} waits for a code that was never issued`);
    }
  }
  const moved = await moveHeld(tx, tenant, transfer.reservation_id ?? '', transfer.to_bank !== null);
  if (!moved.ok) {
    if (moved.refusal !== 'reservation_expired')
      throw new Error(`the hold of ${transferId} is ${moved.refusal}`);
    await store.setTransferStatus(tx, transferId, 'failed', 'hold_expired');
    await finish(tx, ctx, tenant, transferId, 'transfer.failed');
    return final(transferExpired(ctx));
  }
  await store.setTransferStatus(tx, transferId, moved.status);
  return final(
    moved.status === 'processing'
      ? await sendToBank(tx, ctx, tenant, transferId)
      : { status: 201, body: await finish(tx, ctx, tenant, transferId, 'transfer.completed') },
  );
}
