import type { ProblemCode, Schemas } from '@molam/contract';
/** One invalid field of a request, as listed in a problem document's `errors`. */
export type FieldError = Schemas['FieldError'];

/**
 * Codes the server reports to its operator (at start-up, from `molam server` and `molam migrate`), never in an
 * HTTP response, so they are not part of the API's `ProblemCode`.
 */
export type OperatorErrorCode =
  | 'usage'
  | 'invalid_config'
  | 'data_dir_in_use'
  | 'database_unreachable'
  | 'redis_unreachable'
  | 'migrations_pending'
  | 'migration_invalid'
  | 'migration_missing'
  | 'migration_sequence_broken'
  | 'migration_checksum_mismatch'
  | 'kafka_client_missing'
  | 'kafka_not_configured'
  | 'kafka_unreachable';

export interface AppErrorOptions {
  title?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An error that is a value: a stable `code`, the HTTP status it maps to and a detail written for the person
 * reading it. Everything the server refuses on purpose is an AppError; anything else is a bug (500).
 */
export class AppError extends Error {
  readonly code: ProblemCode | OperatorErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    code: ProblemCode | OperatorErrorCode,
    detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.title = options.title ?? titleFromCode(code);
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

const TITLES: Partial<Record<ProblemCode | OperatorErrorCode, string>> = {
  malformed_json: 'Malformed JSON',
  validation_failed: 'Validation failed',
  unauthenticated: 'Unauthenticated',
  invalid_api_key: 'Invalid API key',
  api_key_revoked: 'API key revoked',
  api_key_expired: 'API key expired',
  insufficient_scope: 'Insufficient scope',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
  otp_invalid: 'Wrong OTP',
  otp_expired: 'OTP expired',
  otp_locked: 'OTP locked',
  otp_resend_limited: 'OTP re-sends limited',
  otp_not_required: 'No OTP awaited',
};

function titleFromCode(code: ProblemCode | OperatorErrorCode): string {
  const title = TITLES[code];
  if (title) return title;
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const notFound = (what: string, id: string) => new AppError(404, 'not_found', `No ${what} ${id}.`);
