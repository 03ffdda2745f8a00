import { describe, expect, it } from 'vitest';
import {
  AmountFormatError,
  currencyExponent,
  formatMinorUnits,
} from '../../src/payments/providers/currency.js';

describe('currency exponents and amount formatting', () => {
  it('knows the ISO 4217 exponents of the currencies we move', () => {
    expect(currencyExponent('ZMW')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    for (const code of ['XOF', 'XAF', 'RWF', 'UGX', 'GNF']) expect(currencyExponent(code)).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('zmw')).toBe(2);
    expect(currencyExponent('ABC')).toBeUndefined();
  });

  it.each([
    [1250, 'ZMW', '12.50'],
    [1000, 'XOF', '1000'],
    [5, 'ZMW', '0.05'],
    [0, 'EUR', '0.00'],
    [100, 'EUR', '1.00'],
    [5, 'KWD', '0.005'],
    [123456789012, 'UGX', '123456789012'],
    [9007199254740991, 'USD', '90071992547409.91'],
  ])('%d %s is "%s"', (amount, currency, expected) => {
    expect(formatMinorUnits(amount, currency)).toBe(expected);
  });

  it('refuses fractions, negatives, unsafe integers and unknown currencies', () => {
    for (const amount of [12.5, -1, Number.NaN, 2 ** 60]) {
      expect(() => formatMinorUnits(amount, 'ZMW')).toThrow(AmountFormatError);
    }
    expect(() => formatMinorUnits(100, 'ABC')).toThrow(/unknown currency/);
  });
});
