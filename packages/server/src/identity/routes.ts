import type { Schemas } from '@molam/contract';
import express, { type Router } from 'express';
import { authOf } from '../auth/middleware.js';
import { AppError } from '../platform/errors.js';
import type { Identity } from './service.js';
import { CLOCK_TOLERANCE_SECONDS } from './tokens.js';

/** Mounted at `/api/v1`: logout for user tokens, and the sandbox's development tokens. */
export function identityRouter(identity: Identity): Router {
  const router = express.Router();
  router.post('/auth/logout', async (req, res) => {
    const { user } = authOf(req);
    if (user === null) throw new AppError(403, 'user_token_not_accepted', 'Only user tokens log out.');
    // Until no server would take it any more, clock tolerance included.
    await identity.revocations.revoke(
      user.jti,
      new Date(user.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000),
    );
    res.status(204).end();
  });
  router.post('/dev/tokens', async (req, res) => {
    const issuer = identity.devIssuer;
    if (issuer === null) {
      throw new AppError(
        403,
        'sandbox_only',
        'This server mints no tokens: only a sandbox server without a configured Molam ID does.',
      );
    }
    const input = req.body as Schemas['DevTokenCreate'];
    const { token, expiresAt } = await issuer.sign({
      userId: input.user_id,
      roles: input.roles,
      merchantId: input.merchant_id,
      ttlSeconds: input.ttl_seconds ?? 3600,
      country: input.country,
      currency: input.currency,
      lang: input.lang,
    });
    const body: Schemas['DevToken'] = {
      object: 'dev_token',
      token,
      token_type: 'Bearer',
      expires_at: expiresAt.toISOString(),
    };
    res.status(201).json(body);
  });
  return router;
}

/** `/.well-known/jwks.json`: the sandbox issuer's public keys, for anyone who verifies its tokens. */
export function wellKnownRouter(identity: Identity): Router {
  const router = express.Router();
  router.get('/.well-known/jwks.json', (_req, res) => {
    if (identity.devIssuer === null) {
      throw new AppError(404, 'not_found', 'This server publishes no keys: it issues no tokens.');
    }
    res.json(identity.devIssuer.jwks);
  });
  return router;
}
