import type { Schemas } from '@molam/contract';
import express, { type RequestHandler, type Router } from 'express';
import { authOf } from '../auth/middleware.js';
import { hashSecret, secretMatches } from '../keys/secrets.js';
import { AppError } from '../platform/errors.js';
import type { Identity } from './service.js';
import { CLOCK_TOLERANCE_SECONDS } from './tokens.js';

/** Revokes the request's user token until no server would take it any more, clock tolerance included. */
function logout(identity: Identity): RequestHandler {
  return async (req, res) => {
    const { user } = authOf(req);
    // authorizeOperations lets only user tokens in; this guards against a route mounted wrongly.
    if (user === null) throw new AppError(403, 'user_token_required', 'Only user tokens log out.');
    await identity.revocations.revoke(
      user.jti,
      new Date(user.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000),
    );
    res.status(204).end();
  };
}

const sandboxOnly = (what: string) =>
  new AppError(
    403,
    'sandbox_only',
    `This server ${what}: only a sandbox server without a configured Molam ID does.`,
  );

/** The seed's demo user, as seed 002 documents it: a payer, on sandbox servers only. Kept as hashes. */
const DEMO_USER = { username: hashSecret('demo'), password: hashSecret('password123') };

/**
 * Mounted at `/auth`: the seed's sign-in and sign-out paths. The demo user works on the merchant whose demo
 * customer is theirs (`demoMerchant`, the sandbox merchant), so the seed's `/payment/confirm` calls work.
 */
export function seedAuthRouter(identity: Identity, demoMerchant: () => Promise<string | null>): Router {
  const router = express.Router();
  router.post('/login', async (req, res) => {
    const issuer = identity.devIssuer;
    if (issuer === null) throw sandboxOnly('signs nobody in (people sign in with Molam ID)');
    const { username, password } = req.body as Schemas['LoginRequest'];
    // Both compared in full, in constant time: the answer does not tell which one was wrong.
    const userMatches = secretMatches(username, DEMO_USER.username);
    const passwordMatches = secretMatches(password, DEMO_USER.password);
    if (!(userMatches && passwordMatches)) {
      throw new AppError(
        401,
        'invalid_credentials',
        'Wrong user name or password: a sandbox signs in its demo user only (see the README).',
      );
    }
    const { token, expiresAt } = await issuer.sign({
      userId: 'demo',
      roles: ['customer'],
      merchantId: (await demoMerchant()) ?? undefined,
      ttlSeconds: 3600,
    });
    const body: Schemas['DevToken'] = {
      object: 'dev_token',
      token,
      token_type: 'Bearer',
      expires_at: expiresAt.toISOString(),
    };
    res.json(body);
  });
  router.post('/logout', logout(identity));
  return router;
}

/** Mounted at `/api/v1`: logout for user tokens, and the sandbox's development tokens. */
export function identityRouter(identity: Identity): Router {
  const router = express.Router();
  router.post('/auth/logout', logout(identity));
  router.post('/dev/tokens', async (req, res) => {
    const issuer = identity.devIssuer;
    if (issuer === null) throw sandboxOnly('mints no tokens');
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
