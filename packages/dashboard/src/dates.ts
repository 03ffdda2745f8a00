/** Date ranges in the merchant's own calendar, from its `today` (YYYY-MM-DD) as the API reports it. */
export type Preset = 'today' | '7d' | '30d' | 'month';

export interface DateRange {
  from: string;
  to: string;
}

export const PRESETS: { id: Preset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'month', label: 'This month' },
];

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

export function rangeOf(preset: Preset, today: string): DateRange {
  switch (preset) {
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

/** Days in a range, both ends included. */
export const daysIn = (range: DateRange) =>
  Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / 86_400_000) + 1;
