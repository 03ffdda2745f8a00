/**
 * ISO 4217 minor-unit exponents for the currencies our providers handle, and the one conversion every adapter
 * needs: integer minor units → a decimal string in major units. Integer arithmetic only, so 1250 ZMW is "12.50"
 * exactly and never 12.499999.
 */

const EXPONENTS: Readonly<Record<string, number>> = {
  // No minor unit.
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // Three decimals.
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // Two decimals: the usual case, listed so that an unknown code is refused rather than guessed.
  AED: 2,
  AOA: 2,
  BWP: 2,
  CAD: 2,
  CDF: 2,
  CHF: 2,
  CNY: 2,
  CVE: 2,
  EGP: 2,
  ERN: 2,
  ETB: 2,
  EUR: 2,
  GBP: 2,
  GHS: 2,
  GMD: 2,
  INR: 2,
  KES: 2,
  LRD: 2,
  LSL: 2,
  MAD: 2,
  MGA: 2,
  MRU: 2,
  MUR: 2,
  MWK: 2,
  MZN: 2,
  NAD: 2,
  NGN: 2,
  SCR: 2,
  SDG: 2,
  SLE: 2,
  SOS: 2,
  SSP: 2,
  STN: 2,
  SZL: 2,
  TZS: 2,
  USD: 2,
  ZAR: 2,
  ZMW: 2,
  ZWG: 2,
};

/** The number of decimals of a currency, or undefined when we do not know the code. */
export function currencyExponent(currency: string): number | undefined {
  return EXPONENTS[currency.toUpperCase()];
}

export class AmountFormatError extends Error {
  readonly reason: 'invalid_amount' | 'invalid_currency';

  constructor(reason: 'invalid_amount' | 'invalid_currency', message: string) {
    super(message);
    this.name = 'AmountFormatError';
    this.reason = reason;
  }
}

/** 1250 ZMW → "12.50"; 1000 XOF → "1000"; 5 KWD → "0.005". Throws AmountFormatError on bad input. */
export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    throw new AmountFormatError('invalid_currency', `unknown currency ${JSON.stringify(currency)}`);
  }
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new AmountFormatError('invalid_amount', `amount must be a non-negative integer of minor units`);
  }
  if (exponent === 0) return String(amount);
  const digits = String(amount).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
