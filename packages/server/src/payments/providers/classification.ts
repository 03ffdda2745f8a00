import type { FailureCode } from './types.js';

/**
 * What one exchange with a provider means, decided by a table rather than by code paths, so that the tests and
 * the operators' README list exactly what the adapters do.
 */
export type Decision =
  /** Submit: the provider took the request. */
  | 'accepted'
  /** Token or status: the provider answered; read the body. */
  | 'answered'
  /** Submit: the provider already had this reference. */
  | 'duplicate'
  /** Status: the provider does not know the reference. */
  | 'not_found'
  /** Not now (throttled, down, no connection): retry shortly; when retries run out, `unavailable`. */
  | 'retry'
  /** Certainly refused, for a reason about this payment. */
  | 'final'
  /** Maybe done: reconcile through status, never re-route. */
  | 'ambiguous'
  /** Certainly not done, and retrying now will not help (credentials refused, provider misconfigured). */
  | 'unavailable';

export type Operation = 'token' | 'submit' | 'status';

/** An HTTP status, a class of them, or a network failure (see `Delivery`). */
export type StatusPattern = number | '2xx' | '4xx' | '5xx' | '*' | 'not_sent' | 'maybe_sent';

export interface ClassificationRule {
  operation: Operation;
  status: StatusPattern;
  /** The provider's code, or `*` for any (including none). */
  code: string;
  decision: Decision;
  failure?: FailureCode;
  /** For `final`: whether another provider may take the payment. */
  fallbackAllowed?: boolean;
  /** What this row means, for the README. */
  meaning: string;
}

export type ClassificationTable = readonly ClassificationRule[];

export type Observed = number | 'not_sent' | 'maybe_sent';

/** Reached only if a table lacks its catch-all rows: assume the worst that is still safe. */
const LAST_RESORT: ClassificationRule = {
  operation: 'submit',
  status: '*',
  code: '*',
  decision: 'ambiguous',
  meaning: 'nothing in the table matched',
};

/** The first row, in table order, that matches the operation, the status and one of the provider's codes. */
export function classify(
  table: ClassificationTable,
  operation: Operation,
  observed: Observed,
  codes: readonly string[],
): ClassificationRule {
  return (
    table.find(
      (rule) =>
        rule.operation === operation &&
        statusMatches(rule.status, observed) &&
        (rule.code === '*' || codes.includes(rule.code)),
    ) ?? { ...LAST_RESORT, operation }
  );
}

function statusMatches(pattern: StatusPattern, observed: Observed): boolean {
  if (pattern === '*') return true;
  if (typeof observed !== 'number') return pattern === observed;
  if (typeof pattern === 'number') return pattern === observed;
  if (pattern === '2xx') return observed >= 200 && observed < 300;
  if (pattern === '4xx') return observed >= 400 && observed < 500;
  if (pattern === '5xx') return observed >= 500 && observed < 600;
  return false;
}

/** A table row written compactly: operation, status, code, decision, meaning, then failure and fallback. */
export type RuleRow = readonly [Operation, StatusPattern, string, Decision, string, FailureCode?, boolean?];

export function rules(rows: readonly RuleRow[]): ClassificationTable {
  return rows.map(([operation, status, code, decision, meaning, failure, fallbackAllowed]) => ({
    operation,
    status,
    code,
    decision,
    meaning,
    ...(failure === undefined ? {} : { failure }),
    ...(fallbackAllowed === undefined ? {} : { fallbackAllowed }),
  }));
}
