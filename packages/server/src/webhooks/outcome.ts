import type { DeliveryRow } from './store.js';
import type { DeliveryResult } from './transport.js';

/** After attempt N fails, wait DEFAULT_RETRY_DELAYS_MS[N-1]: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** An endpoint whose every delivery failed this long is disabled (decided on its row when recorded). */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

const jitter = (ms: number): number => ms * (0.9 + Math.random() * 0.2);

/** What one attempt's answer means for its delivery and its endpoint. */
export interface AttemptOutcome {
  result: 'succeeded' | 'retrying' | 'failed' | 'gone';
  status: DeliveryRow['status'];
  nextAttemptAt: Date | null;
  /** The endpoint answered 2xx (well again) or did not (failing since now unless it already was). */
  endpointWell: boolean;
  /** The endpoint said it is gone (410): it is disabled at once. */
  gone: boolean;
}

/**
 * 2xx delivers; 410 Gone fails the delivery and disables the endpoint; anything else retries on the schedule
 * (never sooner than a 429 or 503 asks) and fails once the schedule is spent. An endpoint failing for 5 days is
 * disabled when the attempt is recorded, and its deliveries then fail unsent.
 */
export function attemptOutcome(
  result: DeliveryResult,
  delivery: { attempt_count: number },
  delays: readonly number[],
  now = Date.now(),
): AttemptOutcome {
  if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) {
    return { result: 'succeeded', status: 'succeeded', nextAttemptAt: null, endpointWell: true, gone: false };
  }
  if (result.statusCode === 410) {
    return { result: 'gone', status: 'failed', nextAttemptAt: null, endpointWell: false, gone: true };
  }
  const delay = delays[delivery.attempt_count];
  if (delay === undefined) {
    return { result: 'failed', status: 'failed', nextAttemptAt: null, endpointWell: false, gone: false };
  }
  const asked =
    (result.statusCode === 429 || result.statusCode === 503) && result.retryAfterSeconds
      ? result.retryAfterSeconds * 1000
      : 0;
  return {
    result: 'retrying',
    status: 'pending',
    nextAttemptAt: new Date(now + Math.max(jitter(delay), asked)),
    endpointWell: false,
    gone: false,
  };
}
