import { startDeadline, untilAborted } from './deadline.js';
import {
  MolamAbortError,
  MolamConnectionError,
  type MolamError,
  MolamTimeoutError,
  readErrorResponse,
} from './errors.js';
import { type BackoffPolicy, isRetryable, retryDelay } from './retry.js';
import { SDK_VERSION } from './version.js';

/** What the SDK needs from `fetch`: any WHATWG-compatible fetch (Node, Deno, Bun, browsers, edge) fits. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportConfig {
  apiKey: string | undefined;
  /** Defaults to the runtime's `globalThis.fetch`, looked up at each request. */
  fetch: FetchLike | undefined;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffPolicy;
}

/**
 * - `required`: refuse to send without an API key;
 * - `optional`: send the key when there is one (the raw client);
 * - `none`: never send it (health probes need no credentials).
 */
export type AuthMode = 'required' | 'optional' | 'none';

/** Settings of one call, over the transport's defaults. */
export interface CallOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  idempotencyKey?: string | undefined;
  auth?: AuthMode | undefined;
  /** A non-2xx response this returns true for is handed back as it is, neither retried nor thrown. */
  accept?: ((response: Response) => boolean) | undefined;
  /**
   * Hands a 2xx response back with its body unread, for the caller to read and cancel: the timeout then
   * covers the response headers only, never the body (an event stream lasts as long as it lasts).
   */
  stream?: boolean | undefined;
}

export interface Transport {
  /** For the raw client: the transport's defaults, the API key sent when configured. */
  fetch: FetchLike;
  /** A fetch with per-call settings. */
  with(call: CallOptions): FetchLike;
}

const MUTATING_METHODS = new Set(['POST', 'PATCH', 'DELETE']);
// Statuses whose responses cannot carry a body: `new Response(body, …)` would throw.
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** A random UUID v4, for an Idempotency-Key. */
export function newIdempotencyKey(): string {
  const cryptoApi = globalThis.crypto;
  // randomUUID only exists in secure contexts (https) of browsers; getRandomValues exists everywhere.
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function abortError(signal: AbortSignal): MolamAbortError {
  return new MolamAbortError({
    status: 0,
    code: 'aborted',
    title: 'Aborted',
    detail: 'The caller aborted the request.',
    cause: signal.reason,
  });
}

export function connectionError(thrown: unknown): MolamConnectionError {
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const cause = thrown instanceof Error ? thrown.cause : undefined;
  // Runtimes put the useful part ("connect ECONNREFUSED …") in the cause of a generic "fetch failed".
  const underlying = cause instanceof Error ? `: ${cause.message}` : '';
  return new MolamConnectionError({
    status: 0,
    code: 'connection_error',
    title: 'Could not reach the Molam API',
    detail: `${reason}${underlying}`,
    cause: thrown,
  });
}

function timeoutError(timeoutMs: number, attempts: number, thrown: unknown): MolamTimeoutError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return new MolamTimeoutError({
    status: 0,
    code: 'timeout',
    title: 'Timed out',
    detail: `No complete response within ${timeoutMs} ms (${tries}).`,
    cause: thrown,
  });
}

/** Reads the whole body now, so that the attempt's timeout also covers a body that stalls. */
async function readWhole(response: Response, signal: AbortSignal): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status)
    ? null
    : await untilAborted(response.arrayBuffer(), signal);
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function createTransport(config: TransportConfig): Transport {
  const secrets = config.apiKey ? [config.apiKey] : [];
  const userFetch = config.fetch;
  // Looked up per request so that a fetch patched after the client was made (mocks, tracing) is used.
  const send: FetchLike = userFetch ?? ((request) => globalThis.fetch(request));

  function headersFor(request: Request, call: CallOptions, auth: AuthMode): Headers {
    const headers = new Headers(request.headers);
    if (auth !== 'none' && config.apiKey) headers.set('Authorization', `Bearer ${config.apiKey}`);
    headers.set('X-Molam-Client', `molam-sdk-js/${SDK_VERSION}`);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    if (call.idempotencyKey) headers.set('Idempotency-Key', call.idempotencyKey);
    else if (MUTATING_METHODS.has(request.method) && !headers.has('Idempotency-Key')) {
      headers.set('Idempotency-Key', newIdempotencyKey());
    }
    return headers;
  }

  async function sendWithRetries(request: Request, call: CallOptions): Promise<Response> {
    const auth = call.auth ?? 'optional';
    if (auth === 'required' && !config.apiKey) {
      throw new TypeError(
        'Molam: this operation needs an API key; pass the `apiKey` option to createMolam().',
      );
    }
    const callerSignal = request.signal;
    if (callerSignal.aborted) throw abortError(callerSignal);

    // Computed once: every retry re-sends the same headers (so the same Idempotency-Key) and body.
    const headers = headersFor(request, call, auth);
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const maxRetries = call.maxRetries ?? config.maxRetries;
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;

    for (let retry = 0; ; retry++) {
      const deadline = startDeadline(callerSignal, timeoutMs);
      const attempt = new Request(request, { headers, body, signal: deadline.signal });
      let failure: MolamError;
      try {
        const response = await untilAborted(send(attempt), deadline.signal);
        if (response.ok && call.stream) return response;
        if (response.ok || call.accept?.(response)) return await readWhole(response, deadline.signal);
        failure = await untilAborted(readErrorResponse(response, secrets), deadline.signal);
      } catch (thrown) {
        if (callerSignal.aborted) throw abortError(callerSignal);
        failure = deadline.timedOut() ? timeoutError(timeoutMs, retry + 1, thrown) : connectionError(thrown);
      } finally {
        deadline.dispose();
      }

      if (retry >= maxRetries || !isRetryable(failure)) throw failure;
      const delay = retryDelay(failure, retry, config.backoff);
      if (delay === undefined) throw failure;
      try {
        await config.backoff.sleep(delay, callerSignal);
      } catch (thrown) {
        if (callerSignal.aborted) throw abortError(callerSignal);
        throw thrown;
      }
      if (callerSignal.aborted) throw abortError(callerSignal);
    }
  }

  const withCall =
    (call: CallOptions): FetchLike =>
    (request) =>
      sendWithRetries(request, call);
  return { fetch: withCall({}), with: withCall };
}
