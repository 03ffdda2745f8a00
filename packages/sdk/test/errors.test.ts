import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MolamAbortError,
  MolamAuthenticationError,
  MolamConflictError,
  MolamConnectionError,
  MolamError,
  MolamIdempotencyError,
  MolamNotFoundError,
  MolamPermissionError,
  MolamRateLimitError,
  MolamServerError,
  MolamTimeoutError,
  MolamValidationError,
} from '../src/index.js';
import { BASE_URL, MERCHANT_ID, problem, REQUEST_ID, testMolam, useMswServer } from './support.js';

const server = useMswServer();

describe('MolamError.fromResponse', () => {
  it.each([
    [400, MolamValidationError, 'MolamValidationError'],
    [401, MolamAuthenticationError, 'MolamAuthenticationError'],
    [403, MolamPermissionError, 'MolamPermissionError'],
    [404, MolamNotFoundError, 'MolamNotFoundError'],
    [409, MolamConflictError, 'MolamConflictError'],
    [422, MolamIdempotencyError, 'MolamIdempotencyError'],
    [429, MolamRateLimitError, 'MolamRateLimitError'],
    [500, MolamServerError, 'MolamServerError'],
    [503, MolamServerError, 'MolamServerError'],
  ])('maps %i to %o', async (status, errorClass, name) => {
    const error = await MolamError.fromResponse(problem(status, 'some_code'));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it('maps other statuses to the base class only', async () => {
    const error = await MolamError.fromResponse(problem(413, 'payload_too_large'));
    expect(error.constructor).toBe(MolamError);
    expect(error).not.toBeInstanceOf(MolamValidationError);
    expect(error.name).toBe('MolamError');
  });

  it('carries every problem field, field errors and Retry-After', async () => {
    const response = problem(
      400,
      'validation_failed',
      {
        title: 'Validation failed',
        detail: 'The request has 2 invalid fields.',
        errors: [
          { field: 'body.country', message: 'must match pattern ^[A-Z]{2}$', code: 'pattern' },
          { field: 'query.limit', message: 'must be <= 100' },
          { message: 'no field: dropped' },
        ],
      },
      { 'Retry-After': '7' },
    );
    const error = await MolamError.fromResponse(response);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      type: 'https://docs.molam.dev/errors/validation_failed',
      title: 'Validation failed',
      detail: 'The request has 2 invalid fields.',
      requestId: REQUEST_ID,
      retryAfter: 7,
    });
    expect(error.errors).toEqual([
      { field: 'body.country', message: 'must match pattern ^[A-Z]{2}$', code: 'pattern' },
      { field: 'query.limit', message: 'must be <= 100' },
    ]);
    expect(error.raw).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(error.message).toBe(
      `Validation failed: The request has 2 invalid fields. (status 400, code validation_failed, request ${REQUEST_ID})`,
    );
  });

  it('takes the request id from X-Request-Id when the body has none', async () => {
    const response = Response.json(
      { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' },
      {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': 'req_from_header' },
      },
    );
    const error = await MolamError.fromResponse(response);
    expect(error.requestId).toBe('req_from_header');
    expect(error.errors).toEqual([]);
    expect(error.retryAfter).toBeUndefined();
  });

  it('tolerates a body that is not JSON: code unexpected_response, raw text kept', async () => {
    const response = new Response('<html>Bad gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'req_proxy' },
    });
    const error = await MolamError.fromResponse(response);
    expect(error).toBeInstanceOf(MolamServerError);
    expect(error).toMatchObject({
      status: 502,
      code: 'unexpected_response',
      title: 'Bad Gateway',
      requestId: 'req_proxy',
      raw: '<html>Bad gateway</html>',
    });
    expect(error.detail).toContain('text/html');
  });

  it('tolerates invalid JSON and JSON that is not an object', async () => {
    const broken = await MolamError.fromResponse(
      new Response('{"code": ', { status: 500, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    expect(broken).toMatchObject({ code: 'unexpected_response', raw: '{"code": ' });
    const list = await MolamError.fromResponse(Response.json([1, 2], { status: 400 }));
    expect(list).toMatchObject({ code: 'unexpected_response', raw: [1, 2] });
    const empty = await MolamError.fromResponse(new Response(null, { status: 500 }));
    expect(empty).toMatchObject({ code: 'unexpected_response', title: 'HTTP 500' });
  });
});

describe('errors thrown by calls', () => {
  it('throws the problem of a failed call with all its fields', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v1/merchants/${MERCHANT_ID}`, () =>
        problem(404, 'not_found', { title: 'Not found', detail: `No merchant ${MERCHANT_ID}.` }),
      ),
    );
    const error = await testMolam()
      .molam.merchants.get(MERCHANT_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: REQUEST_ID });
  });

  it('makes the raw client throw too', async () => {
    server.use(http.get(`${BASE_URL}/readyz`, () => problem(503, 'not_ready')));
    const { molam } = testMolam({ maxRetries: 0 });
    await expect(molam.client.GET('/readyz')).rejects.toBeInstanceOf(MolamServerError);
  });

  it('throws an error for a 2xx without the expected body', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v1/merchants/${MERCHANT_ID}`, () => new HttpResponse(null, { status: 204 })),
    );
    const error = await testMolam()
      .molam.merchants.get(MERCHANT_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({ status: 204, code: 'unexpected_response' });
  });
});

describe('errors without a response', () => {
  it('have status 0, their own class and name', () => {
    const cases = [
      [new MolamConnectionError({ status: 0, code: 'connection_error' }), 'MolamConnectionError'],
      [new MolamTimeoutError({ status: 0, code: 'timeout' }), 'MolamTimeoutError'],
      [new MolamAbortError({ status: 0, code: 'aborted' }), 'AbortError'],
    ] as const;
    for (const [error, name] of cases) {
      expect(error).toBeInstanceOf(MolamError);
      expect(error.name).toBe(name);
      expect(error.status).toBe(0);
      expect(error.stack?.split('\n')[0]).toContain(name);
    }
    expect(new MolamTimeoutError({ status: 0, code: 'timeout' })).not.toBeInstanceOf(MolamConnectionError);
  });

  it('are recognised across copies of the SDK (the ESM and CJS builds) by their recorded kind', () => {
    // What an error of the other build looks like from here: another prototype chain, the same recorded kinds.
    const kinds = Symbol.for('@molam/sdk.error-kinds');
    const fromOtherCopy = Object.create(Error.prototype, {
      [kinds]: { value: ['MolamNotFoundError', 'MolamError'] },
    });
    expect(fromOtherCopy).toBeInstanceOf(MolamError);
    const lookalike = Object.assign(new Error('x'), { status: 404, code: 'not_found' });
    expect(fromOtherCopy).toBeInstanceOf(MolamNotFoundError);
    expect(lookalike).not.toBeInstanceOf(MolamError);
    expect(new MolamNotFoundError({ status: 404, code: 'x' })).not.toBeInstanceOf(MolamServerError);
    expect(new MolamError({ status: 404, code: 'x' })).not.toBeInstanceOf(MolamNotFoundError);
  });
});
