/**
 * Claimed deliveries waiting for a slot to be sent: at most `total` sending at once, and at most `perKey` to one
 * endpoint, so a slow endpoint holds only its own slots. Each endpoint's deliveries start in the order claimed.
 */
export class SendSlots<T> {
  private readonly waiting = new Map<string, T[]>();
  private readonly active = new Map<string, number>();
  private activeTotal = 0;

  constructor(
    private readonly total: number,
    private readonly perKey: number,
  ) {}

  add(key: string, item: T): void {
    const queue = this.waiting.get(key);
    if (queue) queue.push(item);
    else this.waiting.set(key, [item]);
  }

  /** Every waiting item that may start now, each counted as started until `finish`. */
  takeStartable(): Array<{ key: string; item: T }> {
    const started: Array<{ key: string; item: T }> = [];
    for (const [key, queue] of this.waiting) {
      while (queue.length > 0 && this.activeTotal < this.total && (this.active.get(key) ?? 0) < this.perKey) {
        started.push({ key, item: queue.shift() as T });
        this.active.set(key, (this.active.get(key) ?? 0) + 1);
        this.activeTotal++;
      }
      if (queue.length === 0) this.waiting.delete(key);
      if (this.activeTotal >= this.total) break;
    }
    return started;
  }

  finish(key: string): void {
    const left = (this.active.get(key) ?? 1) - 1;
    if (left === 0) this.active.delete(key);
    else this.active.set(key, left);
    this.activeTotal--;
  }

  /** Removes and returns what waits for one endpoint (just disabled). */
  takeWaitingFor(key: string): T[] {
    const queue = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    return queue;
  }

  /** Removes and returns everything still waiting (a stopping dispatcher gives them back). */
  takeWaiting(): T[] {
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    return all;
  }
}
