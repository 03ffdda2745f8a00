import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retrying } from '../../src/payments/providers/retry.js';
import { recordSleeps } from './helpers.js';

describe('retrying', () => {
  it('waits 100, 200 then 400 ms between attempts and reports running out', async () => {
    const { sleep, delays } = recordSleeps();
    const nexts: string[] = [];
    const result = await retrying(
      defaultRetryPolicy(sleep),
      async (n) => ({ value: n, retryable: true }),
      (_value, next) => nexts.push(next),
    );
    expect(delays).toEqual([100, 200, 400]);
    expect(result).toEqual({ value: 3, exhausted: true, attempts: 4 });
    expect(nexts).toEqual(['retry', 'retry', 'retry', 'stop']);
  });

  it('stops at the first answer that is not retryable', async () => {
    const { sleep, delays } = recordSleeps();
    const result = await retrying(defaultRetryPolicy(sleep), async (n) => ({ value: n, retryable: n < 1 }));
    expect(delays).toEqual([100]);
    expect(result).toEqual({ value: 1, exhausted: false, attempts: 2 });
  });

  it('gives up at once when asked to wait longer than its next backoff', async () => {
    const { sleep, delays } = recordSleeps();
    const result = await retrying(defaultRetryPolicy(sleep), async () => ({
      value: 'busy',
      retryable: true,
      retryAfterMs: 5000,
    }));
    expect(delays).toEqual([]);
    expect(result).toEqual({ value: 'busy', exhausted: true, attempts: 1 });
  });

  it('retries when Retry-After is within the backoff', async () => {
    const { sleep, delays } = recordSleeps();
    await retrying(defaultRetryPolicy(sleep), async () => ({ value: 0, retryable: true, retryAfterMs: 0 }));
    expect(delays).toEqual([100, 200, 400]);
  });
});
