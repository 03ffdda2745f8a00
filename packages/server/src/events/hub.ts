import type { Tenant } from '../auth/context.js';
import type { Database } from '../platform/db/index.js';
import { presentEvent } from './service.js';
import { EVENTS_CHANNEL, type EventRow, eventsAfter, newestEventId, recentEventsUpTo } from './store.js';

/** One SSE client: the types it wants, what it was sent, and how to write to it. */
export interface Subscriber {
  types: readonly string[] | null;
  /** Event id → when it was sent: the re-reads of recent events are skipped (kept a minute). */
  sent: Map<string, number>;
  write(chunk: string): void;
  /** True when the client stopped reading and too much waits in its buffer: it is dropped (it may resume). */
  overloaded(): boolean;
  /** Ends the response (shutdown, or an overloaded client). */
  end(): void;
  lastWrite: number;
}

interface TenantFeed {
  tenant: Tenant;
  /** The newest event id read for this tenant. */
  cursor: string | null;
  subscribers: Set<Subscriber>;
  reading: boolean;
  /** A notification came during a read: read again when it ends. */
  again: boolean;
}

export interface EventHubOptions {
  heartbeatMs: number;
  /** Reads for every tenant with subscribers this often, in case a notification was lost. */
  fallbackMs: number;
  /** Called after each read of the events table (for the metrics). */
  onRead?: (() => void) | undefined;
  /** True once a graceful shutdown starts: every stream ends so the server can stop. */
  isShuttingDown: () => boolean;
}

const SENT_KEPT_MS = 60_000;
const PAGE = 500;
/** Late commits re-read per tenant and read: more than this within 30 s before the cursor is not expected. */
const LATE_WINDOW = 1000;
const tenantKey = (tenant: Tenant) => `${tenant.merchantId}:${tenant.mode}`;

/**
 * One process's event streams. One LISTEN on the database for every SSE client of the process: a NOTIFY names the
 * tenant whose event committed, the hub reads that tenant's new events once (page by page) and writes each to
 * every client of the tenant that wants its type. Events whose ids sort before the cursor but commit later (ids
 * are made before commit) are caught by re-reading the last 30 seconds; each client skips what it was already
 * sent. The timer, started before the LISTEN and independent of it, sends heartbeats, reads every tenant now
 * and then (a lost notification, a LISTEN not yet or no longer there) and listens again when it failed.
 */
export class EventHub {
  private readonly feeds = new Map<string, TenantFeed>();
  private listening: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: EventHubOptions,
  ) {}

  /** Clients connected, all tenants together. */
  get subscriberCount(): number {
    let count = 0;
    for (const feed of this.feeds.values()) count += feed.subscribers.size;
    return count;
  }

  /** Adds a client whose backlog was sent already; returns the function that removes it. */
  async subscribe(tenant: Tenant, subscriber: Subscriber): Promise<() => void> {
    this.startTimer();
    await this.listen();
    const key = tenantKey(tenant);
    let feed = this.feeds.get(key);
    if (!feed) {
      const cursor = await newestEventId(this.db, tenant);
      // Another client of the tenant may have made the feed while we read: join it.
      feed = this.feeds.get(key) ?? { tenant, cursor, subscribers: new Set(), reading: false, again: false };
      this.feeds.set(key, feed);
    }
    const joined = feed;
    joined.subscribers.add(subscriber);
    // Events that committed between the client's backlog and now.
    this.read(joined);
    return () => this.remove(key, joined, subscriber);
  }

  private remove(key: string, feed: TenantFeed, subscriber: Subscriber): void {
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0 && this.feeds.get(key) === feed) this.feeds.delete(key);
  }

  /** LISTEN once; a failure is retried by the timer (the fallback reads deliver meanwhile). */
  private listen(): Promise<void> {
    if (this.stopped || this.unlisten) return Promise.resolve();
    this.listening ??= this.db
      .listen(EVENTS_CHANNEL, (payload) => {
        const feed = this.feeds.get(payload);
        if (feed) this.read(feed);
      })
      .then(
        (unlisten) => {
          if (this.stopped) void unlisten().catch(() => {});
          else this.unlisten = unlisten;
        },
        () => {},
      )
      .finally(() => {
        this.listening = null;
      });
    return this.listening;
  }

  private startTimer(): void {
    if (this.timer || this.stopped) return;
    const tick = Math.min(this.options.heartbeatMs, this.options.fallbackMs, 1000);
    let sinceFallback = 0;
    this.timer = setInterval(() => {
      if (this.options.isShuttingDown()) {
        for (const feed of this.feeds.values()) for (const subscriber of feed.subscribers) subscriber.end();
        return;
      }
      if (!this.unlisten) void this.listen();
      sinceFallback += tick;
      if (sinceFallback >= this.options.fallbackMs) {
        sinceFallback = 0;
        for (const feed of this.feeds.values()) this.read(feed);
      }
      this.heartbeat();
    }, tick);
    this.timer.unref();
  }

  /** Reads the tenant's new events, however many notifications came; again if more came meanwhile. */
  private read(feed: TenantFeed): void {
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    void (async () => {
      try {
        do {
          feed.again = false;
          if (feed.cursor !== null) {
            const late = await recentEventsUpTo(this.db, feed.tenant, feed.cursor, null, LATE_WINDOW);
            this.fanOut(feed, late.reverse());
          }
          for (;;) {
            const page = await eventsAfter(this.db, feed.tenant, feed.cursor, null, PAGE);
            this.fanOut(feed, page);
            if (page.length < PAGE) break;
          }
          this.options.onRead?.();
        } while (feed.again && !this.stopped);
      } catch {
        // The database is away: the next notification or fallback read tries again.
      } finally {
        feed.reading = false;
      }
    })();
  }

  private fanOut(feed: TenantFeed, rows: EventRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      if (feed.cursor === null || row.id > feed.cursor) feed.cursor = row.id;
      let text: string | undefined;
      for (const subscriber of feed.subscribers) {
        if (subscriber.sent.has(row.id)) continue;
        if (subscriber.types && !subscriber.types.includes(row.type)) continue;
        text ??= (() => {
          const event = presentEvent(row);
          return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
        })();
        subscriber.write(text);
        subscriber.sent.set(row.id, now);
        subscriber.lastWrite = now;
        if (subscriber.overloaded()) {
          feed.subscribers.delete(subscriber);
          subscriber.end();
        }
      }
    }
  }

  /** Heartbeats to idle clients, and forgetting what was sent over a minute ago. */
  private heartbeat(): void {
    const now = Date.now();
    for (const feed of this.feeds.values()) {
      for (const subscriber of feed.subscribers) {
        for (const [id, at] of subscriber.sent) if (now - at > SENT_KEPT_MS) subscriber.sent.delete(id);
        if (now - subscriber.lastWrite < this.options.heartbeatMs) continue;
        subscriber.write(': heartbeat\n\n');
        subscriber.lastWrite = now;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listening;
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
  }
}
