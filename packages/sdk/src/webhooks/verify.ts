// Standard Webhooks (https://www.standardwebhooks.com): `webhook-signature` holds `v1,<base64 HMAC-SHA256
// of "{webhook-id}.{webhook-timestamp}.{raw body}">` entries, keyed with the base64 part of `whsec_…`.
import { parseJson } from '../errors.js';
import { checkWebhookVerifyOptions, type WebhookVerifyOptions } from '../options.js';
import { constantTimeEqual, fromBase64, newSecret, secretKey, signatureOf, toBase64 } from './crypto.js';
import { type WebhookHeaderName, WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './events.js';

/** The request body exactly as received: text or bytes, never parsed. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

/** A fetch `Headers`, or a plain object such as Node's `req.headers` (names in any case). */
export type WebhookRequestHeaders = Headers | Record<string, string | string[] | undefined>;

/** What `signWebhook` signs. */
export interface WebhookSignParams {
  /** The event id, sent as `webhook-id`. */
  id: string;
  /** Unix time in seconds, sent as `webhook-timestamp`. Default: now. */
  timestamp?: number | undefined;
  /** The exact body that will be sent. */
  body: string;
}

/** The headers of a signed delivery. (A type, not an interface, so that `verifyWebhook` takes it as it is.) */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const TIMESTAMP = /^\d{1,15}$/;

function isHeaders(headers: WebhookRequestHeaders): headers is Headers {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/** One header's value; repeated ones are joined with ", ", as `Headers.get` does. */
function readHeader(headers: WebhookRequestHeaders, name: WebhookHeaderName): string {
  let value: string | null | undefined;
  if (isHeaders(headers)) value = headers.get(name);
  else {
    const values = Object.entries(headers)
      .filter(([key, entry]) => key.toLowerCase() === name && entry !== undefined)
      .flatMap(([, entry]) => entry ?? []);
    value = values.length === 0 ? undefined : values.join(', ');
  }
  const trimmed = value?.trim();
  if (!trimmed) {
    throw new WebhookVerificationError('missing_header', `The \`${name}\` header is missing or empty.`, name);
  }
  return trimmed;
}

/** The base64 part of every `v1,…` entry; other versions (such as `v1a`, asymmetric) are skipped. */
function v1Signatures(header: string): string[] {
  const signatures: string[] = [];
  for (const token of header.split(/\s+/)) {
    // A trailing comma comes from repeated headers joined with ", ".
    const entry = token.replace(/,+$/, '');
    const comma = entry.indexOf(',');
    if (comma > 0 && entry.slice(0, comma) === 'v1') signatures.push(entry.slice(comma + 1));
  }
  return signatures;
}

function bodyBytes(rawBody: unknown, where: string): { bytes: Uint8Array; text: string } {
  if (typeof rawBody === 'string') return { bytes: new TextEncoder().encode(rawBody), text: rawBody };
  let bytes: Uint8Array | undefined;
  // The tag also recognises an ArrayBuffer of another realm (a vm context, a worker's).
  if (rawBody instanceof ArrayBuffer || Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]') {
    bytes = new Uint8Array(rawBody as ArrayBuffer);
  } else if (ArrayBuffer.isView(rawBody)) {
    bytes = new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  if (bytes !== undefined) return { bytes, text: new TextDecoder().decode(bytes) };
  if (typeof rawBody === 'object' && rawBody !== null) {
    throw new WebhookVerificationError(
      'body_reserialized',
      'The body is an already parsed object; the signature covers the bytes received: pass the raw body ' +
        "(express.raw({ type: 'application/json' }) instead of express.json(); `await request.text()` with fetch).",
    );
  }
  throw new TypeError(
    `${where}: \`rawBody\` must be the request body as received: a string, a Uint8Array or an ArrayBuffer.`,
  );
}

/** Whether a parsed body looks like an event: `{ id, type, data }` at least. */
export function isEvent(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, type, data } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof type === 'string' && typeof data === 'object' && data !== null;
}

function matchesAny(signatures: readonly string[], expected: Uint8Array): boolean {
  return signatures.some((signature) => {
    const decoded = fromBase64(signature);
    return decoded !== undefined && constantTimeEqual(decoded, expected);
  });
}

/**
 * When no signature matches, tells apart a body that was re-serialised on its way here (pretty-printed,
 * say) from a wrong secret: the signature would then match the compact JSON of what was received.
 */
async function wasReserialized(
  key: Uint8Array<ArrayBuffer>,
  id: string,
  timestamp: string,
  text: string,
  signatures: readonly string[],
): Promise<boolean> {
  const parsed = parseJson(text);
  if (!parsed.ok) return false;
  const compact = JSON.stringify(parsed.value);
  if (compact === text) return false;
  return matchesAny(signatures, await signatureOf(key, id, timestamp, new TextEncoder().encode(compact)));
}

/** Verifies a delivery and returns its event; see `verifyWebhook`. `where` names the caller in messages. */
export async function verifyWebhookAs(
  where: string,
  rawBody: WebhookRawBody,
  headers: WebhookRequestHeaders,
  secret: string,
  options?: WebhookVerifyOptions,
): Promise<WebhookEvent> {
  const { toleranceSeconds, now } = checkWebhookVerifyOptions(options, where);
  const secretCheck = secretKey(secret);
  if ('problem' in secretCheck) throw new WebhookVerificationError('invalid_secret', secretCheck.problem);
  const { key } = secretCheck;
  const body = bodyBytes(rawBody, where);
  if (typeof headers !== 'object' || headers === null) {
    throw new TypeError(`${where}: \`headers\` must be a Headers or an object of header values.`);
  }

  const id = readHeader(headers, 'webhook-id');
  const timestamp = readHeader(headers, 'webhook-timestamp');
  const signatureHeader = readHeader(headers, 'webhook-signature');
  if (!TIMESTAMP.test(timestamp)) {
    throw new WebhookVerificationError(
      'invalid_timestamp',
      '`webhook-timestamp` must be a Unix time in whole seconds.',
    );
  }

  // The signature first: a timestamp error then only ever describes a genuine delivery.
  const signatures = v1Signatures(signatureHeader);
  if (!matchesAny(signatures, await signatureOf(key, id, timestamp, body.bytes))) {
    if (await wasReserialized(key, id, timestamp, body.text, signatures)) {
      throw new WebhookVerificationError(
        'body_reserialized',
        'The signature matches this body once re-serialised, not the body itself: pass the raw body as received.',
      );
    }
    throw new WebhookVerificationError(
      'no_matching_signature',
      signatures.length === 0
        ? '`webhook-signature` holds no `v1,` signature.'
        : `No v1 signature matches (${signatures.length} checked): a wrong secret, a changed body, or a forgery.`,
    );
  }

  const nowMs = now();
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    throw new TypeError(`${where}: \`now\` must return a time in milliseconds.`);
  }
  const age = Math.floor(nowMs / 1000) - Number(timestamp);
  if (age > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `Signed ${age} s ago, more than the ${toleranceSeconds} s tolerated: a replay, or a clock off.`,
    );
  }
  if (-age > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_in_future',
      `Dated ${-age} s ahead, more than the ${toleranceSeconds} s tolerated: a clock is off.`,
    );
  }

  const parsed = parseJson(body.text);
  if (!parsed.ok || !isEvent(parsed.value)) {
    throw new WebhookVerificationError(
      'invalid_json',
      'The body is signed but is not a JSON event ({ id, type, created, data }).',
    );
  }
  return parsed.value;
}

