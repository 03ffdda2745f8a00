import { LIMITS } from '@molam/contract';
import currencyCodes from 'currency-codes';

/**
 * Amounts travel as integers of minor units (1250 ZMW = 12.50 ZMW). People read them with the currency's
 * decimals, which come from the same maintained ISO 4217 list the server uses (`currency-codes`); a code it
 * does not know is still sent as given and shown as a plain number of minor units.
 */

/** The API's bounds for `amount`, in minor units (from the spec). */
export const { min: MIN_AMOUNT, max: MAX_AMOUNT } = LIMITS.amount;

/** How many decimals the currency has, or undefined for a code ISO 4217 does not list. */
export function currencyExponent(currency: string): number | undefined {
  return currencyCodes.code(currency.toUpperCase())?.digits;
}

/** Minor units as a decimal string: 1250 ZMW → "12.50"; 1000 XOF → "1000"; 5 KWD → "0.005". */
function majorUnits(amount: number, exponent: number): string {
  if (exponent === 0) return String(amount);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const sign = amount < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** An amount for people: `12.50 ZMW`; a currency of unknown exponent shows its minor units as they are. */
export function formatMoney(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined || !Number.isSafeInteger(amount)) return `${amount} ${currency} (minor units)`;
  return `${majorUnits(amount, exponent)} ${currency}`;
}

/** `12.50` in ZMW → 1250; undefined when the text has more decimals than the currency. */
function toMinorUnits(whole: string, fraction: string, exponent: number): number | undefined {
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) return undefined;
  return Number(`${whole}${fraction.slice(0, exponent).padEnd(exponent, '0')}`);
}

/**
 * Why `text` is not a valid amount of minor units, or null when it is. `flag` is `--amount` for a value
 * given on the command line (the message then names the flag to use), undefined for a prompt's answer.
 * A decimal such as `12.50` gets the integer to use instead: "use --amount 1250 for 12.50 ZMW".
 */
export function amountProblem(text: string, currency: string | undefined, flag?: string): string | null {
  const value = text.trim();
  const subject = flag ?? 'the amount';
  const use = (minor: number) => (flag ? `${flag} ${minor}` : String(minor));
  if (/^\d+$/.test(value)) {
    const amount = Number(value);
    if (amount >= MIN_AMOUNT && amount <= MAX_AMOUNT) return null;
    return `${subject} must be from ${MIN_AMOUNT} to ${MAX_AMOUNT} (minor units), not ${value}.`;
  }
  const decimal = /^(\d*)\.(\d+)$/.exec(value);
  if (!decimal) {
    return `${subject} must be a whole number of minor units, such as ${use(1250)} for 12.50 ZMW; got "${value}".`;
  }
  const [, whole = '', fraction = ''] = decimal;
  const code = currency?.trim().toUpperCase();
  const exponent = code === undefined ? undefined : currencyExponent(code);
  if (code === undefined || exponent === undefined) {
    const example = toMinorUnits(whole || '0', fraction, 2);
    const hint =
      example === undefined || example < MIN_AMOUNT
        ? `such as ${use(1250)} for 12.50 ZMW`
        : `in a currency with 2 decimals (ZMW, EUR, USD …) use ${use(example)} for ${value}`;
    return `${subject} is a whole number of minor units, not ${value}: ${hint}.`;
  }
  const minor = toMinorUnits(whole || '0', fraction, exponent);
  if (minor === undefined) {
    const decimals = exponent === 0 ? 'no minor unit' : `${exponent} decimals`;
    return `${subject} is a whole number of minor units, and ${code} has ${decimals}: ${value} ${code} cannot be paid.`;
  }
  if (minor < MIN_AMOUNT) return `${subject} must be at least 1 minor unit, not ${value}.`;
  return `${subject} is a whole number of minor units: use ${use(minor)} for ${formatMoney(minor, code)}.`;
}
