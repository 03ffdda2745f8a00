import type { Queryable } from './db/index.js';
import { AppError } from './errors.js';

/** Keys are kept 24 hours (IETF draft "The Idempotency-Key HTTP Header Field"; Stripe does the same). */
export const KEY_KEEP_HOURS = 24;

/**
 * Idempotency keys belong to one merchant (or the platform) in one mode, and to one user for Molam ID user tokens:
 * a key of the other mode, of another tenant, or of another user of the same merchant, using the same
 * Idempotency-Key makes a request of its own and never sees this one's answer.
 */
export const idempotencyOwner = (auth: {
  merchantId: string | null;
  mode: string;
  user?: { userId: string } | null;
}): string => {
  const tenant = `${auth.merchantId ?? 'platform'}:${auth.mode}`;
  return auth.user ? `${tenant}:user:${auth.user.userId}` : tenant;
};

/**
 * A stored response never holds a secret (an API key's, a webhook endpoint's), at any depth: it is shown once,
 * in the first response. A replay carries `secret: null` and `secret_redacted: true` instead; rotate to get a
 * new secret.
 */
export function withoutSecret(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutSecret);
  if (typeof body !== 'object' || body === null) return body;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    copy[name] = name === 'secret' && typeof value === 'string' ? null : withoutSecret(value);
  }
  return typeof (body as { secret?: unknown }).secret === 'string'
    ? { ...copy, secret_redacted: true }
    : copy;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * `completed` keys replay their answer. `awaiting_otp` is a transfer's first answer (OTP required): replayed
 * as is, unless the retry brings the code (see transfers/confirm.ts).
 */
export type StoredState = 'completed' | 'awaiting_otp';

/**
 * Claims `key` for this tenant and request. Resolves null when the key is now ours (new, expired, or left
 * in progress by an attempt that died after its lock ran out), or with the stored response of the first
 * request. A different request with the key is a 422; one still in progress a 409. One statement claims
 * (`molam_claim_idempotency_key`, which payment creation's function calls too), so two racing requests cannot
 * both win.
 */
export async function claimIdempotencyKey(
  q: Queryable,
  owner: string,
  key: string,
  fingerprint: string,
  lockSeconds: number,
): Promise<(StoredResponse & { state: StoredState }) | null> {
  const { rows } = await q.query<{ claimed: boolean }>(
    'SELECT molam_claim_idempotency_key($1, $2, $3, $4, $5) AS claimed',
    [owner, key, fingerprint, lockSeconds, KEY_KEEP_HOURS],
  );
  if (rows[0]?.claimed) return null;
  const stored = await readKey(q, owner, key);
  if (!stored) return null; // cleaned up between our statements: the key is free again
  return answerForTakenKey(stored, fingerprint);
}

/** A key's row as the database holds it. */
export interface KeyRow {
  fingerprint: string;
  state: 'in_progress' | StoredState;
  response?: StoredResponse;
}

/**
 * What a request gets when another request holds or held its key: the stored answer to replay, or a 422 for
 * another request under the key, or a 409 while the first is still being processed.
 */
export function answerForTakenKey(
  stored: KeyRow,
  fingerprint: string,
): StoredResponse & { state: StoredState } {
  if (stored.fingerprint !== fingerprint) {
    throw new AppError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request. Use a new key for a new request.',
    );
  }
  if (stored.state === 'in_progress' || stored.response === undefined) {
    throw new AppError(
      409,
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      {
        headers: { 'Retry-After': '1' },
      },
    );
  }
  return { ...stored.response, state: stored.state };
}

/** A key's columns as a query returns them. */
export interface KeyColumns {
  fingerprint: string;
  state: 'in_progress' | StoredState;
  response_status: number | null;
  response_body: unknown;
}

export const keyRowOf = (row: KeyColumns): KeyRow => ({
  fingerprint: row.fingerprint,
  state: row.state,
  ...(row.response_status === null
    ? {}
    : { response: { status: row.response_status, body: row.response_body } }),
});

/** A key's row: its request's fingerprint, its state, and its answer once stored. */
async function readKey(q: Queryable, owner: string, key: string): Promise<KeyRow | undefined> {
  const { rows } = await q.query<KeyColumns>(
    'SELECT fingerprint, state, response_status, response_body FROM idempotency_keys WHERE owner = $1 AND key = $2',
    [owner, key],
  );
  return rows[0] && keyRowOf(rows[0]);
}

/** The answer stored under a key, whatever its request (for a caller that already holds the key's lock). */
export async function readStoredResponse(
  q: Queryable,
  owner: string,
  key: string,
): Promise<(StoredResponse & { state: StoredState }) | undefined> {
  const stored = await readKey(q, owner, key);
  if (!stored?.response || stored.state === 'in_progress') return undefined;
  return { ...stored.response, state: stored.state };
}

/** Records the final response for replay. */
export async function storeIdempotentResponse(
  q: Queryable,
  owner: string,
  key: string,
  response: StoredResponse,
  state: StoredState = 'completed',
): Promise<void> {
  await q.query(
    `UPDATE idempotency_keys SET state = $5, response_status = $3, response_body = $4 WHERE owner = $1 AND key = $2`,
    [owner, key, response.status, JSON.stringify(withoutSecret(response.body)), state],
  );
}

/** Frees a key whose request failed on our side (5xx), so a retry runs it again. */
export async function releaseIdempotencyKey(q: Queryable, owner: string, key: string): Promise<void> {
  await q.query('DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2', [owner, key]);
}

/** Forgets keys older than their 24 hours. */
export async function deleteExpiredIdempotencyKeys(q: Queryable): Promise<number> {
  const result = await q.query('DELETE FROM idempotency_keys WHERE expires_at < now()');
  return result.rowCount;
}
