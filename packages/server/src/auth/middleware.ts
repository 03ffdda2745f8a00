import type { Request, RequestHandler } from 'express';
import type { Actor } from '../audit/audit.js';
import { scopesOfRoles } from '../identity/roles.js';
import { looksLikeJwt, type TokenVerifier, type UserToken } from '../identity/tokens.js';
import { hasScopes } from '../keys/scopes.js';
import { hashSecret, secretMatches } from '../keys/secrets.js';
import { authenticateSecret } from '../keys/service.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { matchedOperation } from '../platform/http/operation.js';
import { operationSecurity, publicPathPatterns } from '../platform/spec.js';
import type { AuthContext, RequestContext } from './context.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The credential from `Authorization: Bearer …` or `X-API-Key`, and whether it came as the bearer (user tokens
 * do, only). Sending both is allowed only when they carry the same key: two different keys would leave the
 * server to guess whose request it is, so that is refused.
 */
function presentedKey(req: Request): { secret: string; asBearer: boolean } | null {
  const authorization = req.get('authorization');
  let bearer: string | null = null;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) {
      throw new AppError(401, 'invalid_authorization_header', 'Use `Authorization: Bearer mk_…`.');
    }
    bearer = match[1];
  }
  const header = req.get('x-api-key')?.trim() || null;
  if (bearer !== null && header !== null && !secretMatches(bearer, hashSecret(header))) {
    throw new AppError(
      401,
      'ambiguous_credentials',
      'Authorization and X-API-Key carry different keys: send one key, in either header.',
    );
  }
  if (bearer !== null) return { secret: bearer, asBearer: true };
  return header === null ? null : { secret: header, asBearer: false };
}

/**
 * Verifies the API key of every request under the API prefix, except the operations the spec declares public.
 * It runs before the body is parsed, so an unauthenticated caller cannot make us parse anything.
 */
export function authenticate(db: Database, verifyUserToken: TokenVerifier): RequestHandler {
  const publicPaths = publicPathPatterns();
  return async (req, res, next) => {
    const fullPath = req.baseUrl + req.path; // the patterns hold the spec's full paths
    if (publicPaths.some((pattern) => pattern.test(fullPath))) return next();
    const presented = presentedKey(req);
    if (presented === null) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new AppError(
        401,
        'unauthenticated',
        'Send an API key as `Authorization: Bearer mk_…` or `X-API-Key: mk_…`.',
      );
    }
    const { secret, asBearer } = presented;
    // User tokens come as the bearer only (the `bearerJwt` scheme); X-API-Key carries API keys.
    req.auth =
      asBearer && looksLikeJwt(secret)
        ? await authenticateUser(db, await verifyUserToken(secret))
        : await authenticateSecret(db, secret);
    next();
  };
}

/**
 * A user token acts on the merchant of its `merchant_id` claim, with the scopes of its roles, while that
 * merchant is active; a token of no merchant holds no merchant scope. The user of a suspended (or missing)
 * merchant is still authenticated, with no scope, so that it can see why (`whoami`) and log out.
 */
async function authenticateUser(db: Database, user: UserToken): Promise<AuthContext> {
  let merchantInactive: string | null = null;
  if (user.merchantId !== null) {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM merchants WHERE id = $1', [
      user.merchantId,
    ]);
    const status = rows[0]?.status ?? 'missing';
    if (status !== 'active') merchantInactive = status;
  }
  return {
    keyId: `user:${user.userId}`,
    merchantId: user.merchantId,
    mode: user.mode,
    scopes: user.merchantId === null || merchantInactive !== null ? [] : scopesOfRoles(user.roles),
    expiresAt: user.expiresAt,
    superseded: false,
    user,
    merchantInactive,
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

/** Authority that depends on the request itself (what a new key would hold …), per operationId. */
export type OperationGuard = (req: Request, params: Record<string, string>) => void | Promise<void>;
export type OperationGuards = Record<string, OperationGuard>;

/**
 * Authorizes every API request in one place, from the spec: the scopes its operation declares, then the
 * operation's guard. Mounted after validation and before idempotency, so an idempotent replay is served only
 * to a caller that may make the request now, and no route can forget its check.
 */
export function authorizeOperations(guards: OperationGuards): RequestHandler {
  for (const operationId of Object.keys(guards)) operationSecurity(operationId); // a typo fails at start-up
  return async (req, _res, next) => {
    const { operationId, params } = matchedOperation(req) ?? { operationId: undefined, params: {} };
    if (operationId === undefined) {
      throw new AppError(404, 'route_not_found', 'No such endpoint. See /docs for the API reference.');
    }
    const { scopes, isPublic, acceptsUserTokens, acceptsApiKeys } = operationSecurity(operationId);
    if (isPublic) return next();
    const auth = authOf(req);
    if (auth.merchantInactive !== null && scopes.length > 0) {
      throw new AppError(
        403,
        'merchant_inactive',
        `Merchant ${auth.merchantId} is ${auth.merchantInactive}; its users cannot act on it.`,
      );
    }
    if (auth.user !== null && !acceptsUserTokens) {
      throw new AppError(
        403,
        'user_token_not_accepted',
        'This operation takes an API key, not a Molam ID user token.',
      );
    }
    if (auth.user === null && !acceptsApiKeys) {
      throw new AppError(
        403,
        'user_token_required',
        'This operation acts for a Molam ID user: send the user’s token (`Authorization: Bearer eyJ…`), not an API key.',
      );
    }
    if (!hasScopes(auth.scopes, scopes)) {
      const list = scopes.map((scope) => `\`${scope}\``).join(', ');
      throw new AppError(
        403,
        'insufficient_scope',
        `This operation needs the ${list} scope${scopes.length === 1 ? '' : 's'}.`,
      );
    }
    await guards[operationId]?.(req, params);
    next();
  };
}
