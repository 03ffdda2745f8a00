import { stringField } from '../json.js';
import type { Flow, ProviderPayment, StatusOutcome } from '../types.js';
import { AIRTEL_ENQUIRY_TABLE, airtelFailureFor } from './classification.js';

export const AIRTEL_TOKEN_PATH = '/auth/oauth2/token';

/** Trailing slashes as Airtel documents them. Accounts moved to v2 of collection are not supported yet. */
export const AIRTEL_PATHS: Readonly<Record<Flow, { submit: string; enquiry: string }>> = {
  collection: { submit: '/merchant/v1/payments/', enquiry: '/standard/v1/payments/' },
  disbursement: { submit: '/standard/v1/disbursements/', enquiry: '/standard/v1/disbursements/' },
};

/**
 * Airtel takes the amount as a JSON number in major units. It is built from the exact decimal string, so
 * 1250 ZMW is sent as 12.5 without any floating-point arithmetic on our side.
 */
export const airtelAmount = (decimal: string): number => Number(decimal);

export function collectionBody(
  payment: ProviderPayment,
  msisdn: string,
  amount: string,
  country: string,
): Record<string, unknown> {
  return {
    reference: payment.paymentId,
    subscriber: { country, currency: payment.currency, msisdn },
    transaction: { amount: airtelAmount(amount), country, currency: payment.currency, id: payment.reference },
  };
}

export function disbursementBody(
  payment: ProviderPayment,
  msisdn: string,
  amount: string,
  encryptedPin: string,
): Record<string, unknown> {
  return {
    payee: { msisdn },
    reference: payment.paymentId,
    pin: encryptedPin,
    transaction: { amount: airtelAmount(amount), id: payment.reference },
  };
}

/** The envelope's codes, most specific first: `response_code` (DP…), then `result_code` (ESB…). */
export function airtelCodes(json: unknown): string[] {
  const codes = [stringField(json, 'status', 'response_code'), stringField(json, 'status', 'result_code')];
  return codes.filter((code): code is string => code !== undefined && code !== '');
}

export const airtelMessage = (json: unknown): string | undefined => stringField(json, 'status', 'message');

/** An enquiry body → outcome, through AIRTEL_ENQUIRY_TABLE. */
export function airtelStatusOutcome(json: unknown): StatusOutcome {
  const status = stringField(json, 'data', 'transaction', 'status');
  const rule = AIRTEL_ENQUIRY_TABLE.find((row) => row.status === status);
  if (!rule)
    return { kind: 'unknown', reason: `Airtel enquiry: unexpected status ${JSON.stringify(status ?? null)}` };
  if (rule.outcome === 'pending') return { kind: 'pending' };
  if (rule.outcome === 'successful') {
    return {
      kind: 'successful',
      providerTransactionId: stringField(json, 'data', 'transaction', 'airtel_money_id') ?? null,
    };
  }
  const responseCode = stringField(json, 'status', 'response_code');
  const message = stringField(json, 'data', 'transaction', 'message');
  return {
    kind: 'failed',
    code: rule.failure ?? airtelFailureFor(responseCode),
    reason: `Airtel enquiry: ${status}${responseCode ? ` ${responseCode}` : ''}${message ? ` (${message.slice(0, 200)})` : ''}`,
  };
}
