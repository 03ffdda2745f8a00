import { LIMITS } from '@molam/contract';
import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number in [min, max]; a bad value is a usage error. */
export function integerBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

/** An RFC 3339 timestamp, normalised to UTC. */
export function timestamp(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('Expected an RFC 3339 timestamp such as 2027-01-31T00:00:00Z.');
  }
  return new Date(value).toISOString();
}

/** Lets a flag repeat (`--scope a --scope b`) and take commas (`--scope a,b`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

const { min: KEY_MIN, max: KEY_MAX, pattern: KEY_PATTERN } = LIMITS.idempotencyKey;
/** The API's rule for `Idempotency-Key`: 8 to 255 printable ASCII characters. */
export function idempotencyKey(value: string): string {
  if (value.length < KEY_MIN || value.length > KEY_MAX || !new RegExp(KEY_PATTERN).test(value)) {
    throw new InvalidArgumentError(
      `Expected ${KEY_MIN} to ${KEY_MAX} printable ASCII characters without spaces.`,
    );
  }
  return value;
}

/** A prompt/flag validator for names the API limits to 1..max characters. */
export function nameRule(max: number): (value: string) => string | true {
  return (value) =>
    value.trim().length === 0 ? 'must not be empty' : value.length > max ? `at most ${max} characters` : true;
}
