/** One invalid field of a request, as listed in a problem document's `errors`. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

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
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, detail: string, options: AppErrorOptions = {}) {
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

const TITLES: Record<string, string> = {
  malformed_json: 'Malformed JSON',
  validation_failed: 'Validation failed',
  unauthenticated: 'Unauthenticated',
  invalid_api_key: 'Invalid API key',
  api_key_revoked: 'API key revoked',
  api_key_expired: 'API key expired',
  insufficient_scope: 'Insufficient scope',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
};

function titleFromCode(code: string): string {
  if (TITLES[code]) return TITLES[code];
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const notFound = (what: string, id: string) => new AppError(404, 'not_found', `No ${what} ${id}.`);
