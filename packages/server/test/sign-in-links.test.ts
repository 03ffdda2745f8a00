import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductionServer } from './helpers/production.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

// One-click dashboard sign-in on sandbox servers: a code in the link's fragment, spent once, for a short-lived
// key that can read the dashboard's data and nothing more.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const mint = (key = server.adminKey, merchantId = server.merchantId) =>
  server.call('POST', '/api/v1/dev/sign-in-links', { key, body: { merchant_id: merchantId } });
const redeem = (code: string) =>
  server.call('POST', '/api/v1/dev/sign-in-links/redeem', { key: null, body: { code } });
const codeOf = (path: string) => /#code=([\w-]+)$/.exec(path)?.[1] ?? '';

describe('sign-in links', () => {
  it('signs in once with a dashboard-only key, and never again with the same code', async () => {
    const link = await mint();
    expect(link.status).toBe(201);
    expect(link.body.path).toMatch(/^\/dashboard\/#code=[\w-]{32}$/);
    const code = codeOf(link.body.path);

    const signIn = await redeem(code);
    expect(signIn.status).toBe(201);
    expect(signIn.body).toMatchObject({ object: 'sign_in', merchant_id: server.merchantId });
    const key = signIn.body.secret as string;
    const whoami = await server.call('GET', '/api/v1/whoami', { key });
    expect(whoami.body).toMatchObject({
      merchant_id: server.merchantId,
      mode: 'test',
      scopes: ['analytics:read', 'payments:read', 'webhooks:manage'],
    });
    expect(Date.parse(signIn.body.expires_at) - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect((await server.call('GET', '/api/v1/analytics/overview', { key })).status).toBe(200);
    expectProblem(
      await server.call('POST', '/api/v1/payments', {
        key,
        body: { external_id: 'x-1', flow: 'collection', amount: 100, currency: 'ZMW', payer: '260971234567' },
        headers: { 'idempotency-key': 'sign-in-link-0001' },
      }),
      403,
      'insufficient_scope',
    );

    expectProblem(await redeem(code), 401, 'invalid_sign_in_code');
    expectProblem(await redeem('A'.repeat(32)), 401, 'invalid_sign_in_code');
  });

  it('are minted by admin keys only, for a merchant that exists', async () => {
    expectProblem(await mint(server.merchantKey), 403, 'insufficient_scope');
    expectProblem(await mint(server.adminKey, 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G'), 404, 'not_found');
    expectProblem(await redeem('short'), 400, 'validation_failed');
  });

  it('do not exist on production servers', async () => {
    const production = await startProductionServer();
    try {
      const refused = await production.call('POST', '/api/v1/dev/sign-in-links', {
        key: production.admin.test,
        body: { merchant_id: production.merchantId },
      });
      expectProblem(refused, 403, 'sandbox_only');
      expectProblem(
        await production.call('POST', '/api/v1/dev/sign-in-links/redeem', {
          key: null,
          body: { code: 'A'.repeat(32) },
        }),
        403,
        'sandbox_only',
      );
    } finally {
      await production.close();
    }
  });
});
