/** The signal of one attempt: it aborts when the caller's signal does, or when the timeout passes. */
export interface AttemptDeadline {
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer and unhooks the caller's signal; call once the attempt is over. */
  dispose(): void;
}

// Hand-rolled rather than AbortSignal.any/timeout, which some supported runtimes still lack.
export function startDeadline(callerSignal: AbortSignal, timeoutMs: number): AttemptDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Settles like `work`, but rejects as soon as `signal` aborts, even when a custom fetch
 * ignores its signal. A late failure of the abandoned work is swallowed.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
