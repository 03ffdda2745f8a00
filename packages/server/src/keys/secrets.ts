import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyMode } from '@molam/contract';

export type { KeyMode };

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32; // 32 base62 characters ≈ 190 bits of entropy
const PREFIX_LENGTH = 16; // "mk_test_" plus 8 characters: enough to find the row, useless to an attacker
const KEY_FORMAT = /^mk_(test|live)_[0-9A-Za-z]{32}$/;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 62 * 4 = 248: rejecting 248..255 keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export interface NewSecret {
  secret: string;
  prefix: string;
  hash: string;
}

export function generateSecret(mode: KeyMode): NewSecret {
  const secret = `mk_${mode}_${randomBase62(SECRET_LENGTH)}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), hash: hashSecret(secret) };
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The lookup prefix of a presented key, or null when it cannot be one of ours. */
export function prefixOf(presented: string): string | null {
  return KEY_FORMAT.test(presented) ? presented.slice(0, PREFIX_LENGTH) : null;
}

/** Compares a presented key with a stored hash in constant time. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
