import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Database } from '../db/index.js';
import {
  claimIdempotencyKey,
  idempotencyOwner,
  releaseIdempotencyKey,
  storeIdempotentResponse,
} from '../idempotency-keys.js';

/** How long a running request holds its key before a retry may take it over (the first one died). */
const LOCK_SECONDS = 60;

const fingerprintOf = (req: Request): string =>
  createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` for the platform's own mutations: the first request's fingerprint and final response are
 * stored per tenant for 24 h; a retry gets the stored response with `Idempotent-Replayed: true`, a different
 * request with the same key a 422, a retry while the first runs a 409. Responses of 5xx are not stored, so the
 * request can be retried. Runs after validation and authorization: invalid or unauthorized requests never
 * reserve a key, and a replay goes only to a caller allowed to make the request now. Secrets are never stored.
 * (Payment creation stores its response in its own transaction instead.)
 */
export function idempotency(db: Database): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined || req.method === 'GET') return next();
    // Public operations (provider callbacks) have no tenant to scope a key to: they are idempotent by design.
    if (!req.auth) return next();
    const owner = idempotencyOwner(req.auth);
    const stored = await claimIdempotencyKey(db, owner, key, fingerprintOf(req), LOCK_SECONDS);
    if (stored) {
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(stored.status);
      if (stored.status >= 400) res.type('application/problem+json');
      res.json(stored.body);
      return;
    }
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const finish =
        res.statusCode >= 500
          ? releaseIdempotencyKey(db, owner, key)
          : storeIdempotentResponse(db, owner, key, { status: res.statusCode, body });
      // The record is written before the response leaves, so a retry that follows it sees the stored answer.
      finish.then(
        () => send(body),
        (error: unknown) => next(error),
      );
      return res;
    };
    next();
  };
}
