import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';

/** Seed 002's step-up: 6 digits, 5 minutes, 3 wrong tries. */
export const OTP_TTL_SECONDS = 300;
export const OTP_MAX_FAILURES = 3;
/** A challenge is sent at most this many times, at least this far apart. */
export const OTP_MAX_SENDS = 3;
export const OTP_RESEND_AFTER_SECONDS = 30;

export type IssueRefusal = 'otp_locked' | 'otp_resend_limited' | 'otp_already_verified';
export type VerifyRefusal = 'otp_not_issued' | 'otp_expired' | 'otp_locked' | 'otp_invalid';

export type IssueResult =
  | { ok: true; code: string; expiresAt: Date; sends: number }
  | { ok: false; refusal: IssueRefusal; retryAfterSeconds?: number };
export type VerifyResult = { ok: true } | { ok: false; refusal: VerifyRefusal; attemptsLeft?: number };

interface Challenge {
  id: string;
  salt: string;
  code_hash: string;
  expires_at: Date;
  failed_attempts: number;
  sends: number;
  last_sent_at: Date;
  status: 'open' | 'verified' | 'locked';
}

/**
 * Hashed with a per-challenge salt. Six digits are a small space, so the hash only keeps codes out of plain
 * sight in the database; what protects them is the 5-minute lifetime and the 3-try lock.
 */
const hashOf = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

async function lockChallenge(tx: Queryable, tenant: Tenant, subject: string): Promise<Challenge | undefined> {
  const { rows } = await tx.query<Challenge>(
    `SELECT id, salt, code_hash, expires_at, failed_attempts, sends, last_sent_at, status FROM otp_challenges
      WHERE merchant_id = $1 AND mode = $2 AND subject = $3 FOR UPDATE`,
    [tenant.merchantId, tenant.mode, subject],
  );
  return rows[0];
}

/**
 * A code for `subject`, to be sent to the customer: a new challenge, or a re-send of the open one (a fresh code
 * and lifetime, failures kept) within the re-send limits. The plain code is returned once and never stored.
 */
export async function issueOtp(tx: Queryable, tenant: Tenant, subject: string): Promise<IssueResult> {
  const code = newCode();
  const salt = randomBytes(16).toString('hex');
  const existing = await lockChallenge(tx, tenant, subject);
  if (!existing) {
    const { rows } = await tx.query<{ expires_at: Date }>(
      `INSERT INTO otp_challenges (id, merchant_id, mode, subject, salt, code_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING expires_at`,
      [newId('otp'), tenant.merchantId, tenant.mode, subject, salt, hashOf(salt, code), OTP_TTL_SECONDS],
    );
    return { ok: true, code, expiresAt: new Date(rows[0]?.expires_at ?? Date.now()), sends: 1 };
  }
  if (existing.status === 'locked') return { ok: false, refusal: 'otp_locked' };
  if (existing.status === 'verified') return { ok: false, refusal: 'otp_already_verified' };
  if (existing.sends >= OTP_MAX_SENDS) return { ok: false, refusal: 'otp_resend_limited' };
  const waited = (Date.now() - new Date(existing.last_sent_at).getTime()) / 1000;
  if (waited < OTP_RESEND_AFTER_SECONDS) {
    return {
      ok: false,
      refusal: 'otp_resend_limited',
      retryAfterSeconds: Math.ceil(OTP_RESEND_AFTER_SECONDS - waited),
    };
  }
  const { rows } = await tx.query<{ expires_at: Date; sends: number }>(
    `UPDATE otp_challenges
        SET salt = $2, code_hash = $3, expires_at = now() + make_interval(secs => $4), sends = sends + 1,
            last_sent_at = now()
      WHERE id = $1 RETURNING expires_at, sends`,
    [existing.id, salt, hashOf(salt, code), OTP_TTL_SECONDS],
  );
  return {
    ok: true,
    code,
    expiresAt: new Date(rows[0]?.expires_at ?? Date.now()),
    sends: rows[0]?.sends ?? 0,
  };
}

/**
 * Checks a code in constant time. A wrong code counts (the third locks the challenge); an expired one does
 * not; a verified challenge stays verified, so the same code again is accepted (a retried request).
 */
export async function verifyOtp(
  tx: Queryable,
  tenant: Tenant,
  subject: string,
  code: string,
): Promise<VerifyResult> {
  const challenge = await lockChallenge(tx, tenant, subject);
  if (!challenge) return { ok: false, refusal: 'otp_not_issued' };
  if (challenge.status === 'locked') return { ok: false, refusal: 'otp_locked' };
  const matches =
    /^\d{6}$/.test(code) &&
    timingSafeEqual(
      Buffer.from(hashOf(challenge.salt, code), 'hex'),
      Buffer.from(challenge.code_hash, 'hex'),
    );
  if (challenge.status === 'verified')
    return matches ? { ok: true } : { ok: false, refusal: 'otp_invalid', attemptsLeft: 0 };
  if (new Date(challenge.expires_at).getTime() <= Date.now()) return { ok: false, refusal: 'otp_expired' };
  if (matches) {
    await tx.query(`UPDATE otp_challenges SET status = 'verified' WHERE id = $1`, [challenge.id]);
    return { ok: true };
  }
  const failures = challenge.failed_attempts + 1;
  await tx.query(
    `UPDATE otp_challenges SET failed_attempts = $2::int, status = CASE WHEN $2::int >= $3::int THEN 'locked' ELSE status END
      WHERE id = $1`,
    [challenge.id, failures, OTP_MAX_FAILURES],
  );
  return failures >= OTP_MAX_FAILURES
    ? { ok: false, refusal: 'otp_locked' }
    : { ok: false, refusal: 'otp_invalid', attemptsLeft: OTP_MAX_FAILURES - failures };
}
