import { Agent, request } from 'undici';
import { checkEgressUrl, type EgressPolicy, egressLookup } from '../platform/egress/index.js';
import { Deadlines } from './deadlines.js';

const agents = new Map<string, Agent>();

/** Every field of a policy (a new field fails to compile here), so what is kept per policy is never shared. */
function policyKey({ allowHttp, allowLoopback, ...rest }: EgressPolicy): string {
  const unkeyed: Record<string, never> = rest;
  void unkeyed;
  return `${allowHttp}:${allowLoopback}`;
}

/**
 * One keep-alive agent per policy. Names are resolved at connect time and refused when any address is not
 * public, so a name that pointed somewhere public when the endpoint was saved cannot later be turned inward.
 */
function agentFor(policy: EgressPolicy, connectTimeoutMs: number): Agent {
  const key = `${policyKey(policy)}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 10_000,
      connect: { lookup: egressLookup(policy), timeout: connectTimeoutMs },
    });
    agents.set(key, agent);
  }
  return agent;
}

const MAX_CHECKED = 10_000;
const checkedTargets = new Map<string, URL>();

/**
 * Checked again at send time: literal addresses skip DNS, and the policy may be stricter than at save time. The
 * check depends only on the URL and the policy, so a URL that passed is not parsed again for its next delivery.
 */
function checkedTarget(url: string, policy: EgressPolicy): URL {
  const key = `${policyKey(policy)}:${url}`;
  let target = checkedTargets.get(key);
  if (!target) {
    target = checkEgressUrl(url, policy);
    if (checkedTargets.size >= MAX_CHECKED) checkedTargets.clear();
    checkedTargets.set(key, target);
  }
  return target;
}

const deadlines = new Deadlines();

export interface DeliveryResult {
  statusCode: number | null;
  retryAfterSeconds: number | null;
  /** The first KB of the answer. */
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
}

const RESPONSE_LIMIT = 1024;

/**
 * What a merchant is told about an attempt that got no answer. One message whatever the cause (refused,
 * unreachable, filtered, timed out, TLS, blocked by the egress policy, unresolvable), so the deliveries API
 * cannot be used to map ports or names; the endpoint's URL was already checked, with reasons, when saved.
 */
export const NO_RESPONSE = 'no response: the endpoint could not be reached, or did not answer in time';

export async function postWebhook(
  url: string,
  policy: EgressPolicy,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const started = performance.now();
  const signal = deadlines.start(timeoutMs);
  try {
    const response = await request(checkedTarget(url, policy), {
      method: 'POST',
      headers,
      body,
      dispatcher: agentFor(policy, timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal,
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
      // PostgreSQL text cannot hold NUL: an answer with one must not stop its attempt (and its batch) from being recorded.
      responseBody: text.slice(0, RESPONSE_LIMIT).replaceAll('\u0000', ''),
      error: null,
      latencyMs: performance.now() - started,
    };
  } catch {
    return {
      statusCode: null,
      retryAfterSeconds: null,
      responseBody: null,
      error: NO_RESPONSE,
      latencyMs: performance.now() - started,
    };
  } finally {
    deadlines.end(signal);
  }
}
