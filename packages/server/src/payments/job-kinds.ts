import type { ProviderName } from './providers/types.js';

/**
 * Payment jobs name their provider, so a worker claims only the jobs of providers it has credentials for and
 * leaves the rest to workers that do: a payment is never handled by a worker that cannot reach its provider.
 */
export const submitJob = (provider: ProviderName): string => `payment.submit:${provider}`;
export const checkJob = (provider: ProviderName): string => `payment.check:${provider}`;

/** The kinds of servers from before kinds named their provider: still queued during a rolling upgrade. */
export const LEGACY_SUBMIT_JOB = 'payment.submit';
export const LEGACY_CHECK_JOB = 'payment.check';
