import type { Logger } from 'pino';
import type { Database, Queryable } from '../platform/db/index.js';
import { enqueueJob, type JobResult, type JobWorker, readyJobsByKind } from '../platform/jobs/index.js';
import { insertAttempts } from './attempts-store.js';
import type { ProviderBreakers } from './breakers.js';
import {
  type CheckPayload,
  checkJob,
  LEGACY_CHECK_JOB,
  LEGACY_SUBMIT_JOB,
  type SubmitPayload,
  submitJob,
} from './job-kinds.js';
import type { PaymentMetrics } from './metrics.js';
import type { CallLog, FailureCode, ProviderCall, ProviderName, ProviderPayment } from './providers/types.js';
import { candidateProviders, type ProviderRegistry } from './routing.js';
import { type Settlement, settlePayment } from './settle.js';
import type { PaymentRow, ReadPaymentRow } from './store.js';
import * as store from './store.js';

export interface ProcessorDeps {
  db: Database;
  registry: ProviderRegistry;
  breakers: ProviderBreakers;
  metrics: PaymentMetrics;
  logger: Logger;
  /** Public base URL for provider callbacks (`…/api/v1/webhooks/{provider}`), when we have one. */
  callbackBaseUrl?: string | undefined;
  /** A payment still pending this long after submission ends `failed` with `expired`. */
  pendingWindowMs: number;
  /** Bounds of the reconciliation backoff. */
  checkDelayMs?: { min: number; max: number };
}

const MAX_RESUBMITS = 3;
const SYSTEM = { id: 'system:payments-worker' };

function providerPayment(row: PaymentRow, callbackBaseUrl: string | undefined): ProviderPayment {
  return {
    reference: row.provider_reference,
    paymentId: row.id,
    flow: row.flow,
    amount: Number(row.amount),
    currency: row.currency.trim(),
    msisdn: row.msisdn,
    description: row.description ?? undefined,
    payerMessage: row.payer_message ?? undefined,
    payeeNote: row.payee_note ?? undefined,
    callbackUrl: callbackBaseUrl
      ? `${callbackBaseUrl.replace(/\/$/, '')}/api/v1/webhooks/${row.provider}`
      : undefined,
    submittedAt: row.submitted_at ? new Date(row.submitted_at) : new Date(),
  };
}

