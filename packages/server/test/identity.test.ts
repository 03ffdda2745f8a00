import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import {
  decodeJwt,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisRevocations } from '../src/identity/revocations.js';
import { loadConfig } from '../src/platform/config.js';
import { type ProductionServer, startProductionServer } from './helpers/production.js';
import { redisAnswers, TEST_REDIS_URL } from './helpers/redis.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// Molam ID user tokens: RS256 only, from the configured issuer for this audience, within their lifetime, not
// logged out, on their own merchant's data only, and only where the spec lists the user-token scheme.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

async function devToken(body: Record<string, unknown>): Promise<string> {
  const minted = await server.call('POST', '/api/v1/dev/tokens', { body });
  expect(minted.status).toBe(201);
  return minted.body.token as string;
}

/** The sandbox's own signing key, read from its database: to sign tokens with any claims. */
async function sandboxKey() {
  const { rows } = await server.db.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
    'SELECT kid, private_jwk, public_jwk FROM dev_signing_keys',
  );
  const row = rows[0]!;
  return { kid: row.kid, key: await importJWK(row.private_jwk, 'RS256'), publicJwk: row.public_jwk };
}

const now = () => Math.floor(Date.now() / 1000);

async function signed(claims: JWTPayload, header: { kid?: string } = {}) {
  const { kid, key } = await sandboxKey();
  return new SignJWT({ roles: ['merchant_viewer'], mode: 'test', merchant_id: server.merchantId, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: header.kid ?? kid })
    .sign(key);
}

const valid = (): JWTPayload => ({
  // The sandbox's own issuer, never Molam ID's.
  iss: 'molam-sandbox',
  aud: 'molam-pay',
  sub: 'usr_1',
  jti: randomUUID(),
  iat: now(),
  exp: now() + 600,
});

async function refused(token: string, code = 'invalid_user_token') {
  const result = await server.call('GET', '/api/v1/whoami', { key: token });
  expect(result.status).toBe(401);
  expect(result.headers.get('content-type')).toContain('application/problem+json');
  expect(result.body.code).toBe(code);
  return result.body.detail as string;
}

