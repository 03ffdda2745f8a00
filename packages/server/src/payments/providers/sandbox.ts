import { createHash } from 'node:crypto';
import { FLOWS } from '@molam/contract';
import { formatMinorUnits } from './currency.js';
import { mtnRequestBody } from './mtn/wire.js';
import { refusedLocally } from './outcomes.js';
import { redactBody } from './redact.js';
import type {
  CallLog,
  FailureCode,
  Flow,
  ProviderAdapter,
  ProviderCall,
  ProviderPayment,
  StatusOutcome,
  SubmitOutcome,
} from './types.js';

/** MTN's sandbox test numbers, with the same meaning here. Any other number succeeds at once. */
export const SANDBOX_NUMBERS = {
  failed: '46733123450',
  rejected: '46733123451',
  timeout: '46733123452',
  delayed: '46733123453',
  pending: '46733123454',
} as const;

export const DEFAULT_SANDBOX_PENDING_SECONDS = 30;

export interface SandboxOptions {
  now?: () => Date;
  /** How long `46733123453` stays pending after submission. */
  pendingSeconds?: number;
}

/** What MTN's sandbox says for the failing numbers, per flow: their reason code and ours. */
const FAILURES: Readonly<Record<'failed' | 'rejected', Record<Flow, [string, FailureCode]>>> = {
  failed: {
    collection: ['PAYER_NOT_FOUND', 'payer_not_found'],
    disbursement: ['PAYEE_NOT_FOUND', 'payee_not_found'],
  },
  rejected: {
    collection: ['APPROVAL_REJECTED', 'approval_rejected'],
    disbursement: ['PAYEE_NOT_ALLOWED_TO_RECEIVE', 'not_allowed'],
  },
};

/**
 * The built-in simulator: no network, answers like MTN's sandbox. Stateless on purpose: every answer follows
 * from the number, the submission time and the clock, so it survives restarts and runs on any number of
 * workers.
 */
export function createSandboxAdapter(options: SandboxOptions = {}): ProviderAdapter {
  const now = options.now ?? (() => new Date());
  const pendingMs = (options.pendingSeconds ?? DEFAULT_SANDBOX_PENDING_SECONDS) * 1000;

  async function submit(payment: ProviderPayment, log: CallLog): Promise<SubmitOutcome> {
    let amount: string;
    try {
      amount = formatMinorUnits(payment.amount, payment.currency);
    } catch (error) {
      return refusedLocally(error, 'Sandbox');
    }
    const requestBody = mtnRequestBody(payment, amount);
    if (payment.msisdn === SANDBOX_NUMBERS.timeout) {
      log(record(payment, 'submit', null, 'ambiguous', { requestBody, error: 'simulated timeout' }));
      return { kind: 'ambiguous', reason: 'Sandbox: simulated timeout after sending' };
    }
    log(record(payment, 'submit', 202, 'accepted', { requestBody }));
    return { kind: 'accepted' };
  }

  async function status(payment: ProviderPayment, log: CallLog): Promise<StatusOutcome> {
    const { body, outcome } = simulateStatus(payment, now().getTime(), pendingMs);
    log(record(payment, 'status', 200, 'answered', { responseBody: body }));
    return outcome;
  }

  return {
    name: 'sandbox',
    capabilities: { flows: [...FLOWS], currencies: ['*'] },
    submit,
    status,
  };
}

/** MTN's status body for this payment at this moment, and what it means. */
function simulateStatus(
  payment: ProviderPayment,
  nowMs: number,
  pendingMs: number,
): { body: Record<string, unknown>; outcome: StatusOutcome } {
  const { msisdn, flow } = payment;
  if (msisdn === SANDBOX_NUMBERS.failed || msisdn === SANDBOX_NUMBERS.rejected) {
    const [reason, code] = FAILURES[msisdn === SANDBOX_NUMBERS.failed ? 'failed' : 'rejected'][flow];
    return {
      body: { status: 'FAILED', reason },
      outcome: { kind: 'failed', code, reason: `Sandbox: FAILED ${reason}` },
    };
  }
  const stillPending =
    msisdn === SANDBOX_NUMBERS.pending ||
    (msisdn === SANDBOX_NUMBERS.delayed && nowMs - payment.submittedAt.getTime() < pendingMs);
  if (stillPending) return { body: { status: 'PENDING' }, outcome: { kind: 'pending' } };
  const id = sandboxTransactionId(payment.reference);
  return {
    body: { status: 'SUCCESSFUL', financialTransactionId: id },
    outcome: { kind: 'successful', providerTransactionId: id },
  };
}

/** Derived from the reference, so asking twice (or after a restart) gives the same id. */
export const sandboxTransactionId = (reference: string): string =>
  `sbx_${createHash('sha256').update(reference).digest('hex').slice(0, 20)}`;

function record(
  payment: ProviderPayment,
  operation: 'submit' | 'status',
  httpStatus: number | null,
  decision: string,
  extra: { requestBody?: unknown; responseBody?: unknown; error?: string },
): ProviderCall {
  const path =
    payment.flow === 'collection' ? '/collection/v1_0/requesttopay' : '/disbursement/v1_0/transfer';
  const call: ProviderCall = {
    provider: 'sandbox',
    operation,
    method: operation === 'submit' ? 'POST' : 'GET',
    url: `sandbox:${path}${operation === 'status' ? `/${payment.reference}` : ''}`,
    httpStatus,
    durationMs: 0,
    decision,
  };
  if (extra.requestBody !== undefined) call.requestBody = redactBody(extra.requestBody);
  if (extra.responseBody !== undefined) call.responseBody = extra.responseBody;
  if (extra.error !== undefined) call.error = extra.error;
  return call;
}
