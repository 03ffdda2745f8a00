import { describe, expect, it } from 'vitest';
import { isSaneDateTime } from '../src/platform/date-time.js';

describe('the date-times the API accepts', () => {
  it.each([
    '2026-11-22T09:30:00.000Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2024-02-29T00:00:00+02:00',
    '1970-01-01T01:00:00+01:00',
  ])('%s', (value) => expect(isSaneDateTime(value)).toBe(true));

  it.each([
    ['0000-01-01T00:00:00Z', 'year 0'],
    ['1969-12-31T23:59:59Z', 'before 1970'],
    ['1970-01-01T00:30:00+01:00', 'before 1970 in UTC'],
    ['9999-12-31T23:00:00-01:00', 'year 10000 in UTC'],
    ['2026-02-30T00:00:00Z', 'no such day'],
    ['2026-13-01T00:00:00Z', 'no such month'],
    ['2026-01-01T24:00:00Z', 'no such hour'],
    ['2026-01-01', 'no time'],
    ['10000-01-01T00:00:00Z', 'five-digit year'],
  ])('refuses %s (%s)', (value) => expect(isSaneDateTime(value)).toBe(false));
});
