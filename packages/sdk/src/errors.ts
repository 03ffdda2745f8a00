import { parseRetryAfter } from './retry-after.js';
import type { Payment } from './types.js';

/** One invalid field of a request, as listed in a problem document's `errors`. */
export interface MolamFieldError {
  field: string;
  message: string;
  code?: string;
}

export interface MolamErrorInit {
  status: number;
  code: string;
  type?: string;
  title?: string;
  detail?: string;
  requestId?: string;
  errors?: MolamFieldError[];
  retryAfter?: number;
  raw?: unknown;
  cause?: unknown;
}

// A registry-wide symbol, so that the ESM and the CJS copies of the SDK loaded in one process
// recognise each other's errors (`instanceof` alone would fail across the two builds).
const KINDS = Symbol.for('@molam/sdk.error-kinds');

interface Branded {
  [KINDS]?: readonly string[];
}

function kindsOf(value: unknown): readonly string[] {
  if (typeof value !== 'object' || value === null) return [];
  const kinds = (value as Branded)[KINDS];
  return Array.isArray(kinds) ? kinds : [];
}

/**
 * Names an error class on its prototype (a minifier may rename the class itself) and records
 * its kind after its parents' kinds, for the cross-build `instanceof` check.
 */
export function defineKind(errorClass: { prototype: Error }, kind: string, name = kind): void {
  const parentKinds = kindsOf(Object.getPrototypeOf(errorClass.prototype));
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(errorClass.prototype, KINDS, { value: [kind, ...parentKinds] });
}

/** `instanceof` for every error class: the native check, or the kind recorded by the other build's copy. */
export function isMolamKind(this: { prototype: object }, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
  const ownKind = kindsOf(this.prototype)[0];
  return ownKind !== undefined && kindsOf(value).includes(ownKind);
}

function summarize(init: MolamErrorInit): string {
  const summary = init.detail
    ? `${init.title ?? 'Request failed'}: ${init.detail}`
    : (init.title ?? 'Request failed');
  const facts = [init.status > 0 ? `status ${init.status}` : '', `code ${init.code}`];
  if (init.requestId) facts.push(`request ${init.requestId}`);
  return `${summary} (${facts.filter(Boolean).join(', ')})`;
}

/**
 * Every failure of the SDK. Carries the fields of the API's RFC 9457 problem document.
 * Never holds the request, so credentials cannot leak through logs of an error.
 */
export class MolamError extends Error {
  /** HTTP status; 0 when no response arrived (network failure, timeout, abort). */
  readonly status: number;
  /** Stable machine-readable code, such as `validation_failed`. */
  readonly code: string;
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  /** Quote it to support: from the body's `request_id` or the `X-Request-Id` header. */
  readonly requestId: string | undefined;
  /** One entry per invalid field (validation errors); empty otherwise. */
  readonly errors: MolamFieldError[];
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  /** The response body as received: the parsed JSON, or the text when it was not JSON. */
  readonly raw: unknown;

  constructor(init: MolamErrorInit, message: string = summarize(init)) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    // Keeps the subclass prototype when the code is compiled down to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
    this.status = init.status;
    this.code = init.code;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.raw = init.raw;
  }

  /** Reads an error response (an RFC 9457 problem document, or anything else) into the matching class. */
  static fromResponse(response: Response): Promise<MolamError> {
    return readErrorResponse(response, []);
  }
}
defineKind(MolamError, 'MolamError');
Object.defineProperty(MolamError, Symbol.hasInstance, { value: isMolamKind });

/** 400: the request is malformed or fails validation; `errors` names each bad field. */
export class MolamValidationError extends MolamError {}
defineKind(MolamValidationError, 'MolamValidationError');

/** 401: no API key, or one that is invalid, expired or revoked. */
export class MolamAuthenticationError extends MolamError {}
defineKind(MolamAuthenticationError, 'MolamAuthenticationError');

/** 403: the key lacks the scope the operation needs, or its merchant is not active. */
export class MolamPermissionError extends MolamError {}
defineKind(MolamPermissionError, 'MolamPermissionError');

/** 404: no such resource for this merchant. */
export class MolamNotFoundError extends MolamError {}
defineKind(MolamNotFoundError, 'MolamNotFoundError');

/** 409: conflicts with the resource's state, or the same Idempotency-Key is still being processed. */
export class MolamConflictError extends MolamError {}
defineKind(MolamConflictError, 'MolamConflictError');

