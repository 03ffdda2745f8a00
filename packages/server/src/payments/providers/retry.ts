/**
 * Short, in-request retries for answers that say "not now" (429, 503, no connection). Longer waits belong to
 * the worker and the circuit breaker above the adapters, so the schedule is short and fixed.
 */

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [100, 200, 400];

export interface RetryPolicy {
  /** One entry per retry: the wait before it. */
  delaysMs: readonly number[];
  sleep: Sleep;
}

export const defaultRetryPolicy = (sleep: Sleep = realSleep): RetryPolicy => ({
  delaysMs: DEFAULT_RETRY_DELAYS_MS,
  sleep,
});

export interface AttemptResult<T> {
  value: T;
  retryable: boolean;
  /** What the provider asked for (Retry-After). Longer than our next wait: we stop and report it instead. */
  retryAfterMs?: number | undefined;
}

export interface RetryResult<T> {
  value: T;
  /** The last attempt was retryable but we stopped: out of retries, or asked to wait longer than we do. */
  exhausted: boolean;
  attempts: number;
}

/**
 * Runs `attempt` until it is not retryable or the policy says stop. `settle` learns, before any sleep, whether
 * another attempt follows, so callers can record each attempt with what happened next.
 */
export async function retrying<T>(
  policy: RetryPolicy,
  attempt: (retriesDone: number) => Promise<AttemptResult<T>>,
  settle?: (value: T, next: 'retry' | 'stop') => void,
): Promise<RetryResult<T>> {
  for (let retriesDone = 0; ; retriesDone++) {
    const result = await attempt(retriesDone);
    const delay = policy.delaysMs[retriesDone];
    const waitTooLong =
      result.retryAfterMs !== undefined && delay !== undefined && result.retryAfterMs > delay;
    const again = result.retryable && delay !== undefined && !waitTooLong;
    settle?.(result.value, again ? 'retry' : 'stop');
    if (!again) return { value: result.value, exhausted: result.retryable, attempts: retriesDone + 1 };
    await policy.sleep(delay);
  }
}
