import { AmountFormatError } from './currency.js';
import type { Verdict } from './provider-client.js';
import type { StatusOutcome, SubmitOutcome } from './types.js';

/** A submit's verdict in the domain's words. */
export function submitOutcome(verdict: Verdict): SubmitOutcome {
  const { rule, reason } = verdict;
  switch (verdict.decision) {
    case 'accepted':
      return { kind: 'accepted' };
    case 'duplicate':
      return { kind: 'duplicate' };
    case 'final':
      return {
        kind: 'rejected',
        code: rule.failure ?? 'provider_error',
        reason,
        fallbackAllowed: rule.fallbackAllowed ?? false,
      };
    case 'retry':
    case 'unavailable':
      return { kind: 'unavailable', reason, retryAfterMs: verdict.retryAfterMs };
    default:
      // ambiguous, and answers that make no sense for a submit: it may have gone through.
      return { kind: 'ambiguous', reason };
  }
}

/** A status call that did not produce a readable answer. */
export function statusWithoutAnswer(verdict: Verdict): StatusOutcome {
  return verdict.decision === 'not_found'
    ? { kind: 'not_found' }
    : { kind: 'unknown', reason: verdict.reason };
}

/** Refusals an adapter makes before sending anything (bad amount, unknown currency, flow not configured). */
export function refusedLocally(error: unknown, label: string): SubmitOutcome {
  if (error instanceof AmountFormatError) {
    return error.reason === 'invalid_currency'
      ? {
          kind: 'rejected',
          code: 'invalid_currency',
          reason: `${label}: ${error.message}`,
          fallbackAllowed: true,
        }
      : {
          kind: 'rejected',
          code: 'invalid_amount',
          reason: `${label}: ${error.message}`,
          fallbackAllowed: false,
        };
  }
  throw error;
}
