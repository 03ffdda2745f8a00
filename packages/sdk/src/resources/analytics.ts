import { checkId, type RequestOptions } from '../options.js';
import type {
  AggregateReplay,
  AggregateReplayCreateParams,
  AggregateStatus,
  AnalyticsCustomers,
  AnalyticsOverview,
  AnalyticsPaymentMethods,
  AnalyticsSeries,
  AnalyticsSeriesParams,
  AnalyticsTopProducts,
  AnalyticsWindowParams,
  TransactionEventBatchResult,
  TransactionEventCreateParams,
  TransactionEventReceipt,
} from '../types.js';
import { bodyOf, callInit, type ResourceContext } from './context.js';

/** The figures of the merchant's dashboard, per currency, in its time zone. Needs `analytics:read`. */
export interface AnalyticsResource {
  /** Today and this month, with growth against the period before. */
  overview(params?: { currency?: string }, opts?: RequestOptions): Promise<AnalyticsOverview>;
  /** Per day (up to 366) or per hour (up to 7 days) over `start_date`..`end_date`, zeros included. */
  series(params: AnalyticsSeriesParams, opts?: RequestOptions): Promise<AnalyticsSeries>;
  paymentMethods(
    params?: Omit<AnalyticsWindowParams, 'limit'>,
    opts?: RequestOptions,
  ): Promise<AnalyticsPaymentMethods>;
  topProducts(params?: AnalyticsWindowParams, opts?: RequestOptions): Promise<AnalyticsTopProducts>;
  customers(
    params?: { limit?: number; currency?: string },
    opts?: RequestOptions,
  ): Promise<AnalyticsCustomers>;
}

export interface IngestProgress {
  /** Events sent so far, and how many there are in all. */
  sent: number;
  total: number;
}

export interface IngestOptions extends RequestOptions {
  /** Called after each chunk of up to 1000 events. */
  onProgress?: (progress: IngestProgress) => void;
}

/** Events about your transactions, for the analytics. Needs `events:write`. */
export interface TransactionEventsResource {
  /** Records one event; sending it again is harmless (`duplicate: true`). */
  create(event: TransactionEventCreateParams, opts?: RequestOptions): Promise<TransactionEventReceipt>;
  /**
   * Records any number of events in chunks of up to 1000 (and 1 MiB), each retried safely (the server counts an event once,
   * forever), and resolves with the totals. A chunk the server refuses rejects with its problem, after the
   * chunks before it were recorded: `onProgress` says how far it got.
   */
  ingest(
    events: readonly TransactionEventCreateParams[],
    opts?: IngestOptions,
  ): Promise<TransactionEventBatchResult>;
}

/** Rebuilding and checking aggregates, for operators. Needs an admin key. */
export interface AggregatesResource {
  createReplay(params: AggregateReplayCreateParams, opts?: RequestOptions): Promise<AggregateReplay>;
  getReplay(replayId: string, opts?: RequestOptions): Promise<AggregateReplay>;
  status(opts?: RequestOptions): Promise<AggregateStatus>;
}

export const INGEST_CHUNK = 1000;
/** Under the API's 1 MiB limit for a batch body, with room for the brackets and commas. */
export const INGEST_CHUNK_BYTES = 1000 * 1024;

const encoder = new TextEncoder();

/** Consecutive chunks of at most 1000 events and at most INGEST_CHUNK_BYTES of JSON each. */
export function chunkEvents<T>(events: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = encoder.encode(JSON.stringify(event)).length + 1;
    if (chunk.length > 0 && (chunk.length === INGEST_CHUNK || bytes + size > INGEST_CHUNK_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(event);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: the parameters must be an object.`);
  }
  return value as Record<string, unknown>;
}

export function analyticsResource(context: ResourceContext): AnalyticsResource {
  const { client } = context;
  return {
    async overview(params, opts) {
      const query = plainObject(params, 'analytics.overview');
      const init = callInit(context, opts, 'analytics.overview');
      return bodyOf(await client.GET('/api/v1/analytics/overview', { params: { query }, ...init }));
    },
    async series(params, opts) {
      const query = plainObject(params, 'analytics.series') as AnalyticsSeriesParams;
      if (typeof query.start_date !== 'string' || typeof query.end_date !== 'string') {
        throw new TypeError('analytics.series: `start_date` and `end_date` (YYYY-MM-DD) are required.');
      }
      const init = callInit(context, opts, 'analytics.series');
      return bodyOf(await client.GET('/api/v1/analytics/series', { params: { query }, ...init }));
    },
    async paymentMethods(params, opts) {
      const query = plainObject(params, 'analytics.paymentMethods');
      const init = callInit(context, opts, 'analytics.paymentMethods');
      return bodyOf(await client.GET('/api/v1/analytics/payment-methods', { params: { query }, ...init }));
    },
    async topProducts(params, opts) {
      const query = plainObject(params, 'analytics.topProducts');
      const init = callInit(context, opts, 'analytics.topProducts');
      return bodyOf(await client.GET('/api/v1/analytics/top-products', { params: { query }, ...init }));
    },
    async customers(params, opts) {
      const query = plainObject(params, 'analytics.customers');
      const init = callInit(context, opts, 'analytics.customers');
      return bodyOf(await client.GET('/api/v1/analytics/customers', { params: { query }, ...init }));
    },
  };
}

export function transactionEventsResource(context: ResourceContext): TransactionEventsResource {
  const { client } = context;
  return {
    async create(event, opts) {
      const init = callInit(context, opts, 'transactionEvents.create');
      return bodyOf(await client.POST('/api/v1/transaction-events', { body: event, ...init }));
    },
    async ingest(events, opts) {
      const where = 'transactionEvents.ingest';
      if (!Array.isArray(events)) throw new TypeError(`${where}: \`events\` must be an array.`);
      const { onProgress, ...request } = opts ?? {};
      const totals: TransactionEventBatchResult = { ok: true, total: 0, ingested: 0, duplicates: 0 };
      let sent = 0;
      for (const chunk of chunkEvents(events)) {
        // Each chunk is its own request with its own key: a retry replays that chunk, never another.
        const init = callInit(context, { ...request, idempotencyKey: undefined }, where);
        const result = bodyOf(
          await client.POST('/api/v1/transaction-events/batch', { body: chunk, ...init }),
        );
        totals.total += result.total;
        totals.ingested += result.ingested;
        totals.duplicates += result.duplicates;
        sent += chunk.length;
        onProgress?.({ sent, total: events.length });
      }
      return totals;
    },
  };
}

export function aggregatesResource(context: ResourceContext): AggregatesResource {
  const { client } = context;
  return {
    async createReplay(params, opts) {
      const init = callInit(context, opts, 'aggregates.createReplay');
      return bodyOf(await client.POST('/api/v1/admin/aggregates/replays', { body: params, ...init }));
    },
    async getReplay(replayId, opts) {
      const path = { replay_id: checkId(replayId, 'replayId', 'aggregates.getReplay') };
      const init = callInit(context, opts, 'aggregates.getReplay');
      return bodyOf(
        await client.GET('/api/v1/admin/aggregates/replays/{replay_id}', { params: { path }, ...init }),
      );
    },
    async status(opts) {
      const init = callInit(context, opts, 'aggregates.status');
      return bodyOf(await client.GET('/api/v1/admin/aggregates/status', { ...init }));
    },
  };
}