describe('sandbox user tokens', () => {
  it('mints a viewer token that reads its merchant’s analytics and payments, and nothing else', async () => {
    const token = await devToken({
      user_id: 'usr_viewer',
      roles: ['merchant_viewer'],
      merchant_id: server.merchantId,
    });
    const whoami = await server.call('GET', '/api/v1/whoami', { key: token });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      key_id: null,
      user_id: 'usr_viewer',
      merchant_id: server.merchantId,
      mode: 'test',
      scopes: ['analytics:read', 'payments:read', 'transfers:read'],
    });
    expect((await server.call('GET', '/api/v1/analytics/overview', { key: token })).status).toBe(200);
    expect((await server.call('GET', '/api/dashboard/overview', { key: token })).status).toBe(200);
    expect((await server.call('GET', '/api/v1/payments', { key: token })).status).toBe(200);

    // An operation that does not list the user-token scheme: API keys only, whatever the roles.
    const admin = await devToken({
      user_id: 'usr_admin',
      roles: ['merchant_admin'],
      merchant_id: server.merchantId,
    });
    const webhooks = await server.call('GET', '/api/v1/webhook-endpoints', { key: admin });
    expect(webhooks.status).toBe(403);
    expect(webhooks.body.code).toBe('user_token_not_accepted');
    // A payer (no merchant) holds no merchant scope.
    const payer = await devToken({ user_id: 'usr_payer', roles: ['customer'] });
    const overview = await server.call('GET', '/api/v1/analytics/overview', { key: payer });
    expect(overview.status).toBe(403);
    expect(overview.body.code).toBe('insufficient_scope');
  });

  it('publishes the key that verifies its tokens, and only admins mint them', async () => {
    const jwks = await fetch(`${server.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const { keys } = (await jwks.json()) as { keys: JWK[] };
    expect(keys).toEqual([(await sandboxKey()).publicJwk]);
    expect(keys[0]).not.toHaveProperty('d');
    const byMerchant = await server.call('POST', '/api/v1/dev/tokens', {
      key: server.merchantKey,
      body: { user_id: 'usr_x', roles: ['merchant_admin'] },
    });
    expect(byMerchant.status).toBe(403);
  });

  it('logs out: the token is refused from then on, the others still work', async () => {
    const token = await devToken({
      user_id: 'usr_out',
      roles: ['merchant_viewer'],
      merchant_id: server.merchantId,
    });
    const other = await devToken({
      user_id: 'usr_out',
      roles: ['merchant_viewer'],
      merchant_id: server.merchantId,
    });
    expect((await server.call('POST', '/api/v1/auth/logout', { key: token })).status).toBe(204);
    await refused(token, 'user_token_revoked');
    expect((await server.call('GET', '/api/v1/whoami', { key: other })).status).toBe(200);
    // API keys are not logged out.
    const byKey = await server.call('POST', '/api/v1/auth/logout', { key: server.merchantKey });
    expect(byKey.status).toBe(403);
  });

  it('signs the seed’s demo payer in and out at the seed’s paths, and no one else', async () => {
    const login = (body: unknown) => server.call('POST', '/auth/login', { key: null, body });
    const signedIn = await login({ username: 'demo', password: 'password123' });
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const whoami = await server.call('GET', '/api/v1/whoami', { key: token });
    // The payer of the sandbox's demo customer: transfers of their own customers, nothing else.
    expect(whoami.body).toMatchObject({
      user_id: 'demo',
      merchant_id: server.merchantId,
      scopes: ['transfers:read', 'transfers:write'],
    });
    expect((await server.call('GET', '/api/v1/payments', { key: token })).status).toBe(403);
    expect((await server.call('POST', '/auth/logout', { key: token })).status).toBe(204);
    await refused(token, 'user_token_revoked');

    const wrong = await login({ username: 'demo', password: 'password124' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(JSON.stringify(wrong.body)).not.toContain('password124');
    expect((await login({ username: 'root', password: 'password123' })).body.code).toBe(
      'invalid_credentials',
    );
    const extra = await login({ username: 'demo', password: 'password123', role: 'admin' });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('validation_failed');
  });

  it('a user of a suspended merchant reads nothing, sees why, and can still log out', async () => {
    const merchant = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Paused', country: 'ZM', default_currency: 'ZMW' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const token = await devToken({
      user_id: 'usr_paused',
      roles: ['merchant_viewer'],
      merchant_id: merchant.body.id,
    });
    const other = await devToken({
      user_id: 'usr_paused',
      roles: ['merchant_viewer'],
      merchant_id: merchant.body.id,
    });
    expect((await server.call('GET', '/api/v1/analytics/overview', { key: token })).status).toBe(200);
    const suspend = (status: string) =>
      server.call('PATCH', `/api/v1/merchants/${merchant.body.id}`, {
        body: { status },
        headers: { 'idempotency-key': randomUUID() },
      });
    expect((await suspend('suspended')).status).toBe(200);
    const read = await server.call('GET', '/api/v1/analytics/overview', { key: token });
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('merchant_inactive');
    expect((await server.call('GET', '/api/v1/whoami', { key: token })).body.scopes).toEqual([]);
    expect((await server.call('POST', '/api/v1/auth/logout', { key: token })).status).toBe(204);
    // Once the merchant is active again, the logged-out token stays out; the other one is back.
    expect((await suspend('active')).status).toBe(200);
    await refused(token, 'user_token_revoked');
    expect((await server.call('GET', '/api/v1/analytics/overview', { key: other })).status).toBe(200);
  });

  it('never shows another merchant’s objects to a user of this one', async () => {
    const other = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Other', country: 'ZM', default_currency: 'ZMW' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const key = await server.call('POST', `/api/v1/merchants/${other.body.id}/keys`, {
      body: { name: 'other' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const payment = await server.call('POST', '/api/v1/payments', {
      key: key.body.secret as string,
      body: {
        external_id: `order-${randomUUID()}`,
        flow: 'collection',
        amount: 1000,
        currency: 'ZMW',
        payer: '260971234567',
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(payment.status).toBe(202);
    // The other merchant's own key reads it; this merchant's user gets a 404, as for any missing payment.
    expect(
      (await server.call('GET', `/api/v1/payments/${payment.body.id}`, { key: key.body.secret as string }))
        .status,
    ).toBe(200);
    const token = await devToken({
      user_id: 'usr_a',
      roles: ['merchant_viewer'],
      merchant_id: server.merchantId,
    });
    const read = await server.call('GET', `/api/v1/payments/${payment.body.id}`, { key: token });
    expect(read.status).toBe(404);
  });
});

describe('hostile tokens, each a 401 problem', () => {
  it('refuses alg none', async () => {
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const body = b64url(
      JSON.stringify({ ...valid(), roles: ['merchant_admin'], merchant_id: server.merchantId }),
    );
    expect(await refused(`${header}.${body}.`)).toMatch(/not signed with RS256|not a signed JWT/);
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const { kid, publicJwk } = await sandboxKey();
    const publicPem = await exportSPKI(
      (await importJWK(publicJwk, 'RS256')) as Parameters<typeof exportSPKI>[0],
    );
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }));
    const body = b64url(
      JSON.stringify({ ...valid(), roles: ['merchant_admin'], merchant_id: server.merchantId }),
    );
    const signature = createHmac('sha256', publicPem).update(`${header}.${body}`).digest('base64url');
    expect(await refused(`${header}.${body}.${signature}`)).toContain('RS256');
  });

  it('refuses a key id it does not know, and a known key id on a signature of another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const { kid } = await sandboxKey();
    const sign = (keyId: string) =>
      new SignJWT({ ...valid(), roles: ['merchant_admin'], merchant_id: server.merchantId })
        .setProtectedHeader({ alg: 'RS256', kid: keyId })
        .sign(privateKey);
    expect(await refused(await sign('someone-else'))).toContain('key id');
    expect(await refused(await sign(kid))).toContain('signature');
  });

  it('refuses expired, not yet valid, foreign issuer and audience, and tokens without an id', async () => {
    // Beyond the 30 s of clock tolerance.
    expect(await refused(await signed({ ...valid(), exp: now() - 120 }))).toContain('expired');
    expect(await refused(await signed({ ...valid(), nbf: now() + 120 }))).toContain('not valid yet');
    expect(await refused(await signed({ ...valid(), iss: 'someone' }))).toContain('issued by someone else');
    expect(await refused(await signed({ ...valid(), aud: 'another-app' }))).toContain('another audience');
    const { jti: _jti, ...withoutId } = valid();
    expect(await refused(await signed(withoutId))).toContain('jti');
    const { iat: _iat, ...withoutIssuedAt } = valid();
    expect(await refused(await signed(withoutIssuedAt))).toContain('iat');
    // Long-lived tokens are not access tokens: issued two days ago, still "valid" for a year.
    expect(
      await refused(await signed({ ...valid(), iat: now() - 2 * 86_400, exp: now() + 365 * 86_400 })),
    ).toContain('more than a day ago');
    // Molam ID's issuer name on a sandbox token: the sandbox signs as molam-sandbox only.
    expect(await refused(await signed({ ...valid(), iss: 'molam-id' }))).toContain('issued by someone else');
    // Within the tolerance: still taken.
    const late = await signed({ ...valid(), exp: now() - 5 });
    expect((await server.call('GET', '/api/v1/whoami', { key: late })).status).toBe(200);
  });

  it('refuses garbage in the bearer slot the same way, and a user token sent as an API key', async () => {
    await refused('eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln');
    const token = await signed(valid());
    const asKey = await server.call('GET', '/api/v1/whoami', { key: null, headers: { 'x-api-key': token } });
    expect(asKey.status).toBe(401);
    expect(asKey.body.code).toBe('invalid_api_key');
  });

  it('refuses a JWKS over plain http on a production server', () => {
    expect(() =>
      loadConfig({ MOLAM_MODE: 'production', MOLAM_ID_JWKS_URL: 'http://id.example/jwks' }),
    ).toThrow(/MOLAM_ID_JWKS_URL/);
  });
});

describe('Molam ID keys from configuration', () => {
  let production: ProductionServer | undefined;
  let jwksServer: Server | undefined;
  afterAll(async () => {
    await production?.close();
    jwksServer?.close();
  });

  it('verifies with MOLAM_ID_JWT_PUBLIC on a production server, which mints and publishes nothing', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    production = await startProductionServer({ MOLAM_ID_JWT_PUBLIC: await exportSPKI(publicKey) });
    const token = await new SignJWT({ roles: ['merchant_viewer'], merchant_id: production.merchantId })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('molam-id')
      .setAudience('molam-pay')
      .setSubject('usr_live')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const whoami = await production.call('GET', '/api/v1/whoami', { key: token });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({
      user_id: 'usr_live',
      mode: 'live',
      merchant_id: production.merchantId,
    });
    const minted = await production.call('POST', '/api/v1/dev/tokens', {
      key: production.admin.live,
      body: { user_id: 'usr_x', roles: ['merchant_admin'] },
    });
    expect(minted.status).toBe(403);
    expect(minted.body.code).toBe('sandbox_only');
    expect((await fetch(`${production.url}/.well-known/jwks.json`)).status).toBe(404);
    const demo = await production.call('POST', '/auth/login', {
      key: null,
      body: { username: 'demo', password: 'password123' },
    });
    expect(demo.status).toBe(403);
    expect(demo.body.code).toBe('sandbox_only');
  });

  it('verifies with MOLAM_ID_JWKS_URL: the key set fetched once, and again when Molam ID rotates its key', async () => {
    const first = await generateKeyPair('RS256');
    const second = await generateKeyPair('RS256');
    const jwkOf = async (key: KeyPair['publicKey'], kid: string) => ({
      ...(await exportJWK(key)),
      kid,
      alg: 'RS256',
      use: 'sig',
    });
    let keys = [await jwkOf(first.publicKey, 'molam-1')];
    let fetches = 0;
    jwksServer = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => jwksServer?.once('listening', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    const sandbox = await startTestServer({
      MOLAM_ID_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      // No pause between fetches, so the rotation is seen at once.
      MOLAM_ID_JWKS_COOLDOWN_MS: '0',
    });
    const signedBy = (privateKey: KeyPair['privateKey'], kid: string) =>
      new SignJWT({ roles: ['merchant_viewer'], merchant_id: sandbox.merchantId, mode: 'test' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer('molam-id')
        .setAudience('molam-pay')
        .setSubject('usr_jwks')
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    try {
      const token = await signedBy(first.privateKey, 'molam-1');
      expect((await sandbox.call('GET', '/api/v1/whoami', { key: token })).status).toBe(200);
      expect((await sandbox.call('GET', '/api/v1/whoami', { key: token })).status).toBe(200);
      expect(fetches).toBe(1);

      // Molam ID rotates: a token of the new key id makes the server fetch the set again.
      keys = [await jwkOf(second.publicKey, 'molam-2')];
      const rotated = await signedBy(second.privateKey, 'molam-2');
      expect((await sandbox.call('GET', '/api/v1/whoami', { key: rotated })).status).toBe(200);
      expect(fetches).toBe(2);
      // A key id that is in no set stays refused.
      expect(
        await (async () => {
          const forged = await signedBy(second.privateKey, 'molam-9');
          const result = await sandbox.call('GET', '/api/v1/whoami', { key: forged });
          expect(result.status).toBe(401);
          return result.body.detail as string;
        })(),
      ).toMatch(/no known key has its key id/);
      // A configured Molam ID replaces the sandbox's own issuer.
      const minted = await sandbox.call('POST', '/api/v1/dev/tokens', {
        body: { user_id: 'usr_x', roles: ['merchant_admin'] },
      });
      expect(minted.body.code).toBe('sandbox_only');
    } finally {
      await sandbox.close();
    }
  });
});

const redisUp = await redisAnswers();
describe('revocations in Redis', () => {
  it.skipIf(!redisUp)('with REDIS_URL, logout is kept in Redis until the token expires', async () => {
    const withRedis = await startTestServer({ REDIS_URL: TEST_REDIS_URL });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const minted = await withRedis.call('POST', '/api/v1/dev/tokens', {
        body: {
          user_id: 'usr_r',
          roles: ['merchant_viewer'],
          merchant_id: withRedis.merchantId,
          ttl_seconds: 600,
        },
      });
      const token = minted.body.token as string;
      const { jti } = decodeJwt(token);
      expect((await withRedis.call('POST', '/api/v1/auth/logout', { key: token })).status).toBe(204);
      const refusedAgain = await withRedis.call('GET', '/api/v1/whoami', { key: token });
      expect(refusedAgain.body.code).toBe('user_token_revoked');
      // Recorded in PostgreSQL too; Redis answers the checks, each entry expiring with its token.
      expect(await withRedis.count('revoked_tokens')).toBe(1);
      const ttl = await redis.ttl(`molam:revoked:${jti}`);
      expect(ttl).toBeGreaterThan(600);
      expect(ttl).toBeLessThanOrEqual(630);

      // A Redis that lost its entries (or was turned on later) gets the record back when a server starts.
      await redis.del(`molam:revoked:${jti}`);
      const restarted = await redisRevocations(redis, withRedis.db);
      expect(await restarted.isRevoked(jti as string)).toBe(true);
    } finally {
      redis.disconnect();
      await withRedis.close();
    }
  });
});
