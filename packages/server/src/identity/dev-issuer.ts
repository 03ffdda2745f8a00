import { randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import type { Database } from '../platform/db/index.js';

/** The `iss` of the sandbox's tokens: never Molam ID's own. */
export const DEV_ISSUER = 'molam-sandbox';

/** The sandbox's development issuer: a key of its own, its public half published, tokens signed on request. */
export interface DevIssuer {
  jwks: JSONWebKeySet;
  keys: JWTVerifyGetKey;
  sign(claims: DevTokenClaims): Promise<{ token: string; expiresAt: Date }>;
}

export interface DevTokenClaims {
  userId: string;
  roles: string[];
  merchantId?: string | undefined;
  ttlSeconds: number;
  country?: string | undefined;
  currency?: string | undefined;
  lang?: string | undefined;
}

interface StoredKey {
  kid: string;
  private_jwk: JWK;
  public_jwk: JWK;
}

/**
 * The sandbox's signing key, made on first use. One key per database, under a lock: every server process of
 * the sandbox verifies what any of them signs.
 */
async function signingKey(db: Database): Promise<StoredKey> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('molam:dev-signing-key', 0))`);
    const existing = await tx.query<StoredKey>(
      'SELECT kid, private_jwk, public_jwk FROM dev_signing_keys ORDER BY created_at DESC LIMIT 1',
    );
    if (existing.rows[0]) return existing.rows[0];
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `dev_${randomBytes(8).toString('hex')}`;
    const key: StoredKey = {
      kid,
      private_jwk: await exportJWK(privateKey),
      public_jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    await tx.query('INSERT INTO dev_signing_keys (kid, private_jwk, public_jwk) VALUES ($1, $2, $3)', [
      key.kid,
      JSON.stringify(key.private_jwk),
      JSON.stringify(key.public_jwk),
    ]);
    return key;
  });
}

export async function loadDevIssuer(
  db: Database,
  settings: { issuer: string; audience: string },
): Promise<DevIssuer> {
  const stored = await signingKey(db);
  const privateKey = await importJWK(stored.private_jwk, 'RS256');
  const jwks: JSONWebKeySet = { keys: [stored.public_jwk] };
  return {
    jwks,
    keys: createLocalJWKSet(jwks),
    async sign(claims) {
      const expiresAt = new Date(Date.now() + claims.ttlSeconds * 1000);
      const token = await new SignJWT({
        roles: claims.roles,
        // Sandbox servers are test mode only.
        mode: 'test',
        ...(claims.merchantId ? { merchant_id: claims.merchantId } : {}),
        ...(claims.country ? { country: claims.country } : {}),
        ...(claims.currency ? { currency: claims.currency } : {}),
        ...(claims.lang ? { lang: claims.lang } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: stored.kid, typ: 'JWT' })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setSubject(claims.userId)
        .setJti(randomBytes(16).toString('hex'))
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(privateKey);
      return { token, expiresAt };
    },
  };
}
