import { Agent, request } from 'undici';
import { checkEgressUrl, type EgressPolicy, egressLookup } from '../platform/egress/index.js';
import { AppError } from '../platform/errors.js';

const agents = new Map<string, Agent>();

/**
 * One keep-alive agent per policy. Names are resolved at connect time and refused when any address is not
 * public, so a name that pointed somewhere public when the endpoint was saved cannot later be turned inward.
 */
function agentFor(policy: EgressPolicy): Agent {
  const key = `${policy.allowHttp}:${policy.allowLoopback}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAliveTimeout: 10_000, connect: { lookup: egressLookup(policy) } });
    agents.set(key, agent);
  }
  return agent;
}

export interface DeliveryResult {
  statusCode: number | null;
  retryAfterSeconds: number | null;
  /** The first KB of the answer. */
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
}

const RESPONSE_LIMIT = 1024;

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * What a merchant is told about a failed attempt. Connection failures read the same whatever the cause, so the
 * deliveries API cannot be used to tell an open port from a closed or filtered one.
 */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof AppError)
    return 'blocked: the endpoint URL is not allowed (it must be a public address)';
  const code = String(
    (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code ?? '',
  );
  const name = (error as { name?: unknown }).name;
  if (code === 'EEGRESSBLOCKED') return 'blocked: the host name resolves to a non-public address';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not resolve the host name';
  if (CONNECT_FAILURES.has(code)) return 'could not connect';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError') {
    return 'timed out waiting for the response';
  }
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code))
    return 'TLS handshake failed';
  return 'could not connect';
}

export async function postWebhook(
  url: string,
  policy: EgressPolicy,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const started = performance.now();
  try {
    // Checked again at send time: literal addresses skip DNS, and the policy may be stricter than at save time.
    const target = checkEgressUrl(url, policy);
    const response = await request(target, {
      method: 'POST',
      headers,
      body,
      dispatcher: agentFor(policy),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    let text = '';
    for await (const chunk of response.body) {
      text += String(chunk);
      if (text.length >= RESPONSE_LIMIT) break;
    }
    response.body.destroy();
    const retryAfter = Number(response.headers['retry-after']);
    return {
      statusCode: response.statusCode,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      responseBody: text.slice(0, RESPONSE_LIMIT),
      error: null,
      latencyMs: performance.now() - started,
    };
  } catch (error) {
    return {
      statusCode: null,
      retryAfterSeconds: null,
      responseBody: null,
      error: describeDeliveryError(error),
      latencyMs: performance.now() - started,
    };
  }
}
