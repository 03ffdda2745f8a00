import { DEFAULT_RETRY_DELAYS_MS, type RetryPolicy, realSleep, type Sleep } from './retry.js';

/** What tests (and the registry) may inject into any adapter. */
export interface AdapterOptions {
  /** Waits between retries; tests pass one that records the delays and returns at once. */
  sleep?: Sleep;
  /** Milliseconds since the epoch, for token expiry. */
  now?: () => number;
  retryDelaysMs?: readonly number[];
}

export const retryPolicyOf = (options: AdapterOptions): RetryPolicy => ({
  delaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
  sleep: options.sleep ?? realSleep,
});
