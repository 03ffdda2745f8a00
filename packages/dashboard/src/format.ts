import currencyCodes from 'currency-codes';

/**
 * How many minor-unit digits a currency has (XOF 0, ZMW 2, MGA 2), from the same ISO 4217 list the server
 * and the CLI use: the browser's own Intl data differs for several currencies (MGA, IDR, HUF …).
 */
function minorDigits(currency: string): number {
  return currencyCodes.code(currency)?.digits ?? 2;
}

/** Minor units as a number of major units (for charts): 125000 ZMW → 1250. */
export const toMajor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);

/** Money in minor units as people read it: 125000 ZMW → "ZMW 1,250.00". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

export const formatCount = (value: number, locale?: string) => new Intl.NumberFormat(locale).format(value);

export const formatPercent = (ratio: number, locale?: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

/** The change from `before` to `now`, or null when there is nothing to compare with. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null;
  return (now - before) / Math.abs(before);
}