/** Submits payments to providers and reconciles them until final. Registered on the job worker. */
export function registerPaymentJobs(worker: JobWorker, deps: ProcessorDeps): void {
  const { min, max } = deps.checkDelayMs ?? { min: 2_000, max: 60_000 };
  // Poll often at first (most payments settle within seconds), then back off to once a minute.
  const nextCheck = (row: PaymentRow): Date => {
    const elapsed = Date.now() - new Date(row.submitted_at ?? row.created_at).getTime();
    return new Date(Date.now() + Math.min(max, Math.max(min, elapsed / 4)));
  };

  const record = async (row: PaymentRow, calls: ProviderCall[]) => {
    deps.metrics.recordCalls(calls);
    await insertAttempts(deps.db, row.id, row.merchant_id, calls);
  };

  const settle = async (row: ReadPaymentRow, settlement: Settlement) => {
    const result = await settlePayment(deps.db, row, settlement, SYSTEM);
    if (result === 'final') return;
    if ('staleWith' in result) {
      // Re-routed meanwhile: the new provider's own submission and checks take it from here. A success from the
      // old one means both may collect: a person must look.
      deps.metrics.staleAnswers.inc({ provider: row.provider, status: settlement.status });
      const successful = settlement.status === 'successful';
      deps.logger[successful ? 'error' : 'warn'](
        {
          payment_id: row.id,
          answered_by: row.provider,
          now_with: result.staleWith,
          status: settlement.status,
        },
        successful
          ? 'a provider the payment had left says it succeeded: check it with both providers'
          : 'an answer from a provider the payment had left was set aside',
      );
      return;
    }
    const payment = result.settled;
    const labels = { provider: payment.provider, flow: payment.flow };
    if (payment.status === 'successful') deps.metrics.processed.inc(labels);
    else deps.metrics.failed.inc({ ...labels, code: payment.failure?.code ?? 'provider_error' });
    deps.metrics.duration.observe(
      { provider: payment.provider, status: payment.status },
      (Date.now() - new Date(row.created_at).getTime()) / 1000,
    );
  };

  const fail = (row: ReadPaymentRow, code: FailureCode, message: string) =>
    settle(row, { status: 'failed', code, message });

  /**
   * The next provider after one that certainly did not take the payment, or null. A provider the merchant
   * named is a promise: no fallback. (On a production server live payments never reach the simulator and
   * test payments never leave it, so a fallback never crosses between real and simulated money.)
   */
  const fallback = async (row: PaymentRow, tried: ProviderName[]): Promise<ProviderName | null> => {
    if (row.provider_requested) return null;
    const candidates = await candidateProviders(
      deps.db,
      deps.registry,
      {
        tenant: { merchantId: row.merchant_id, mode: row.mode },
        flow: row.flow,
        currency: row.currency.trim(),
        amount: Number(row.amount),
      },
      tried,
    ).catch(() => []);
    return candidates.find((name) => !deps.breakers.isOpen(name)) ?? null;
  };

  const reroute = async (row: PaymentRow, tried: ProviderName[], next: ProviderName) => {
    await deps.db.transaction(async (tx) => {
      await store.reroutePayment(tx, row.id, next);
      await enqueueJob(tx, submitJob(next), { paymentId: row.id, tried } satisfies SubmitPayload);
    });
    deps.logger.info({ payment_id: row.id, from: row.provider, to: next }, 'payment re-routed');
  };

  // Enqueuing is one statement, atomic on its own: no transaction around it here or below.
  const scheduleCheck = (row: PaymentRow, at: Date, resubmits: number | undefined) =>
    enqueueJob(deps.db, checkJob(row.provider), { paymentId: row.id, resubmits } satisfies CheckPayload, {
      runAt: at,
    });

  const submit = async (payload: SubmitPayload): Promise<JobResult> => {
    const row = await store.markSubmitted(deps.db, payload.paymentId);
    if (!row) return undefined; // no longer pending: nothing to send
    const adapter = deps.registry.adapters.get(row.provider);
    const calls: ProviderCall[] = [];
    const log: CallLog = (call) => calls.push(call);
    const outcome = adapter
      ? await deps.breakers.run(row.provider, () =>
          adapter.submit(providerPayment(row, deps.callbackBaseUrl), log),
        )
      : {
          kind: 'unavailable' as const,
          reason: `${row.provider} is not configured on this worker`,
        };
    await record(row, calls);

    switch (outcome.kind) {
      case 'accepted':
      case 'duplicate':
      case 'ambiguous':
        // Maybe or surely with the provider now: only its status endpoint may settle it. Never re-route.
        await scheduleCheck(row, nextCheck(row), payload.resubmits);
        return undefined;
      case 'rejected': {
        const tried = [...payload.tried, row.provider];
        const next = outcome.fallbackAllowed ? await fallback(row, tried) : null;
        if (next) await reroute(row, tried, next);
        else await fail(row, outcome.code, outcome.reason);
        return undefined;
      }
      case 'unavailable': {
        const tried = [...payload.tried, row.provider];
        // A re-sent payment was sent to this provider before: it stays with it, as an ambiguous one does.
        const next = payload.resubmits ? null : await fallback(row, tried);
        if (next) {
          await reroute(row, tried, next);
          return undefined;
        }
        const waited = Date.now() - new Date(row.created_at).getTime();
        if (waited > deps.pendingWindowMs) {
          await fail(row, 'provider_unavailable', `${row.provider} stayed unavailable: ${outcome.reason}`);
          return undefined;
        }
        // Certainly not accepted anywhere: try the same provider again later.
        return { runAgainAt: new Date(Date.now() + Math.max(outcome.retryAfterMs ?? 0, min)) };
      }
    }
  };

  const check = async (payload: CheckPayload): Promise<JobResult> => {
    const row = await store.findPaymentById(deps.db, payload.paymentId);
    if (row?.status !== 'pending') return undefined;
    const adapter = deps.registry.adapters.get(row.provider);
    const calls: ProviderCall[] = [];
    const outcome = adapter
      ? await deps.breakers.run(row.provider, () =>
          adapter.status(providerPayment(row, deps.callbackBaseUrl), (call) => calls.push(call)),
        )
      : { kind: 'unknown' as const, reason: `${row.provider} is not configured` };
    await record(row, calls);

    switch (outcome.kind) {
      case 'successful':
        await settle(row, { status: 'successful', providerTransactionId: outcome.providerTransactionId });
        return undefined;
      case 'failed':
        await fail(row, outcome.code, outcome.reason);
        return undefined;
      case 'not_found': {
        // The submission never reached the provider: re-send it with the same reference (safe by design).
        const resubmits = (payload.resubmits ?? 0) + 1;
        if (resubmits > MAX_RESUBMITS) {
          await fail(
            row,
            'provider_error',
            `${row.provider} never registered the payment after ${MAX_RESUBMITS} submissions`,
          );
          return undefined;
        }
        await enqueueJob(deps.db, submitJob(row.provider), {
          paymentId: row.id,
          tried: [],
          resubmits,
        } satisfies SubmitPayload);
        return undefined;
      }
      case 'pending': {
        const submitted = new Date(row.submitted_at ?? row.created_at).getTime();
        if (Date.now() - submitted > deps.pendingWindowMs) {
          await fail(row, 'expired', 'The payer did not approve the payment in time.');
          return undefined;
        }
        return { runAgainAt: nextCheck(row) };
      }
      case 'unknown':
      case 'unavailable':
        // We could not ask. Whatever happened at the provider stands: keep asking, never guess.
        return { runAgainAt: nextCheck(row) };
    }
  };

  // Only the providers this worker can reach: the others' jobs wait for a worker that has their credentials.
  for (const provider of deps.registry.adapters.keys()) {
    worker.register(submitJob(provider), submit);
    worker.register(checkJob(provider), check);
  }
  // A job queued by an older server during a rolling upgrade is handed on under its provider's kind.
  const handOn = async (
    paymentId: string,
    hand: (db: Queryable, provider: ProviderName) => Promise<void>,
  ) => {
    const row = await store.findPaymentById(deps.db, paymentId);
    if (row?.status === 'pending') await hand(deps.db, row.provider);
    return undefined;
  };
  worker.register(LEGACY_SUBMIT_JOB, (payload) =>
    handOn(payload.paymentId, (db, provider) => enqueueJob(db, submitJob(provider), payload)),
  );
  worker.register(LEGACY_CHECK_JOB, (payload) =>
    handOn(payload.paymentId, (db, provider) => enqueueJob(db, checkJob(provider), payload)),
  );
  const unserved = [...deps.registry.disabled.keys()];
  if (unserved.length > 0) {
    deps.logger.info(
      { providers: unserved },
      `payments through ${unserved.join(', ')} are left to workers configured for them`,
    );
    deps.metrics.unservedJobsSource = async () => {
      const ready = await readyJobsByKind(
        deps.db,
        unserved.flatMap((name) => [submitJob(name), checkJob(name)]),
      );
      return new Map(
        unserved.map((name) => [name, (ready.get(submitJob(name)) ?? 0) + (ready.get(checkJob(name)) ?? 0)]),
      );
    };
  }
}
