import { currencyExponent } from '../../platform/iso.js';

export { currencyExponent };

export class AmountFormatError extends Error {
  readonly reason: 'invalid_amount' | 'invalid_currency';

  constructor(reason: 'invalid_amount' | 'invalid_currency', message: string) {
    super(message);
    this.name = 'AmountFormatError';
    this.reason = reason;
  }
}

/**
 * The one conversion every adapter needs: integer minor units → a decimal string in major units, with ISO 4217
 * exponents. Integer arithmetic only, so 1250 ZMW is "12.50" exactly and never 12.499999.
 * 1250 ZMW → "12.50"; 1000 XOF → "1000"; 5 KWD → "0.005". Throws AmountFormatError on bad input.
 */
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
