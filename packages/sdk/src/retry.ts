import { MolamConnectionError, type MolamError, MolamTimeoutError } from './errors.js';

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface BackoffPolicy {
  /** First retry's ceiling, doubled on each further retry. */
  baseMs: number;
  /** No wait is ever longer than this (Retry-After aside). */
  capMs: number;
  sleep: Sleep;
  /** A number in [0, 1), like Math.random. */
  random: () => number;
}

/** A server asking for a longer pause than this gets the error handed back to the caller instead. */
export const MAX_RETRY_AFTER_SECONDS = 60;

export const sleepUnlessAborted: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** "Full jitter": uniform in [0, min(cap, base · 2^retry)), which spreads retrying clients apart. */
export function backoffDelay(
  retry: number,
  policy: Pick<BackoffPolicy, 'baseMs' | 'capMs' | 'random'>,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

function saysInProgress(code: string): boolean {
  return code === 'idempotency_in_progress' || code.includes('in_progress');
}

/**
 * Failures worth another attempt with the same Idempotency-Key: no response, a timeout, 429, 5xx,
 * and a 409 telling that the first request with this key is still running.
 */
export function isRetryable(error: MolamError): boolean {
  if (error instanceof MolamConnectionError || error instanceof MolamTimeoutError) return true;
  if (error.status === 429 || error.status >= 500) return true;
  return error.status === 409 && saysInProgress(error.code);
}

/** Milliseconds to wait before retry number `retry` (0-based), or undefined to stop retrying. */
export function retryDelay(
  error: MolamError,
  retry: number,
  policy: Pick<BackoffPolicy, 'baseMs' | 'capMs' | 'random'>,
): number | undefined {
  if (error.retryAfter === undefined) return backoffDelay(retry, policy);
  if (error.retryAfter > MAX_RETRY_AFTER_SECONDS) return undefined;
  return error.retryAfter * 1000;
}
