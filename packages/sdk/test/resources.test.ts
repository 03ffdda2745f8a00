import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { type Health, MolamServerError, MolamValidationError } from '../src/index.js';
import {
  apiKey,
  BASE_URL,
  KEY_ID,
  MERCHANT_ID,
  merchant,
  problem,
  testMolam,
  useMswServer,
} from './support.js';

const server = useMswServer();

interface Seen {
  method: string;
  path: string;
  body: unknown;
  contentType: string | null;
}

/** Records method, path and JSON body of every request, and answers with `reply`. */
function record(reply: (request: Request) => Response) {
  const seen: Seen[] = [];
  server.use(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const text = await request.clone().text();
      const url = new URL(request.url);
      seen.push({
        method: request.method,
        path: url.pathname + url.search,
        body: text ? JSON.parse(text) : undefined,
        contentType: request.headers.get('content-type'),
      });
      return reply(request);
    }),
  );
  return seen;
}

const withSecret = { ...apiKey(), secret: 'mk_test_new_secret_value' };

describe('merchants', () => {
  it('create, get, update, createKey: method, path, body and typed answer', async () => {
    const seen = record((request) =>
      request.url.endsWith('/keys')
        ? HttpResponse.json(withSecret, { status: 201 })
        : HttpResponse.json(merchant(), { status: request.method === 'POST' ? 201 : 200 }),
    );
    const { molam } = testMolam();
    const created = await molam.merchants.create({
      name: 'Lusaka Grocers',
      country: 'ZM',
      default_currency: 'ZMW',
    });
    const fetched = await molam.merchants.get(MERCHANT_ID);
    const updated = await molam.merchants.update(MERCHANT_ID, { status: 'suspended' });
    const key = await molam.merchants.createKey(MERCHANT_ID, {
      name: 'checkout backend',
      scopes: ['payments:read'],
    });
    expect(created.id).toBe(MERCHANT_ID);
    expect(fetched.object).toBe('merchant');
    expect(updated.status).toBe('active');
    expect(key.secret).toBe('mk_test_new_secret_value');
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/api/v1/merchants',
        body: { name: 'Lusaka Grocers', country: 'ZM', default_currency: 'ZMW' },
        contentType: 'application/json',
      },
      { method: 'GET', path: `/api/v1/merchants/${MERCHANT_ID}`, body: undefined, contentType: null },
      {
        method: 'PATCH',
        path: `/api/v1/merchants/${MERCHANT_ID}`,
        body: { status: 'suspended' },
        contentType: 'application/json',
      },
      {
        method: 'POST',
        path: `/api/v1/merchants/${MERCHANT_ID}/keys`,
        body: { name: 'checkout backend', scopes: ['payments:read'] },
        contentType: 'application/json',
      },
    ]);
  });

  it('encodes ids in the path', async () => {
    const seen = record(() => problem(404, 'not_found'));
    await testMolam()
      .molam.merchants.get('mer_1/../keys')
      .catch(() => {});
    expect(seen[0]?.path).toBe('/api/v1/merchants/mer_1%2F..%2Fkeys');
  });

  it('refuses an empty id before sending, instead of addressing the collection', async () => {
    const seen = record(() => HttpResponse.json(merchant()));
    const { molam } = testMolam();
    await expect(molam.merchants.get('')).rejects.toThrow(/merchants\.get: `merchantId`/);
    await expect(molam.keys.revoke('')).rejects.toThrow(TypeError);
    await expect(molam.merchants.listKeys('')).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
  });
});

describe('keys', () => {
  it('create, get, revoke, rotate: method, path and body', async () => {
    const seen = record((request) =>
      request.url.endsWith('/rotate') || request.url.endsWith('/keys')
        ? HttpResponse.json(withSecret, { status: 201 })
        : HttpResponse.json(apiKey()),
    );
    const { molam } = testMolam();
    const created = await molam.keys.create({ name: 'reporting job', scopes: ['payments:read'] });
    const fetched = await molam.keys.get(KEY_ID);
    const revoked = await molam.keys.revoke(KEY_ID);
    const rotated = await molam.keys.rotate(KEY_ID, { grace_period_seconds: 3600 });
    const rotatedWithDefault = await molam.keys.rotate(KEY_ID);
    expect(created.secret).toBeDefined();
    expect(fetched.id).toBe(KEY_ID);
    expect(revoked.object).toBe('api_key');
    expect(rotated.secret).toBeDefined();
    expect(rotatedWithDefault.secret).toBeDefined();
    expect(seen.map(({ method, path, body }) => [method, path, body])).toEqual([
      ['POST', '/api/v1/keys', { name: 'reporting job', scopes: ['payments:read'] }],
      ['GET', `/api/v1/keys/${KEY_ID}`, undefined],
      ['POST', `/api/v1/keys/${KEY_ID}/revoke`, undefined],
      ['POST', `/api/v1/keys/${KEY_ID}/rotate`, { grace_period_seconds: 3600 }],
      ['POST', `/api/v1/keys/${KEY_ID}/rotate`, undefined],
    ]);
  });
});

describe('whoami and health', () => {
  it('whoami answers the key description', async () => {
    const whoami = { key_id: KEY_ID, merchant_id: null, mode: 'live', scopes: ['admin'] };
    record(() => HttpResponse.json(whoami));
    await expect(testMolam().molam.whoami()).resolves.toEqual(whoami);
  });

  it('health resolves with the body for 200 and for a JSON 503, in one attempt', async () => {
    const unhealthy: Health = { status: 'unhealthy', database: 'down', version: '0.1.0' };
    const seen = record(() => HttpResponse.json(unhealthy, { status: 503 }));
    const { molam, delays } = testMolam();
    await expect(molam.health()).resolves.toEqual(unhealthy);
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('health throws when a 503 is not a health document (a proxy page), and retries when asked', async () => {
    const seen = record(() => new HttpResponse('<h1>Service unavailable</h1>', { status: 503 }));
    const { molam } = testMolam();
    await expect(molam.health({ maxRetries: 1 })).rejects.toBeInstanceOf(MolamServerError);
    expect(seen).toHaveLength(2);
  });
});

describe('raw client', () => {
  it('reaches operations without a helper, over the same transport', async () => {
    const seen = record(() =>
      HttpResponse.json({ status: 'ready', database: 'up', migrations: { applied: 3, pending: 0 } }),
    );
    const { data } = await testMolam().molam.client.GET('/readyz');
    expect(data?.migrations.applied).toBe(3);
    expect(seen).toHaveLength(1);
  });

  it('throws typed errors', async () => {
    record(() => problem(400, 'validation_failed'));
    await expect(
      testMolam().molam.client.GET('/api/v1/merchants', { params: { query: { limit: 0 } } }),
    ).rejects.toBeInstanceOf(MolamValidationError);
  });
});
