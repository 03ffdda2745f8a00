import { type ClassificationTable, rules } from '../classification.js';
import type { FailureCode } from '../types.js';

/**
 * MTN MoMo: (operation, HTTP status, `code` of the error body) → decision. First matching row wins. A 401 on
 * an API call first refreshes the token and retries once; the 401 rows apply when that did not help.
 */
export const MTN_CLASSIFICATION: ClassificationTable = rules([
  ['token', 200, '*', 'answered', 'token issued'],
  ['token', 401, '*', 'unavailable', 'API user or key refused'],
  ['token', 429, '*', 'retry', 'throttled'],
  ['token', '5xx', '*', 'retry', 'token calls are safe to repeat'],
  ['token', 'not_sent', '*', 'retry', 'no connection'],
  ['token', 'maybe_sent', '*', 'retry', 'timeout or reset'],
  ['token', '*', '*', 'unavailable', 'no token: the payment call is not sent'],

  ['submit', 202, '*', 'accepted', 'request taken (empty body)'],
  ['submit', 409, '*', 'duplicate', 'RESOURCE_ALREADY_EXIST: an earlier attempt got through'],
  ['submit', '*', 'RESOURCE_ALREADY_EXIST', 'duplicate', 'an earlier attempt got through'],
  ['submit', '*', 'NOT_ALLOWED', 'final', 'account not allowed to do this', 'not_allowed', true],
  ['submit', '*', 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'final', 'wrong environment', 'not_allowed', true],
  ['submit', '*', 'INVALID_CURRENCY', 'final', 'currency not served here', 'invalid_currency', true],
  [
    'submit',
    '*',
    'INVALID_CALLBACK_URL_HOST',
    'final',
    'callback host not registered',
    'provider_error',
    true,
  ],
  ['submit', '*', 'PAYER_NOT_FOUND', 'final', 'no such payer account', 'payer_not_found', false],
  ['submit', '*', 'PAYEE_NOT_FOUND', 'final', 'no such payee account', 'payee_not_found', false],
  ['submit', '*', 'PAYEE_NOT_ALLOWED_TO_RECEIVE', 'final', 'payee may not receive', 'not_allowed', false],
  ['submit', '*', 'NOT_ENOUGH_FUNDS', 'final', 'not enough funds', 'insufficient_funds', false],
  ['submit', '*', 'PAYER_LIMIT_REACHED', 'final', 'payer limit reached', 'limit_exceeded', false],
  ['submit', 429, '*', 'retry', 'throttled (Retry-After honoured)'],
  ['submit', 503, '*', 'retry', 'SERVICE_UNAVAILABLE'],
  ['submit', 'not_sent', '*', 'retry', 'no connection: certainly not sent'],
  ['submit', 401, '*', 'unavailable', 'credentials refused even after a token refresh'],
  ['submit', 403, '*', 'unavailable', 'subscription key refused'],
  ['submit', 400, '*', 'final', 'request refused as malformed', 'provider_error', false],
  ['submit', 404, '*', 'final', 'endpoint not found: base URL or product', 'provider_error', true],
  ['submit', '5xx', '*', 'ambiguous', 'failed after arriving (INTERNAL_PROCESSING_ERROR, 502, 504)'],
  ['submit', 'maybe_sent', '*', 'ambiguous', 'timeout or reset after sending'],
  ['submit', '*', '*', 'ambiguous', 'unexpected answer'],

  ['status', 200, '*', 'answered', 'read `status` and `reason`'],
  ['status', 404, '*', 'not_found', 'RESOURCE_NOT_FOUND: the request never reached MTN'],
  ['status', 429, '*', 'retry', 'throttled'],
  ['status', '5xx', '*', 'retry', 'reads are safe to repeat'],
  ['status', 'not_sent', '*', 'retry', 'no connection'],
  ['status', 'maybe_sent', '*', 'retry', 'timeout or reset'],
  ['status', '*', '*', 'unavailable', 'could not ask: try later'],
]);

export interface MtnStatusRule {
  status: 'PENDING' | 'SUCCESSFUL' | 'FAILED';
  /** `reason` of the status body, or `*`. */
  reason: string;
  outcome: 'pending' | 'successful' | 'failed';
  failure?: FailureCode;
}

/**
 * The status GET's `status` and `reason` → our outcome. MTN's own documentation table has its descriptions
 * shifted by one row; these follow the codes.
 */
export const MTN_STATUS_TABLE: readonly MtnStatusRule[] = [
  { status: 'PENDING', reason: '*', outcome: 'pending' },
  { status: 'SUCCESSFUL', reason: '*', outcome: 'successful' },
  { status: 'FAILED', reason: 'PAYER_NOT_FOUND', outcome: 'failed', failure: 'payer_not_found' },
  { status: 'FAILED', reason: 'PAYEE_NOT_FOUND', outcome: 'failed', failure: 'payee_not_found' },
  { status: 'FAILED', reason: 'PAYEE_NOT_ALLOWED_TO_RECEIVE', outcome: 'failed', failure: 'not_allowed' },
  { status: 'FAILED', reason: 'APPROVAL_REJECTED', outcome: 'failed', failure: 'approval_rejected' },
  { status: 'FAILED', reason: 'PAYMENT_NOT_APPROVED', outcome: 'failed', failure: 'approval_rejected' },
  { status: 'FAILED', reason: 'EXPIRED', outcome: 'failed', failure: 'expired' },
  { status: 'FAILED', reason: 'COULD_NOT_PERFORM_TRANSACTION', outcome: 'failed', failure: 'expired' },
  { status: 'FAILED', reason: 'TRANSACTION_CANCELED', outcome: 'failed', failure: 'cancelled' },
  { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS', outcome: 'failed', failure: 'insufficient_funds' },
  { status: 'FAILED', reason: 'PAYER_LIMIT_REACHED', outcome: 'failed', failure: 'limit_exceeded' },
  { status: 'FAILED', reason: 'NOT_ALLOWED', outcome: 'failed', failure: 'not_allowed' },
  { status: 'FAILED', reason: 'INVALID_CURRENCY', outcome: 'failed', failure: 'invalid_currency' },
  { status: 'FAILED', reason: '*', outcome: 'failed', failure: 'provider_error' },
];
