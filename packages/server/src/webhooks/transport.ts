import { lookup } from 'node:dns';
import { Agent, request } from 'undici';
import { isPublicAddress } from './url-policy.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | Array<{ address: string; family: number }>,
  family?: number,
) => void;

/**
 * Live endpoints resolve their name at connect time and refuse private addresses then too, so a name that
 * pointed somewhere public when the endpoint was saved cannot later be turned toward our own network.
 */
const publicOnlyLookup = (hostname: string, options: object, callback: LookupCallback): void => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as Array<{ address: string; family: number }>;
    const blocked = list.find((entry) => !isPublicAddress(entry.address));
    if (blocked)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: 'EBLOCKED' }),
        [],
      );
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

const agents = {
  test: new Agent({ keepAliveTimeout: 10_000 }),
  live: new Agent({ keepAliveTimeout: 10_000, connect: { lookup: publicOnlyLookup } }),
};

export interface DeliveryResult {
  statusCode: number | null;
  retryAfterSeconds: number | null;
  /** The first KB of the answer. */
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
}

const RESPONSE_LIMIT = 1024;

export async function postWebhook(
  url: string,
  mode: 'test' | 'live',
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const started = performance.now();
  try {
    const response = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher: agents[mode],
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
      error: error instanceof Error ? error.message : String(error),
      latencyMs: performance.now() - started,
    };
  }
}
