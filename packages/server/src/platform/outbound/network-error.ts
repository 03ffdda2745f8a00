/**
 * Whether a failed request may have reached the provider. This is the question that decides between "try
 * another provider" and "reconcile first", so anything we cannot place is treated as maybe sent.
 */
export type Delivery = 'not_sent' | 'maybe_sent';

/** Failures that happen before a byte of the request leaves: no connection, so the provider saw nothing. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_INVALID_ARG',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class NetworkError extends Error {
  readonly code: string;
  readonly delivery: Delivery;

  constructor(code: string, message: string, delivery: Delivery) {
    super(message);
    this.name = 'NetworkError';
    this.code = code;
    this.delivery = delivery;
  }
}

/**
 * Headers and body timeouts, resets and "other side closed" happen after the request was written, so they are
 * maybe sent; so is a reset on a reused keep-alive connection, which we cannot tell apart from one mid-request.
 */
export function toNetworkError(error: unknown): NetworkError {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(code, message, NOT_SENT_CODES.has(code) ? 'not_sent' : 'maybe_sent');
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UNKNOWN';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? 'UNKNOWN' : errorCode(cause);
}
