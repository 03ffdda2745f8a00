import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { type NetworkError, toNetworkError } from './network-error.js';

export { type Delivery, NetworkError } from './network-error.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_CONNECT_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to the base URL's path. */
  path: string;
  /** Sent in the URL; never part of `urlFor()`, so callers can keep credentials out of records. */
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  /** Serialised as the JSON body. */
  json?: unknown;
  /** Ends the request wherever it is: a hard budget for the whole exchange, not just between chunks. */
  signal?: AbortSignal;
}

export interface ResponseBody {
  text: string;
  /** The parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface HttpResponse {
  kind: 'response';
  status: number;
  headers: Readonly<Record<string, string>>;
  body: ResponseBody;
  durationMs: number;
}

export interface HttpFailure {
  kind: 'network_error';
  error: NetworkError;
  durationMs: number;
}

export type HttpExchange = HttpResponse | HttpFailure;

export interface JsonHttpClientOptions {
  baseUrl: string;
  /** Per request: time allowed for the headers, then between body chunks. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  connections?: number;
}

/**
 * A JSON client for one service we call (a provider, SIRA): one keep-alive connection pool per base URL, explicit
 * connect, headers and body timeouts, and failures returned as values that say whether the request may have
 * reached the service.
 */
export class JsonHttpClient {
  readonly timeoutMs: number;
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly basePath: string;

  constructor(options: JsonHttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? 16,
      connect: { timeout: options.connectTimeoutMs ?? Math.min(this.timeoutMs, MAX_CONNECT_TIMEOUT_MS) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
      keepAliveMaxTimeout: 60_000,
      maxResponseSize: MAX_RESPONSE_BYTES,
    });
  }

  /** The URL of a path without query string or user info: what call records and messages may show. */
  urlFor(path: string): string {
    return `${this.origin}${this.basePath}${path}`;
  }

  async request(request: HttpRequest): Promise<HttpExchange> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await this.pool.request({
        method: request.method,
        path: `${this.basePath}${request.path}${query}`,
        headers,
        body: request.json === undefined ? null : JSON.stringify(request.json),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const text = await response.body.text();
      return {
        kind: 'response',
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: { text, json: parseJson(text) },
        durationMs: elapsed(),
      };
    } catch (error) {
      return { kind: 'network_error', error: toNetworkError(error), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` as milliseconds from now (seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
