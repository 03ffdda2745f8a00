import type { Request, RequestHandler } from 'express';
import type { Actor } from '../audit/audit.js';
import { hasScopes } from '../keys/scopes.js';
import { authenticateSecret } from '../keys/service.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { operationSecurity, publicPathPatterns } from '../platform/spec.js';
import type { AuthContext, RequestContext } from './context.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The key from `Authorization: Bearer …` or `X-API-Key`, whichever is sent. */
function presentedKey(req: Request): string | null {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) {
      throw new AppError(401, 'invalid_authorization_header', 'Use `Authorization: Bearer mk_…`.');
    }
    return match[1];
  }
  return req.get('x-api-key')?.trim() || null;
}

/**
 * Verifies the API key of every request under the API prefix, except the operations the spec declares public.
 * It runs before the body is parsed, so an unauthenticated caller cannot make us parse anything.
 */
export function authenticate(db: Database): RequestHandler {
  const publicPaths = publicPathPatterns();
  return async (req, res, next) => {
    const fullPath = req.baseUrl + req.path; // the patterns hold the spec's full paths
    if (publicPaths.some((pattern) => pattern.test(fullPath))) return next();
    const secret = presentedKey(req);
    if (secret === null) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new AppError(
        401,
        'unauthenticated',
        'Send an API key as `Authorization: Bearer mk_…` or `X-API-Key: mk_…`.',
      );
    }
    req.auth = await authenticateSecret(db, secret);
    next();
  };
}

export function authOf(req: Request): AuthContext {
  if (!req.auth) throw new AppError(401, 'unauthenticated', 'This operation needs an API key.');
  return req.auth;
}

export const actorOf = (req: Request): Actor => ({
  id: req.auth?.keyId ?? 'anonymous',
  ip: req.ip,
  userAgent: req.get('user-agent'),
  requestId: req.requestId,
});

export const contextOf = (req: Request): RequestContext => ({ auth: authOf(req), actor: actorOf(req) });

/** Checks the scopes the spec declares for `operationId`; the spec is the one place they are written. */
export function authorize(operationId: string): RequestHandler {
  const { scopes, isPublic } = operationSecurity(operationId);
  return (req, _res, next) => {
    if (isPublic) return next();
    const auth = authOf(req);
    if (!hasScopes(auth.scopes, scopes)) {
      const list = scopes.map((scope) => `\`${scope}\``).join(', ');
      throw new AppError(
        403,
        'insufficient_scope',
        `This operation needs the ${list} scope${scopes.length === 1 ? '' : 's'}.`,
      );
    }
    next();
  };
}
