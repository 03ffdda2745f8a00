import type { Redis } from 'ioredis';
import { createRemoteJWKSet, importSPKI } from 'jose';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { DEV_ISSUER, type DevIssuer, loadDevIssuer } from './dev-issuer.js';
import { databaseRevocations, type RevocationList, redisRevocations } from './revocations.js';
import { type TokenSettings, type TokenVerifier, tokenVerifier } from './tokens.js';

/** Molam ID on this server: how user tokens are verified and revoked, and the sandbox's issuer if it has one. */
export interface Identity {
  verify: TokenVerifier;
  revocations: RevocationList;
  /** Sandbox servers without a configured Molam ID only. */
  devIssuer: DevIssuer | null;
}

/**
 * The keys that sign user tokens: Molam ID's PEM key or JWKS (fetched, cached, fetched again for an unknown
 * key id) when configured; otherwise, on a sandbox server, its own development key; otherwise none.
 */
export async function loadIdentity(
  config: Config,
  db: Database,
  redis: Redis | undefined,
): Promise<Identity> {
  const revocations = redis ? await redisRevocations(redis, db) : databaseRevocations(db);
  let settings = { issuer: config.MOLAM_ID_ISSUER, audience: config.MOLAM_ID_AUDIENCE };
  let keys: TokenSettings['keys'] = null;
  let devIssuer: DevIssuer | null = null;
  if (config.MOLAM_ID_JWT_PUBLIC) {
    try {
      keys = await importSPKI(config.MOLAM_ID_JWT_PUBLIC, 'RS256');
    } catch (error) {
      throw new AppError(500, 'invalid_config', 'MOLAM_ID_JWT_PUBLIC is not an RSA public key in PEM.', {
        cause: error,
      });
    }
  } else if (config.MOLAM_ID_JWKS_URL) {
    keys = createRemoteJWKSet(new URL(config.MOLAM_ID_JWKS_URL), {
      timeoutDuration: 5000,
      cooldownDuration: config.MOLAM_ID_JWKS_COOLDOWN_MS,
      cacheMaxAge: 10 * 60_000,
    });
  } else if (config.MOLAM_MODE === 'sandbox') {
    // An issuer of its own: a server that trusted a sandbox's key set by mistake still takes none of its tokens.
    settings = { issuer: DEV_ISSUER, audience: config.MOLAM_ID_AUDIENCE };
    devIssuer = await loadDevIssuer(db, settings);
    keys = devIssuer.keys;
  }
  return { verify: tokenVerifier({ ...settings, keys, revocations }), revocations, devIssuer };
}

/** An API that takes no user token at all (every one is refused with a reason): the app's default. */
export function withoutUserTokens(db: Database): Identity {
  const revocations = databaseRevocations(db);
  return {
    verify: tokenVerifier({ issuer: '', audience: '', keys: null, revocations }),
    revocations,
    devIssuer: null,
  };
}
