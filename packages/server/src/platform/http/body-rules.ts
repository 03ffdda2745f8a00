import type { Request, RequestHandler } from 'express';
import { AppError, type FieldError } from '../errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const hasBody = (req: Request): boolean =>
  req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;

/**
 * Every body is read or refused, never silently ignored: a body must be JSON, sent as is. Compressed bodies are
 * refused rather than inflated (a decompression bomb costs an attacker nothing), before anything is parsed.
 */
export const refuseUnreadableBodies: RequestHandler = (req, _res, next) => {
  const encoding = req.get('content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new AppError(
      415,
      'unsupported_content_encoding',
      'Send the request body uncompressed: Content-Encoding is not accepted.',
      { headers: { 'Accept-Encoding': 'identity' } },
    );
  }
  if (hasBody(req) && !JSON_TYPE.test(req.get('content-type') ?? '')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the body as application/json (with a Content-Type: application/json header).',
    );
  }
  next();
};

/** In `u` mode a surrogate pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A body sent to an operation that takes none would be silently ignored: refuse it instead. */
export const refuseUnexpectedBodies: RequestHandler = (req, _res, next) => {
  const { openapi } = req as Request & { openapi?: { schema?: { requestBody?: unknown } } };
  // The validator leaves `requestBody` null (or absent) on operations that declare none.
  if (openapi?.schema && openapi.schema.requestBody == null && hasBody(req)) {
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

/** RFC 3339 date-times the API accepts: the years 1970 to 9999, so every stored time means something. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

export function isSaneDateTime(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return false;
  const offsetHours = match[7] === undefined ? 0 : Number(match[7]);
  const offsetMinutes = match[8] === undefined ? 0 : Number(match[8]);
  return offsetHours <= 23 && offsetMinutes <= 59 && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
}
