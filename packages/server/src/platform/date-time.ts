/** RFC 3339 date-time, with the fields checked one by one (Date.parse alone accepts 2026-02-30). */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The date-times the API accepts: valid RFC 3339 whose moment, in UTC, falls in the years 1970 to 9999. Every
 * stored time then means something, and reads back as RFC 3339 (a year-10000 moment would not).
 */
export function isSaneDateTime(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [, , month, day, hour, minute, second, offsetHours, offsetMinutes] = match.map(Number);
  const year = Number(match[1]);
  if (month === undefined || month < 1 || month > 12) return false;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 60) return false;
  if ((offsetHours ?? 0) > 23 || (offsetMinutes ?? 0) > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === undefined || day < 1 || day > daysInMonth) return false;
  const moment = Date.parse(value.replace(' ', 'T'));
  return moment >= EARLIEST && moment <= LATEST;
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February), between the years 1970 and 9999. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
