const MINOR_DIGITS = new Map<string, number>();

/** How many minor-unit digits a currency has (XOF 0, ZMW 2), from the platform's Intl data. */
function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

/** Minor units as a number of major units (for charts): 125000 ZMW → 1250. */
export const toMajor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);

/** Money in minor units as people read it: 125000 ZMW → "ZMW 1,250.00". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(
    minor / 10 ** digits,
  );
}

export const formatCount = (value: number, locale?: string) => new Intl.NumberFormat(locale).format(value);

export const formatPercent = (ratio: number, locale?: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

/** The change from `before` to `now`, or null when there is nothing to compare with. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null;
  return (now - before) / Math.abs(before);
}
