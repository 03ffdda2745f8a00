import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../src/auth/context.js';
import { createMerchant } from '../src/merchants/service.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { issueOtp, OTP_MAX_SENDS, verifyOtp } from '../src/transfers/otp.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

// Seed 002's step-up codes: 6 digits, hashed, 5 minutes, 3 wrong tries lock, re-sends limited.
let database: TestDatabase;
let db: Database;
let tenant: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.options);
  await migrateUp(db);
  const merchant = await db.transaction((tx) =>
    createMerchant(tx, { id: 'system' }, { name: 'OTP test', country: 'ZM', default_currency: 'ZMW' }),
  );
  tenant = { merchantId: merchant.id, mode: 'test' };
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const issue = (subject: string) => db.transaction((tx) => issueOtp(tx, tenant, subject));
const verify = (subject: string, code: string) =>
  db.transaction((tx) => verifyOtp(tx, tenant, subject, code));
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** Moves a challenge's clock back, as time passing would. */
const age = (subject: string, column: 'expires_at' | 'last_sent_at', seconds: number) =>
  db.query(`UPDATE otp_challenges SET ${column} = ${column} - make_interval(secs => $2) WHERE subject = $1`, [
    subject,
    seconds,
  ]);

describe('one-time passwords', () => {
  it('verifies the code sent, and the same code again (a retried request), but no other', async () => {
    const subject = randomUUID();
    const issued = await issue(subject);
    if (!issued.ok) throw new Error(issued.refusal);
    expect(issued.code).toMatch(/^\d{6}$/);
    const { rows } = await db.query<Record<string, unknown>>(
      'SELECT * FROM otp_challenges WHERE subject = $1',
      [subject],
    );
    expect(Object.values(rows[0] ?? {})).not.toContain(issued.code);
    expect(await verify(subject, issued.code)).toEqual({ ok: true });
    expect(await verify(subject, issued.code)).toEqual({ ok: true });
    expect(await verify(subject, wrong(issued.code))).toMatchObject({ ok: false, refusal: 'otp_invalid' });
    expect(await issue(subject)).toEqual({ ok: false, refusal: 'otp_already_verified' });
  });

  it('locks after three wrong codes, even against the right one', async () => {
    const subject = randomUUID();
    const issued = await issue(subject);
    if (!issued.ok) throw new Error(issued.refusal);
    expect(await verify(subject, wrong(issued.code))).toEqual({
      ok: false,
      refusal: 'otp_invalid',
      attemptsLeft: 2,
    });
    expect(await verify(subject, 'abcdef')).toEqual({ ok: false, refusal: 'otp_invalid', attemptsLeft: 1 });
    expect(await verify(subject, wrong(issued.code))).toEqual({ ok: false, refusal: 'otp_locked' });
    expect(await verify(subject, issued.code)).toEqual({ ok: false, refusal: 'otp_locked' });
    expect(await issue(subject)).toEqual({ ok: false, refusal: 'otp_locked' });
  });

  it('refuses an expired code without counting it as a wrong try', async () => {
    const subject = randomUUID();
    const issued = await issue(subject);
    if (!issued.ok) throw new Error(issued.refusal);
    await age(subject, 'expires_at', 301);
    expect(await verify(subject, issued.code)).toEqual({ ok: false, refusal: 'otp_expired' });
    const { rows } = await db.query<{ failed_attempts: number }>(
      'SELECT failed_attempts FROM otp_challenges WHERE subject = $1',
      [subject],
    );
    expect(rows[0]?.failed_attempts).toBe(0);
    expect(await verify(subject, 'nope')).toEqual({ ok: false, refusal: 'otp_expired' });
    expect(await verify(randomUUID(), '123456')).toEqual({ ok: false, refusal: 'otp_not_issued' });
  });

  it('re-sends a fresh code no sooner than 30 s apart, at most three times in all', async () => {
    const subject = randomUUID();
    const first = await issue(subject);
    if (!first.ok) throw new Error(first.refusal);
    expect(await issue(subject)).toMatchObject({
      ok: false,
      refusal: 'otp_resend_limited',
      retryAfterSeconds: 30,
    });
    let latest = first;
    for (let sends = 2; sends <= OTP_MAX_SENDS; sends++) {
      await age(subject, 'last_sent_at', 31);
      const again = await issue(subject);
      if (!again.ok) throw new Error(again.refusal);
      expect(again.sends).toBe(sends);
      latest = again;
    }
    await age(subject, 'last_sent_at', 31);
    expect(await issue(subject)).toEqual({ ok: false, refusal: 'otp_resend_limited' });
    // Only the latest code works.
    if (first.code !== latest.code) {
      expect(await verify(subject, first.code)).toMatchObject({ ok: false, refusal: 'otp_invalid' });
    }
    expect(await verify(subject, latest.code)).toEqual({ ok: true });
  });
});
