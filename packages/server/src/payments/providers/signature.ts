import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Checks an `X-Signature-256` header: HMAC-SHA256 of the raw body with the shared secret, as `sha256=<hex>` or
 * bare hex. Compared in constant time; anything malformed is simply false.
 */
export function verifyHmacSha256(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (header === undefined || secret === '') return false;
  const trimmed = header.trim();
  const hex = trimmed.toLowerCase().startsWith('sha256=') ? trimmed.slice('sha256='.length) : trimmed;
  if (!SHA256_HEX.test(hex)) return false;
  const presented = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The header value a sender would compute, for tests and for forwarding tools. */
export const signHmacSha256 = (rawBody: Buffer, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
