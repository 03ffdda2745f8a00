import type { Request, RequestHandler } from 'express';
import { AppError, type FieldError } from '../errors.js';
import { matchedOperation } from './operation.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

const hasBody = (req: Request): boolean =>
  req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;

/**
 * Where the spec's operations live: the API, the seed's sign-in paths and seed 002's `/payment/confirm`. They take JSON bodies; the probes,
 * metrics and docs outside them take none.
 */
export const SPEC_PREFIXES = ['/api', '/auth', '/payment'];

export const takesJsonBodies = (path: string): boolean =>
  SPEC_PREFIXES.some((prefix) => path.startsWith(`${prefix}/`));

/**
 * Every body is read or refused, never silently ignored: a body must be JSON, sent as is. Compressed bodies are
 * refused rather than inflated (a decompression bomb costs an attacker nothing), before anything is parsed.
 */
export const refuseUnreadableBodies: RequestHandler = (req, _res, next) => {
  const encoding = req.get('content-encoding');
  const transfer = req.get('transfer-encoding');
  const compressed =
    (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') ||
    (transfer !== undefined && transfer.trim().toLowerCase() !== 'chunked');
  if (compressed) {
    throw new AppError(
      415,
      'unsupported_content_encoding',
      'Send the request body uncompressed: Content-Encoding (and Transfer-Encoding other than chunked) is not accepted.',
      { headers: { 'Accept-Encoding': 'identity' } },
    );
  }
  if (!hasBody(req)) return next();
  if (!takesJsonBodies(req.path)) {
    throw new AppError(
      400,
      'body_not_allowed',
      `${req.method} ${req.path} takes no request body; send none.`,
    );
  }
  const type = req.get('content-type') ?? '';
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (!JSON_TYPE.test(type) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the body as UTF-8 application/json (with a Content-Type: application/json header).',
    );
  }
  next();
};

/** In `u` mode a surrogate pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A body sent to an operation that takes none would be silently ignored: refuse it instead. */
export const refuseUnexpectedBodies: RequestHandler = (req, _res, next) => {
  if (matchedOperation(req)?.takesBody === false && hasBody(req)) {
    throw new AppError(
      400,
      'body_not_allowed',
      `${req.method} ${req.baseUrl}${req.path} takes no request body; send none.`,
    );
  }
  next();
};

/** Where a string breaks the text rules: NUL (PostgreSQL text cannot hold it) or a lone UTF-16 surrogate. */
function invalidText(value: unknown, path: string, found: FieldError[]): void {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
      found.push({
        field: path,
        message: 'contains a NUL character or invalid Unicode',
        code: 'invalid_text',
      });
    }
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) invalidText(item, `${path}[${index}]`, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      invalidText(key, `${path}.${key}`, found);
      invalidText(item, `${path}.${key}`, found);
    }
  }
}

/** Refuses text a database cannot store faithfully, in the body and the query, with the field named. */
export const refuseInvalidText: RequestHandler = (req, _res, next) => {
  const found: FieldError[] = [];
  invalidText(req.body, 'body', found);
  invalidText(req.query, 'query', found);
  if (found.length > 0) {
    throw new AppError(
      400,
      'invalid_text',
      'The request holds text that is not valid: no NUL characters or unpaired surrogates.',
      {
        errors: found,
      },
    );
  }
  next();
};
