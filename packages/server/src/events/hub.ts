import type { Tenant } from '../auth/context.js';
import type { Database } from '../platform/db/index.js';
import { presentEvent } from './service.js';
import { EVENTS_CHANNEL, type EventRow, eventsForStream, newestEventId } from './store.js';

/** One SSE client: the types it wants, what it was sent, and how to write to it. */
export interface Subscriber {
  types: readonly string[] | null;
  /** Event id → when it was sent: the re-reads of recent events are skipped (kept a minute). */
  sent: Map<string, number>;
  write(chunk: string): void;
  /** Ends the response (the server is shutting down). */
  end(): void;
  lastWrite: number;
}

interface TenantFeed {
  tenant: Tenant;
  /** The newest event id read for this tenant. */
  cursor: string | null;
  subscribers: Set<Subscriber>;
  reading: Promise<void> | null;
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
const tenantKey = (tenant: Tenant) => `${tenant.merchantId}:${tenant.mode}`;

/**
 * One process's event streams. One LISTEN on the database for every SSE client of the process: a NOTIFY names the
 * tenant whose event committed, the hub reads that tenant's new events once, and writes each to every client
 * of the tenant that wants its type. Events whose ids sort before the cursor but commit later (ids are made
 * before commit) are caught by re-reading the last 30 seconds; each client skips what it was already sent. A
 * slow fallback read covers notifications lost while the LISTEN connection was down.
 */
export class EventHub {
  private readonly feeds = new Map<string, TenantFeed>();
  private unlisten: Promise<() => Promise<void>> | null = null;
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

  /**
   * Adds a client whose backlog (up to `cursor`) was sent already; returns the function that removes it.
   * The LISTEN and the timers start with the first client.
   */
  async subscribe(tenant: Tenant, subscriber: Subscriber): Promise<() => void> {
    await this.start();
    const key = tenantKey(tenant);
    let feed = this.feeds.get(key);
    if (!feed) {
      const cursor = await newestEventId(this.db, tenant);
      // Another client of the tenant may have made the feed while we read: join it.
      feed = this.feeds.get(key) ?? { tenant, cursor, subscribers: new Set(), reading: null, again: false };
      this.feeds.set(key, feed);
    }
    feed.subscribers.add(subscriber);
    // Events that committed between the client's backlog and now.
    this.read(feed);
    return () => {
      feed.subscribers.delete(subscriber);
      if (feed.subscribers.size === 0 && this.feeds.get(key) === feed) this.feeds.delete(key);
    };
  }

  private async start(): Promise<void> {
    if (this.unlisten || this.stopped) return;
    this.unlisten = this.db.listen(EVENTS_CHANNEL, (payload) => {
      const feed = this.feeds.get(payload);
      if (feed) this.read(feed);
    });
    await this.unlisten;
    const tick = Math.min(this.options.heartbeatMs, this.options.fallbackMs, 1000);
    let sinceFallback = 0;
    this.timer = setInterval(() => {
      if (this.options.isShuttingDown()) {
        for (const feed of this.feeds.values()) for (const subscriber of feed.subscribers) subscriber.end();
        return;
      }
      sinceFallback += tick;
      if (sinceFallback >= this.options.fallbackMs) {
        sinceFallback = 0;
        for (const feed of this.feeds.values()) this.read(feed);
      }
      this.heartbeat();
    }, tick);
    this.timer.unref();
  }

  /** Reads the tenant's new events once, however many notifications came; again if more came meanwhile. */
  private read(feed: TenantFeed): void {
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = (async () => {
      do {
        feed.again = false;
        const rows = await eventsForStream(this.db, feed.tenant, feed.cursor, null).catch(() => []);
        this.options.onRead?.();
        this.fanOut(feed, rows);
      } while (feed.again && !this.stopped);
    })().finally(() => {
      feed.reading = null;
    });
  }

  private fanOut(feed: TenantFeed, rows: EventRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      if (feed.cursor === null || row.id > feed.cursor) feed.cursor = row.id;
      let text: string | undefined;
      for (const subscriber of feed.subscribers) {
        if (subscriber.sent.has(row.id)) continue;
        if (subscriber.types && !subscriber.types.includes(row.type)) continue;
        if (text === undefined) {
          const event = presentEvent(row);
          text = `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
        }
        subscriber.write(text);
        subscriber.sent.set(row.id, now);
        subscriber.lastWrite = now;
      }
    }
    for (const subscriber of feed.subscribers) {
      for (const [id, at] of subscriber.sent) if (now - at > SENT_KEPT_MS) subscriber.sent.delete(id);
    }
  }

  private heartbeat(): void {
    const now = Date.now();
    for (const feed of this.feeds.values()) {
      for (const subscriber of feed.subscribers) {
        if (now - subscriber.lastWrite < this.options.heartbeatMs) continue;
        subscriber.write(': heartbeat\n\n');
        subscriber.lastWrite = now;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const unlisten = await this.unlisten?.catch(() => null);
    await unlisten?.();
    await Promise.all([...this.feeds.values()].map((feed) => feed.reading));
  }
}