/** 422: the Idempotency-Key was already used for a different request. */
export class MolamIdempotencyError extends MolamError {}
defineKind(MolamIdempotencyError, 'MolamIdempotencyError');

/** 429: rate limited; `retryAfter` says how long to wait. */
export class MolamRateLimitError extends MolamError {}
defineKind(MolamRateLimitError, 'MolamRateLimitError');

/** 5xx: the server failed or is unavailable. */
export class MolamServerError extends MolamError {}
defineKind(MolamServerError, 'MolamServerError');

/** No response: DNS, connection refused or reset, TLS… `cause` holds the runtime's error. */
export class MolamConnectionError extends MolamError {}
defineKind(MolamConnectionError, 'MolamConnectionError');

/**
 * Every attempt outlasted `timeoutMs` (code `timeout`), or the payment `payments.waitFor` watched was
 * still pending at its deadline (code `wait_timeout`).
 */
export class MolamTimeoutError extends MolamError {
  /**
   * From `payments.waitFor`: the last state of the payment it saw (undefined when no poll succeeded).
   * Not enumerable, so that logging the error does not print the payer's or payee's details.
   */
  declare readonly payment: Payment | undefined;

  constructor(init: MolamErrorInit & { payment?: Payment | undefined }, message?: string) {
    super(init, message);
    Object.defineProperty(this, 'payment', { value: init.payment, configurable: true });
  }
}
defineKind(MolamTimeoutError, 'MolamTimeoutError');

/**
 * The caller's `AbortSignal` fired. Named `AbortError`, like the runtime's own, so that code
 * which checks `error.name === 'AbortError'` keeps working; `cause` is the signal's reason.
 */
export class MolamAbortError extends MolamError {}
defineKind(MolamAbortError, 'MolamAbortError', 'AbortError');

type MolamErrorClass = new (init: MolamErrorInit) => MolamError;

function classForStatus(status: number): MolamErrorClass {
  switch (status) {
    case 400:
      return MolamValidationError;
    case 401:
      return MolamAuthenticationError;
    case 403:
      return MolamPermissionError;
    case 404:
      return MolamNotFoundError;
    case 409:
      return MolamConflictError;
    case 422:
      return MolamIdempotencyError;
    case 429:
      return MolamRateLimitError;
    default:
      return status >= 500 ? MolamServerError : MolamError;
  }
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): MolamFieldError[] {
  if (!Array.isArray(value)) return [];
  const result: MolamFieldError[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    const field = stringField(entry, 'field');
    const message = stringField(entry, 'message');
    if (field === undefined || message === undefined) continue;
    const code = stringField(entry, 'code');
    result.push(code === undefined ? { field, message } : { field, message, code });
  }
  return result;
}

function isJsonType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function removeSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/**
 * Builds the error for a non-2xx response. `secrets` are cut out of the body before anything
 * is kept, in case a server or proxy echoes a credential back.
 */
export async function readErrorResponse(response: Response, secrets: readonly string[]): Promise<MolamError> {
  const status = response.status;
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const ErrorClass = classForStatus(status);
  const text = removeSecrets(await response.text(), secrets);
  const parsed = isJsonType(response.headers.get('content-type')) ? parseJson(text) : { ok: false as const };

  if (
    !parsed.ok ||
    typeof parsed.value !== 'object' ||
    parsed.value === null ||
    Array.isArray(parsed.value)
  ) {
    const contentType = response.headers.get('content-type') ?? 'no content type';
    return new ErrorClass({
      status,
      code: 'unexpected_response',
      title: response.statusText || `HTTP ${status}`,
      detail: `The server answered ${status} with a body that is not a problem document (${contentType}).`,
      requestId: headerRequestId,
      retryAfter,
      raw: parsed.ok ? parsed.value : text,
    });
  }

  const body = parsed.value as Record<string, unknown>;
  return new ErrorClass({
    status,
    code: stringField(body, 'code') ?? 'unexpected_response',
    type: stringField(body, 'type'),
    title: stringField(body, 'title') ?? (response.statusText || `HTTP ${status}`),
    detail: stringField(body, 'detail'),
    requestId: stringField(body, 'request_id') ?? headerRequestId,
    errors: fieldErrors(body.errors),
    retryAfter,
    raw: body,
  });
}
