import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type FieldError } from '../errors.js';

export const PROBLEM_BASE = 'https://docs.molam.dev/errors/';
const MAX_FIELD_ERRORS = 50;

/** The RFC 9457 document for an error; also what idempotent operations store for replay. */
export function problemDocument(error: AppError, requestId: string | undefined) {
  return {
    type: `${PROBLEM_BASE}${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(requestId ? { request_id: requestId } : {}),
    // The spec bounds the list: the first 50 invalid fields say enough.
    ...(error.errors ? { errors: error.errors.slice(0, MAX_FIELD_ERRORS) } : {}),
  };
}

export function sendProblem(req: Request, res: Response, error: AppError): void {
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res.status(error.status).type('application/problem+json').json(problemDocument(error, req.requestId));
}

interface ValidatorError {
  status: number;
  message?: string;
  errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
}

interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const LOCATIONS = /^(body|query|path|headers|cookies)(\.|$)/;
/**
 * express-openapi-validator paths look like `/body/country` or `/query/limit`; ours read `body.country`. Inside a
 * body that has a discriminator (a payment's `flow`) it leaves out `/body`, so a path without a location is the
 * body's.
 */
function fieldName(path: string | undefined): string {
  const dotted = (path ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (dotted === '') return 'request';
  return (LOCATIONS.test(dotted) ? dotted : `body.${dotted}`).replace(/^headers\./, 'header.');
}

/** A body whose discriminator (`flow`) is missing or unknown: the validator names the request path instead. */
const UNKNOWN_DISCRIMINATOR = /^'([^']+)' must be equal to one of the allowed values/;

function fieldError(item: NonNullable<ValidatorError['errors']>[number]): FieldError {
  const message = item.message ?? 'is invalid';
  const discriminator = UNKNOWN_DISCRIMINATOR.exec(message);
  if (discriminator) return { field: `body.${discriminator[1]}`, message, code: 'enum' };
  return {
    field: fieldName(item.path),
    message,
    ...(item.errorCode
      ? { code: item.errorCode.replace(/\.openapi\.(validation|requestValidation)$/, '') }
      : {}),
  };
}

/** A body that is a list longer than the spec allows (a batch): too large, not merely invalid. */
const isOversizedBatch = (item: NonNullable<ValidatorError['errors']>[number]) =>
  item.path === '/body' && item.errorCode?.startsWith('maxItems.') === true;

function fromValidator(error: ValidatorError): AppError {
  const oversized = error.errors?.find(isOversizedBatch);
  if (oversized) {
    return new AppError(413, 'batch_too_large', `A batch ${oversized.message ?? 'is too long'}; split it.`);
  }
  const errors = (error.errors ?? []).map(fieldError);
  switch (error.status) {
    case 400: {
      const count = errors.length;
      return new AppError(
        400,
        'validation_failed',
        `The request has ${count} invalid field${count === 1 ? '' : 's'}.`,
        {
          errors,
        },
      );
    }
    case 404:
      return new AppError(404, 'route_not_found', 'No such endpoint. See /docs for the API reference.');
    case 405:
      return new AppError(
        405,
        'method_not_allowed',
        error.message ?? 'This endpoint does not accept that method.',
      );
    case 415:
      return new AppError(415, 'unsupported_media_type', 'Send the body as application/json.');
    default:
      // The only other status the validator produces is a 500 for a response that breaks the spec: a bug.
      return new AppError(
        500,
        'response_invalid',
        'The server produced a response that breaks its own API spec.',
        {
          errors,
        },
      );
  }
}

function fromBodyParser(error: BodyParserError): AppError {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError(
        413,
        'payload_too_large',
        `Request bodies are limited to ${error.limit ?? 0} bytes.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 application/json.');
    default:
      return new AppError(400, 'bad_request', 'The request could not be read.');
  }
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (!isObject(error)) return null;
  if (typeof error.type === 'string' && typeof error.status === 'number' && error.status < 500) {
    return fromBodyParser(error as unknown as BodyParserError);
  }
  if (
    typeof error.status === 'number' &&
    ('errors' in error || error.name?.toString().includes('HttpError'))
  ) {
    return fromValidator(error as unknown as ValidatorError);
  }
  return null;
}

const internalError = (req: Request): AppError =>
  new AppError(
    500,
    'internal_error',
    `Something went wrong on our side. Quote request ${req.requestId} to support.`,
  );

/** The last middleware: every error becomes problem+json; unexpected ones are logged, never shown. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = toAppError(error);
    if (!known) logger.error({ err: error, request_id: req.requestId }, 'unhandled error');
    sendProblem(req, res, known ?? internalError(req));
  };
}

/**
 * After `problemHandler`: reached only when sending the problem itself failed (response validation in tests).
 * Writes a bare 500 problem without res.json, so Express's HTML error page can never be shown.
 */
export function lastResortHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    logger.error({ err: error, request_id: req.requestId }, 'could not send a problem document');
    if (res.headersSent) return void res.end();
    res.statusCode = 500;
    res.setHeader('Content-Type', 'application/problem+json');
    res.end(JSON.stringify(problemDocument(internalError(req), req.requestId)));
  };
}

export const routeNotFound: RequestHandler = (req, res) =>
  sendProblem(
    req,
    res,
    new AppError(
      404,
      'route_not_found',
      `No endpoint ${req.method} ${req.path}. See /docs for the API reference.`,
    ),
  );
