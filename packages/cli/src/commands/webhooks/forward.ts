import type { WebhookEvent, WebhookHeaders, WebhookSignParams } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import type { Clock, Fetch } from '../../runtime.js';

/** What `--json` prints for each forward: `{"object": "forward", …}`. */
export interface ForwardResult {
  object: 'forward';
  event_id: string;
  url: string;
  /** The receiver's HTTP status; null when no answer came (`error` says why). */
  status: number | null;
  duration_ms: number;
  error: string | null;
}

export interface Forwarder {
  url: string;
  secret: string;
  fetch: Fetch;
  clock: Clock;
  sign(message: WebhookSignParams, secret: string): Promise<WebhookHeaders>;
  userAgent: string;
  timeoutMs: number;
}

/** `localhost:3000/hooks` → `http://localhost:3000/hooks`; anything but http(s) is a usage error. */
export function parseForwardUrl(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`--forward-to is not a URL: "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--forward-to must be an http:// or https:// URL.');
  }
  return url.href;
}

/** "connect ECONNREFUSED 127.0.0.1:3000" rather than fetch's bare "fetch failed". */
export function networkErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

/**
 * POSTs the event as Molam would deliver it: the compact JSON body, signed per Standard Webhooks
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the listener's secret, so the receiver's
 * `verifyWebhook(rawBody, headers, secret)` accepts it. Never throws: a receiver that is down or answers
 * an error is a result to print, not a reason to stop listening.
 */
export async function forwardEvent(
  event: WebhookEvent,
  forwarder: Forwarder,
  signal?: AbortSignal,
): Promise<ForwardResult> {
  const body = JSON.stringify(event);
  const started = forwarder.clock.now();
  const result = (status: number | null, error: string | null): ForwardResult => ({
    object: 'forward',
    event_id: event.id,
    url: forwarder.url,
    status,
    duration_ms: Math.max(0, Math.round(forwarder.clock.now() - started)),
    error,
  });
  const headers = await forwarder.sign(
    { id: event.id, timestamp: Math.floor(started / 1000), body },
    forwarder.secret,
  );
  const timeout = AbortSignal.timeout(forwarder.timeoutMs);
  try {
    const response = await forwarder.fetch(forwarder.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': forwarder.userAgent, ...headers },
      body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // Read the answer through so the connection can be reused; its content is the receiver's business.
    await response.arrayBuffer().catch(() => undefined);
    return result(response.status, null);
  } catch (error) {
    if (timeout.aborted && !signal?.aborted) {
      return result(null, `no answer within ${forwarder.timeoutMs / 1000} s`);
    }
    return result(null, networkErrorMessage(error));
  }
}
