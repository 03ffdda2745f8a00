import { ID_PATTERNS, type KeyMode } from '@molam/contract';
import { errors, type importSPKI, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import type { RevocationList } from './revocations.js';

/** A verified Molam ID user token. */
export interface UserToken {
  userId: string;
  jti: string;
  expiresAt: Date;
  roles: string[];
  /** The merchant whose data the user works on; null for a user of no merchant (a payer). */
  merchantId: string | null;
  mode: KeyMode;
  country: string | null;
  currency: string | null;
  lang: string | null;
}

/** Seconds of clock difference tolerated between Molam ID and this server (`exp`, `nbf`). */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** A public key read from PEM. */
export type PublicKey = Awaited<ReturnType<typeof importSPKI>>;

const MAX_TOKEN_AGE = '24h';

/** What a verifier needs: whose tokens, for whom, and the keys that sign them (a key set, or none at all). */
export interface TokenSettings {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey | PublicKey | null;
  revocations: RevocationList;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  jti: z.string().min(1).max(255),
  exp: z.number(),
  roles: z.array(z.string().max(64)).max(50).default([]),
  merchant_id: z.string().regex(new RegExp(ID_PATTERNS.mer)).optional(),
  mode: z.enum(['test', 'live']).default('live'),
  country: z.string().max(2).optional(),
  currency: z.string().max(3).optional(),
  lang: z.string().max(35).optional(),
});

const invalid = (reason: string, cause?: unknown) =>
  new AppError(401, 'invalid_user_token', `The Molam ID token is not valid: ${reason}.`, { cause });

/** Why jose refused a token, in words that help its holder and tell an attacker nothing new. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired (or was issued more than a day ago)';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `its ${error.claim} claim is missing`;
    if (error.claim === 'nbf' || error.claim === 'iat') return 'it is not valid yet';
    if (error.claim === 'iss') return 'it was issued by someone else';
    if (error.claim === 'aud') return 'it is meant for another audience';
    return `its ${error.claim} claim is missing or wrong`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'it is not signed with RS256';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key has its key id';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not match';
  return 'it is not a signed JWT';
}

export type TokenVerifier = (token: string) => Promise<UserToken>;

/** Verifies RS256 tokens of the issuer for the audience, refusing revoked ones. */
export function tokenVerifier(settings: TokenSettings): TokenVerifier {
  return async (token) => {
    const { keys } = settings;
    if (keys === null) {
      throw new AppError(
        401,
        'invalid_user_token',
        'This server verifies no Molam ID tokens: it has no MOLAM_ID_JWT_PUBLIC or MOLAM_ID_JWKS_URL.',
      );
    }
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: ['RS256'],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'jti', 'iat'],
        // An access token is short-lived: one issued more than a day ago is not one.
        maxTokenAge: MAX_TOKEN_AGE,
      };
      ({ payload } =
        typeof keys === 'function'
          ? await jwtVerify(token, keys, options)
          : await jwtVerify(token, keys, options));
    } catch (error) {
      throw invalid(reasonOf(error), error);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw invalid(`its ${claims.error.issues[0]?.path.join('.') ?? ''} claim is wrong`);
    const { sub, jti, exp, roles, merchant_id, mode, country, currency, lang } = claims.data;
    if (await settings.revocations.isRevoked(jti)) {
      throw new AppError(401, 'user_token_revoked', 'This Molam ID token was logged out; sign in again.');
    }
    return {
      userId: sub,
      jti,
      expiresAt: new Date(exp * 1000),
      roles,
      merchantId: merchant_id ?? null,
      mode,
      country: country ?? null,
      currency: currency ?? null,
      lang: lang ?? null,
    };
  };
}

/** `xxx.yyy.zzz` of base64url: a JWT, not an API key (those start with `mk_`). */
export const looksLikeJwt = (credential: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
