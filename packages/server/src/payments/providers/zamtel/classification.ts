import { type ClassificationTable, type RuleRow, rules } from '../classification.js';
import { DEFAULT_ZAMTEL_WIRE, type ZamtelWire } from './wire.js';

/**
 * Zamtel: (operation, HTTP status, result code) → decision. UNVERIFIED: with no documentation, a non-success
 * code on a submit is treated as "maybe taken" (ambiguous) rather than as a refusal, so that nothing is sent to
 * another provider while Zamtel might still be moving the money.
 */
export function zamtelClassification(wire: ZamtelWire): ClassificationTable {
  const success: RuleRow[] = wire.successCodes.map((code) => [
    'submit',
    '2xx',
    code,
    'accepted',
    'request taken',
  ]);
  return rules([
    ...success,
    ['submit', '2xx', '*', 'ambiguous', 'another code: meaning unknown, reconcile'],
    ['submit', 429, '*', 'retry', 'throttled (Retry-After honoured)'],
    ['submit', 503, '*', 'retry', 'service unavailable'],
    ['submit', 'not_sent', '*', 'retry', 'no connection: certainly not sent'],
    ['submit', 401, '*', 'unavailable', 'credentials refused'],
    ['submit', 403, '*', 'unavailable', 'credentials refused'],
    ['submit', 400, '*', 'final', 'request refused: check field names', 'provider_error', true],
    ['submit', 404, '*', 'final', 'path not found: check ZAMTEL_*_PATH', 'provider_error', true],
    ['submit', '5xx', '*', 'ambiguous', 'failed after arriving'],
    ['submit', 'maybe_sent', '*', 'ambiguous', 'timeout or reset after sending'],
    ['submit', '*', '*', 'ambiguous', 'unexpected answer'],

    ['status', '2xx', '*', 'answered', 'read the result code'],
    ['status', 429, '*', 'retry', 'throttled'],
    ['status', '5xx', '*', 'retry', 'reads are safe to repeat'],
    ['status', 'not_sent', '*', 'retry', 'no connection'],
    ['status', 'maybe_sent', '*', 'retry', 'timeout or reset'],
    ['status', '*', '*', 'unavailable', 'could not ask: try later'],
  ]);
}

export const ZAMTEL_CLASSIFICATION: ClassificationTable = zamtelClassification(DEFAULT_ZAMTEL_WIRE);
