import { randomBytes } from 'node:crypto';

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

export type IdPrefix = 'mer' | 'key' | 'req' | 'aud' | 'pay' | 'att' | 'evt' | 'we' | 'del';

/** A public id such as `mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G`: prefixed, and sortable by creation time. */
export const newId = (prefix: IdPrefix): string => `${prefix}_${sortableId()}`;
