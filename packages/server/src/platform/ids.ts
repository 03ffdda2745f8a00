import { randomBytes } from 'node:crypto';
import { ID_PATTERNS, type IdPrefix as PublicIdPrefix } from '@molam/contract';

// Crockford base32: no I, L, O, U, so ids survive being read aloud or copied by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/** 26 characters: 48-bit millisecond time then 80 random bits, monotonic within a process. */
function sortableId(now = Date.now()): string {
  let random: number[];
  if (now === lastTime) {
    random = increment(lastRandom);
  } else {
    random = [...randomBytes(10)];
    lastTime = now;
  }
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + encodeBits(random);
}

function increment(bytes: number[]): number[] {
  const next = [...bytes];
  for (let i = next.length - 1; i >= 0; i--) {
    next[i] = ((next[i] ?? 0) + 1) & 0xff;
    if (next[i] !== 0) break;
  }
  return next;
}

function encodeBits(bytes: number[]): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** The public ids' prefixes come from the spec; request and audit ids are the server's own. */
export type IdPrefix = PublicIdPrefix | 'req' | 'aud' | 'cus' | 'acc' | 'rsv' | 'otp';

/** A public id such as `mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G`: prefixed, and sortable by creation time. */
export const newId = (prefix: IdPrefix): string => `${prefix}_${sortableId()}`;

/** The pattern the spec gives ids of this prefix (`pay_` and 26 characters …). */
export const idPattern = (prefix: PublicIdPrefix): RegExp => new RegExp(ID_PATTERNS[prefix]);
