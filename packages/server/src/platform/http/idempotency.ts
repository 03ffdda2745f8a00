import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';

const LOCK_SECONDS = 60;
const KEEP_HOURS = 24;

interface StoredKey {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
  locked: boolean;
}

const fingerprintOf = (req: Request): string =>
  createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');

async function claim(
  db: Database,
  owner: string,
  key: string,
  fingerprint: string,
): Promise<StoredKey | null> {
  // An expired record no longer protects anything: clear it so the key starts afresh.
  await db.query('DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND expires_at < now()', [
    owner,
    key,
  ]);
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (owner, key, fingerprint, state, locked_until, expires_at)
     VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4), now() + make_interval(hours => $5))
     ON CONFLICT (owner, key) DO NOTHING RETURNING key`,
    [owner, key, fingerprint, LOCK_SECONDS, KEEP_HOURS],
  );
  if (inserted.rowCount > 0) return null;
  // A first attempt that died mid-way left its lock to expire: a retry may take the key over.
  const takenOver = await db.query(
    `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $4)
     WHERE owner = $1 AND key = $2 AND fingerprint = $3 AND state = 'in_progress' AND locked_until < now()
     RETURNING key`,
    [owner, key, fingerprint, LOCK_SECONDS],
  );
  if (takenOver.rowCount > 0) return null;
  const { rows } = await db.query<StoredKey>(
    `SELECT fingerprint, state, response_status, response_body, locked_until > now() AS locked
     FROM idempotency_keys WHERE owner = $1 AND key = $2`,
    [owner, key],
  );
  return rows[0] ?? null;
}

function replay(res: Response, stored: StoredKey): void {
  res.setHeader('Idempotent-Replayed', 'true');
  const status = stored.response_status ?? 200;
  res.status(status);
  if (status >= 400) res.type('application/problem+json');
  res.json(stored.response_body);
}

/**
 * `Idempotency-Key` for mutations (IETF draft "The Idempotency-Key HTTP Header Field"): the first request's
 * fingerprint and final response are stored per tenant for 24 h; a retry gets the stored response with
 * `Idempotent-Replayed: true`, a different request with the same key a 422, a retry while the first runs a 409.
 * Responses of 5xx are not stored, so the request can be retried. Runs after validation: invalid requests
 * never reserve a key.
 */
export function idempotency(db: Database): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined || req.method === 'GET') return next();
    const owner = req.auth?.merchantId ?? 'platform';
    const fingerprint = fingerprintOf(req);
    const stored = await claim(db, owner, key, fingerprint);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new AppError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request. Use a new key for a new request.',
        );
      }
      if (stored.state === 'in_progress') {
        throw new AppError(
          409,
          'idempotency_in_progress',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
          {
            headers: { 'Retry-After': '1' },
          },
        );
      }
      return replay(res, stored);
    }
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const finish =
        res.statusCode >= 500
          ? db.query('DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2', [owner, key])
          : db.query(
              `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
               WHERE owner = $1 AND key = $2`,
              [owner, key, res.statusCode, JSON.stringify(body)],
            );
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

/** Forgets keys older than their 24 h. */
export async function deleteExpiredIdempotencyKeys(db: Database): Promise<number> {
  const result = await db.query('DELETE FROM idempotency_keys WHERE expires_at < now()');
  return result.rowCount;
}
