import { vi } from 'vitest';

/** Reads until `done` says so, or fails after `timeoutMs`: a condition with a deadline, never a fixed sleep. */
export function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error(`condition not met yet: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: timeoutMs, interval: 25 },
  );
}
