import { EventEmitter } from 'node:events';

/** How often running requests are checked against their deadline: a deadline is kept to within this. */
const TICK_MS = 100;

/**
 * Aborts each request still running at its deadline, with one coarse timer for all of them. An
 * `AbortSignal.timeout` per request cost the dispatcher more than the rest of a send's own bookkeeping; undici
 * takes any emitter of `abort` as a request's signal.
 */
export class Deadlines {
  private readonly running = new Map<EventEmitter, number>();
  private timer: NodeJS.Timeout | undefined;

  /** A signal that emits `abort` once `ms` have passed, unless `end` came first. */
  start(ms: number): EventEmitter {
    const signal = new EventEmitter();
    this.running.set(signal, performance.now() + ms);
    if (!this.timer) {
      this.timer = setInterval(() => this.abortOverdue(), TICK_MS);
      this.timer.unref();
    }
    return signal;
  }

  end(signal: EventEmitter): void {
    this.running.delete(signal);
  }

  /** Stops the timer on the first tick with nothing running, not on every end: one request at a time is common. */
  private abortOverdue(): void {
    if (this.running.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = performance.now();
    for (const [signal, deadline] of this.running) {
      if (deadline > now) continue;
      this.end(signal);
      signal.emit('abort');
    }
  }
}
