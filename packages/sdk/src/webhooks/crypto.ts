// Web Crypto, TextEncoder and atob/btoa only, no Node module or global: the same code runs on Node, Deno,
// Bun, browsers and edge runtimes.

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard, padded base64. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Decodes standard, padded base64 in its canonical spelling only (the one `toBase64` gives back), so
 * that no two spellings of one signature are both accepted. Undefined for anything else.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return toBase64(bytes) === text ? bytes : undefined;
}

/** The HMAC key of a `whsec_…` secret, or why the secret is not one. Never echoes the secret. */
export function secretKey(secret: unknown): { key: Uint8Array<ArrayBuffer> } | { problem: string } {
  if (typeof secret !== 'string') return { problem: 'The webhook secret must be a string.' };
  if (!secret.startsWith(SECRET_PREFIX)) {
    return {
      problem: "The webhook secret must start with `whsec_`: the endpoint's signing secret, not an API key.",
    };
  }
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (/\s/.test(encoded)) {
    return {
      problem: 'The webhook secret contains spaces or line breaks (a trailing newline?).',
    };
  }
  const key = fromBase64(encoded);
  if (key === undefined || key.length === 0) {
    return { problem: 'The webhook secret must be `whsec_` and non-empty, padded base64.' };
  }
  return { key };
}

/** `whsec_` and the base64 of 24 random bytes. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${toBase64(globalThis.crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** HMAC-SHA256 of `{id}.{timestamp}.{body}`, the content Standard Webhooks signs. */
export async function signatureOf(
  key: Uint8Array<ArrayBuffer>,
  id: string,
  timestamp: string,
  body: Uint8Array,
): Promise<Uint8Array> {
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  const subtle = globalThis.crypto.subtle;
  const hmacKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', hmacKey, content));
}

/** Compares every byte whatever the first difference, so the time taken tells nothing about where it is. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
