import type { ProviderName } from './providers/types.js';

/** What a submission job carries. */
export interface SubmitPayload {
  paymentId: string;
  /** Providers that certainly did not accept it. */
  tried: ProviderName[];
  /** Times we re-sent after a provider said it never saw the reference. */
  resubmits?: number | undefined;
}

/** What a status-check job carries. */
export interface CheckPayload {
  paymentId: string;
  /** Times we re-sent after a provider said it never saw the reference. */
  resubmits?: number | undefined;
}

export type SubmitJob = `payment.submit:${ProviderName}`;
export type CheckJob = `payment.check:${ProviderName}`;

/**
 * Payment jobs name their provider, so a worker claims only the jobs of providers it has credentials for and
 * leaves the rest to workers that do: a payment is never handled by a worker that cannot reach its provider.
 */
export const submitJob = (provider: ProviderName): SubmitJob => `payment.submit:${provider}`;
export const checkJob = (provider: ProviderName): CheckJob => `payment.check:${provider}`;

/** The kinds of servers from before kinds named their provider: still queued during a rolling upgrade. */
export const LEGACY_SUBMIT_JOB = 'payment.submit';
export const LEGACY_CHECK_JOB = 'payment.check';

type PaymentTasks = Record<SubmitJob | typeof LEGACY_SUBMIT_JOB, SubmitPayload> &
  Record<CheckJob | typeof LEGACY_CHECK_JOB, CheckPayload>;

declare module '../platform/jobs/tasks.js' {
  interface JobTasks extends PaymentTasks {}
}
