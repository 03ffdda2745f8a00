import { InvalidArgumentError } from 'commander';
import { timestamp } from './parse.js';

/** A commander parser for a calendar day, `YYYY-MM-DD`, that exists (no 30 February). */
export function calendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('Expected a day as YYYY-MM-DD, such as 2026-11-30.');
  }
  return value;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A commander parser for a moment: an RFC 3339 timestamp (`timestamp`'s rule) or a time ago (`30m`, `2h`,
 * `7d`). Resolves to an ISO string, so `--json` output says exactly which moment was meant.
 */
export function instantOrAgo(value: string, now = Date.now()): string {
  const ago = /^(\d{1,6})([mhd])$/.exec(value);
  if (ago) return new Date(now - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS]).toISOString();
  try {
    return timestamp(value);
  } catch {
    throw new InvalidArgumentError(
      'Expected a time ago such as 30m, 2h or 7d, or an RFC 3339 timestamp such as 2027-01-31T00:00:00Z.',
    );
  }
}
