/** Date ranges in the merchant's own calendar, from its `today` (YYYY-MM-DD) as the API reports it. */
export type Preset = 'today' | '7d' | '30d' | 'month' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export const PRESETS: { id: Preset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'month', label: 'This month' },
  { id: 'custom', label: 'Custom' },
];

/** The most days a daily series covers (the API's limit). */
export const MAX_DAYS = 366;

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** The range of a preset; `custom` is the range the user typed. */
export function rangeOf(preset: Preset, today: string, custom?: DateRange): DateRange {
  switch (preset) {
    case 'custom':
      return custom ?? { from: addDays(today, -29), to: today };
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** Why a typed range cannot be shown, or null when it can. */
export function rangeProblem(range: DateRange, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to))
    return 'Pick both dates.';
  if (range.to < range.from) return 'The end date is before the start date.';
  if (range.to > today) return 'The end date is after today.';
  if (daysIn(range) > MAX_DAYS) return `A range covers at most ${MAX_DAYS} days.`;
  return null;
}

/** Days in a range, both ends included. */
export const daysIn = (range: DateRange) =>
  Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / 86_400_000) + 1;