/** Signs a delivery; see `signWebhook`. */
export async function signWebhookAs(
  where: string,
  message: WebhookSignParams,
  secret: string,
): Promise<WebhookHeaders> {
  if (typeof message !== 'object' || message === null) {
    throw new TypeError(`${where}: the message must be an object { id, timestamp?, body }.`);
  }
  const { id, body, timestamp = Math.floor(Date.now() / 1000) } = message;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`${where}: \`id\` must be a non-empty string.`);
  }
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(`${where}: \`timestamp\` must be a Unix time in whole seconds.`);
  }
  if (typeof body !== 'string') throw new TypeError(`${where}: \`body\` must be a string.`);
  const secretCheck = secretKey(secret);
  if ('problem' in secretCheck) throw new TypeError(`${where}: ${secretCheck.problem}`);

  const signature = await signatureOf(secretCheck.key, id, String(timestamp), new TextEncoder().encode(body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${toBase64(signature)}`,
  };
}

/**
 * Verifies a webhook delivery (Standard Webhooks) and returns its event. Needs no client and no API key.
 *
 * `rawBody` must be the body exactly as received (a string or bytes): the signature covers those bytes,
 * and a parsed object is refused (`body_reserialized`). Rejects with a `WebhookVerificationError` whose
 * `reason` says what is wrong; answer such a request with a 400 and ignore it.
 */
export function verifyWebhook(
  rawBody: WebhookRawBody,
  headers: WebhookRequestHeaders,
  secret: string,
  options?: WebhookVerifyOptions,
): Promise<WebhookEvent> {
  return verifyWebhookAs('verifyWebhook', rawBody, headers, secret, options);
}

/** The headers Molam would send with `body`: for your own tests of your webhook endpoint. */
export function signWebhook(message: WebhookSignParams, secret: string): Promise<WebhookHeaders> {
  return signWebhookAs('signWebhook', message, secret);
}

/** A new `whsec_…` secret (24 random bytes): for your tests, with `signWebhook`. */
export function generateWebhookSecret(): string {
  return newSecret();
}
