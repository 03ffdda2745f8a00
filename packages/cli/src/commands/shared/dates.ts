import { InvalidArgumentError } from 'commander';

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
