import type { Logger } from 'pino';
import { writeAudit } from '../audit/audit.js';
import type { Tenant } from '../auth/context.js';
import { post, voidReservation } from '../ledger/ledger.js';
import type { BankGateway } from '../partner-bank/gateway.js';
import type { BankSendOutcome, BankStatusOutcome } from '../partner-bank/types.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { enqueueJob } from '../platform/jobs/index.js';
import type { JobWorker } from '../platform/jobs/worker.js';
import { transferFinished } from './events.js';
import { loadTransfer } from './present.js';
import * as store from './store.js';

export const BANK_SEND_JOB = 'transfer.bank_send';

declare module '../platform/jobs/tasks.js' {
  interface JobTasks {
    [BANK_SEND_JOB]: { transferId: string; merchantId: string; mode: Tenant['mode'] };
  }
}

/** Queues the payment of a `processing` transfer to its partner bank, in the caller's transaction. */
export const queueBankPayment = (tx: Queryable, tenant: Tenant, transferId: string) =>
  enqueueJob(tx, BANK_SEND_JOB, { transferId, merchantId: tenant.merchantId, mode: tenant.mode });

/**
 * Pays transfers to other banks. The first attempt sends; a later one (after a timeout, an outage or a crash)
 * asks the bank first and sends again only when the bank never saw the reference, so a transfer is never
 * paid twice. Credited: the hold is posted and the transfer completes; declined: the hold is released and it
 * fails; anything else: the job tries again with its backoff, the funds held meanwhile.
 */
export function registerBankTransferJobs(
  worker: JobWorker,
  deps: { db: Database; gateway: BankGateway; logger: Logger },
): void {
  worker.register(BANK_SEND_JOB, async ({ transferId, merchantId, mode }, job) => {
    const tenant: Tenant = { merchantId, mode };
    const row = await store.findTransfer(deps.db, tenant, transferId);
    if (row?.status !== 'processing' || row.to_bank === null) return undefined;
    const bank = row.to_bank;
    const send = () =>
      deps.gateway.send(bank, {
        reference: row.id,
        account: row.to_account,
        amount: Number(row.amount),
        currency: row.currency,
      });
    let outcome: BankSendOutcome | BankStatusOutcome;
    if (job.attempts > 1) {
      const status = await deps.gateway.status(bank, row.id);
      outcome = status.kind === 'not_found' ? await send() : status;
    } else {
      outcome = await send();
    }
    if (outcome.kind === 'accepted' || outcome.kind === 'declined') {
      await deps.db.transaction((tx) => settle(tx, tenant, transferId, outcome));
      return undefined;
    }
    deps.logger.warn(
      { transfer_id: transferId, bank, reason: outcome.reason },
      'partner bank did not settle',
    );
    throw new Error(`partner bank ${bank}: ${outcome.reason}`);
  });
}

async function settle(
  tx: Queryable,
  tenant: Tenant,
  transferId: string,
  outcome: { kind: 'accepted'; bankReference: string } | { kind: 'declined'; code: string; reason: string },
): Promise<void> {
  const row = await store.findTransfer(tx, tenant, transferId, { lock: true });
  if (row?.status !== 'processing' || row.reservation_id === null) return;
  if (outcome.kind === 'accepted') {
    const posted = await post(tx, tenant, row.reservation_id);
    if (!posted.ok) throw new Error(`the hold of ${transferId} could not be posted: ${posted.refusal}`);
    await store.setTransferStatus(tx, transferId, 'completed', null, outcome.bankReference);
  } else {
    const released = await voidReservation(tx, tenant, row.reservation_id);
    if (!released.ok) throw new Error(`the hold of ${transferId} could not be released: ${released.refusal}`);
    await store.setTransferStatus(tx, transferId, 'failed', `bank_${outcome.code}`);
  }
  const transfer = await loadTransfer(tx, tenant, transferId);
  if (!transfer) return;
  await writeAudit(tx, {
    actor: { id: 'system' },
    merchantId: tenant.merchantId,
    action: outcome.kind === 'accepted' ? 'transfer.completed' : 'transfer.failed',
    entityType: 'transfer',
    entityId: transferId,
    newValues: outcome.kind === 'accepted' ? transfer : { ...transfer, bank_reason: outcome.reason },
  });
  await transferFinished(tx, tenant, transfer);
}
