import currencyCodes from 'currency-codes';
import countries from 'i18n-iso-countries';

/**
 * ISO 4217 codes that are not money a payment can move: precious metals, bond-market and accounting units,
 * funds codes, the testing code and "no currency". Everything else in ISO 4217 is.
 */
const NOT_MONEY = new Set([
  'XAG',
  'XAU',
  'XPD',
  'XPT', // metals
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XSU',
  'XUA', // units of account
  'BOV',
  'CHE',
  'CHW',
  'CLF',
  'COU',
  'MXV',
  'USN',
  'UYI',
  'UYW', // funds codes
  'XTS',
  'XXX', // testing, no currency
]);

/**
 * The number of decimals (ISO 4217 minor unit) of a currency that can carry payments, or undefined for a code
 * that is not one. The list is the maintained `currency-codes` package, not one of our own.
 */
export function currencyExponent(code: string): number | undefined {
  const upper = code.toUpperCase();
  if (NOT_MONEY.has(upper)) return undefined;
  return currencyCodes.code(upper)?.digits;
}

/** Whether a code is an assigned ISO 3166-1 alpha-2 country (from the maintained `i18n-iso-countries`). */
export const isCountry = (code: string): boolean => /^[A-Z]{2}$/.test(code) && countries.isValid(code);
