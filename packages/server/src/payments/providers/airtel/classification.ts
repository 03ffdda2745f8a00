import { type ClassificationTable, rules } from '../classification.js';
import type { FailureCode } from '../types.js';

/**
 * Airtel Money: (operation, HTTP status, code) → decision, where the codes are the envelope's `response_code`
 * (DP008… collection, DP009… disbursement) and `result_code` (ESB…). First matching row wins. Airtel answers
 * most outcomes with HTTP 200 and a code, so the codes come first.
 */
export const AIRTEL_CLASSIFICATION: ClassificationTable = rules([
  ['token', 200, '*', 'answered', 'token issued'],
  ['token', 400, '*', 'unavailable', 'client id or secret refused'],
  ['token', 401, '*', 'unavailable', 'client id or secret refused'],
  ['token', 429, '*', 'retry', 'throttled'],
  ['token', '5xx', '*', 'retry', 'token calls are safe to repeat'],
  ['token', 'not_sent', '*', 'retry', 'no connection'],
  ['token', 'maybe_sent', '*', 'retry', 'timeout or reset'],
  ['token', '*', '*', 'unavailable', 'no token: the payment call is not sent'],

  ['submit', '*', 'ESB000041', 'duplicate', 'transaction id already used: an earlier attempt got through'],
  ['submit', '*', 'DP00900001011', 'duplicate', 'duplicate disbursement'],
  ['submit', '*', 'DP00900001017', 'duplicate', 'duplicate disbursement'],
  ['submit', '*', 'DP00800001006', 'accepted', 'in process: the USSD push was sent'],
  ['submit', '*', 'DP00800001001', 'accepted', 'success'],
  ['submit', '*', 'DP00900001001', 'accepted', 'disbursement success'],
  ['submit', '*', 'DP00800001000', 'ambiguous', 'Airtel itself does not know yet: enquire'],
  ['submit', '*', 'DP00900001014', 'ambiguous', 'disbursement timed out: enquire'],
  ['submit', '*', 'DP00800001002', 'final', 'incorrect PIN', 'approval_rejected', false],
  ['submit', '*', 'DP00800001003', 'final', 'limit exceeded', 'limit_exceeded', false],
  ['submit', '*', 'DP00800001004', 'final', 'invalid amount', 'invalid_amount', false],
  ['submit', '*', 'DP00800001005', 'final', 'PIN not entered', 'expired', false],
  ['submit', '*', 'DP00800001007', 'final', 'not enough balance', 'insufficient_funds', false],
  ['submit', '*', 'DP00800001008', 'final', 'refused', 'approval_rejected', false],
  ['submit', '*', 'DP00800001009', 'final', 'do not honour', 'not_allowed', false],
  ['submit', '*', 'DP00800001010', 'final', 'transaction not permitted to payee', 'not_allowed', false],
  ['submit', '*', 'DP00800001024', 'final', 'timed out', 'expired', false],
  ['submit', '*', 'DP00800001029', 'final', 'expired', 'expired', false],
  ['submit', '*', 'DP00900001007', 'final', 'not enough balance in our wallet', 'insufficient_funds', false],
  ['submit', '*', 'DP00800001026', 'unavailable', 'forbidden: message signature configuration'],
  ['submit', '*', 'ESB000008', 'final', 'field validation failed', 'provider_error', false],
  ['submit', '2xx', 'ESB000010', 'accepted', 'request processed; the outcome comes by enquiry'],
  ['submit', 429, '*', 'retry', 'throttled (Retry-After honoured)'],
  ['submit', 503, '*', 'retry', 'service unavailable'],
  ['submit', 'not_sent', '*', 'retry', 'no connection: certainly not sent'],
  ['submit', 401, '*', 'unavailable', 'token refused even after a refresh'],
  ['submit', 403, '*', 'unavailable', 'not allowed for this application'],
  ['submit', 400, '*', 'final', 'request refused as malformed', 'provider_error', false],
  ['submit', 404, '*', 'final', 'endpoint not found: base URL or API version', 'provider_error', true],
  ['submit', '5xx', '*', 'ambiguous', 'failed after arriving'],
  ['submit', 'maybe_sent', '*', 'ambiguous', 'timeout or reset after sending'],
  ['submit', '*', '*', 'ambiguous', 'unknown code: enquire'],

  ['status', '*', 'ESB000045', 'not_found', 'no transaction found: never reached Airtel'],
  ['status', '*', 'DP00800001025', 'not_found', 'transaction not found'],
  ['status', 200, '*', 'answered', 'read `data.transaction.status`'],
  ['status', 404, '*', 'not_found', 'no such transaction'],
  ['status', 429, '*', 'retry', 'throttled'],
  ['status', '5xx', '*', 'retry', 'reads are safe to repeat'],
  ['status', 'not_sent', '*', 'retry', 'no connection'],
  ['status', 'maybe_sent', '*', 'retry', 'timeout or reset'],
  ['status', '*', '*', 'unavailable', 'could not ask: try later'],
]);

/** Our failure code for an Airtel response code, from the table's `final` rows. */
export function airtelFailureFor(code: string | undefined): FailureCode {
  const row = AIRTEL_CLASSIFICATION.find((rule) => rule.decision === 'final' && rule.code === code);
  return row?.failure ?? 'provider_error';
}

export interface AirtelEnquiryRule {
  status: 'TS' | 'TF' | 'TA' | 'TIP' | 'TE';
  outcome: 'successful' | 'failed' | 'pending';
  /** For `failed`; TF takes its failure from the response code instead. */
  failure?: FailureCode;
  meaning: string;
}

/** `data.transaction.status` of an enquiry → our outcome. */
export const AIRTEL_ENQUIRY_TABLE: readonly AirtelEnquiryRule[] = [
  { status: 'TS', outcome: 'successful', meaning: 'success' },
  { status: 'TF', outcome: 'failed', meaning: 'failed: the response code says why' },
  { status: 'TA', outcome: 'pending', meaning: 'ambiguous at Airtel: enquire again' },
  { status: 'TIP', outcome: 'pending', meaning: 'in progress' },
  { status: 'TE', outcome: 'failed', failure: 'expired', meaning: 'expired' },
];
