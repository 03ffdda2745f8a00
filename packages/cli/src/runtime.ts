/** Time for the commands that wait and retry (`webhooks listen`); tests pass a fake one. */
export interface Clock {
  /** Milliseconds, like `Date.now()`. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** In [0, 1), like `Math.random()`: the jitter of backoffs. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Ctrl-C or SIGTERM, for the commands that run until stopped. */
export interface Interruption {
  /** Aborted at the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Removes the handlers: a second Ctrl-C then ends the process the usual way. */
  dispose(): void;
}

export function interruptOnSignals(): Interruption {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** `fetch` as the CLI uses it for requests that are not API calls (`webhooks listen --forward-to`). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
