import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MtnFake, startMtnFake } from './fakes/mtn-fake.js';
import { type ProductionServer, startProductionServer } from './helpers/production.js';
import { expectProblem } from './helpers/server.js';

// Test and live are separate worlds: on a production server, every resource of one mode is invisible and
// untouchable to the keys of the other. The server runs without workers, so nothing here is processed.
type Mode = 'test' | 'live';
const MODES: Mode[] = ['test', 'live'];

let mtn: MtnFake;
let server: ProductionServer;
const made = {} as Record<
  Mode,
  { key: string; payment: string; event: string; endpoint: string; delivery: string }
>;

const as = (key: string, body?: unknown, headers: Record<string, string> = {}) => ({
  key,
  body,
  headers: body === undefined ? headers : { 'idempotency-key': randomUUID(), ...headers },
});

beforeAll(async () => {
  mtn = await startMtnFake();
  server = await startProductionServer({ ...mtn.env(), RATE_LIMIT_MAX: '100000' });
  for (const mode of MODES) {
    const key = server.merchant[mode];
    const apiKey = await server.call(
      'POST',
      '/api/v1/keys',
      as(key, { name: `${mode} reader`, scopes: ['payments:read'] }),
    );
    const payment = await server.call(
      'POST',
      '/api/v1/payments',
      as(key, {
        external_id: 'order-1',
        flow: 'collection',
        amount: 1250,
        currency: 'EUR',
        payer: '46733123459',
      }),
    );
    expect(payment.status, JSON.stringify(payment.body)).toBe(202);
    expect(payment.body).toMatchObject({ mode, provider: mode === 'live' ? 'mtn' : 'sandbox' });
    const events = await server.call('GET', '/api/v1/events?type=payment.created', as(key));
    const endpoint = await server.call(
      'POST',
      '/api/v1/webhook-endpoints',
      as(key, { url: `https://hooks.example.com/${mode}`, enabled_events: ['payment.succeeded'] }),
    );
    const resent = await server.call(
      'POST',
      `/api/v1/events/${events.body.data[0].id}/resend`,
      as(key, { endpoint_id: endpoint.body.id }),
    );
    expect(resent.status, JSON.stringify(resent.body)).toBe(202);
    made[mode] = {
      key: apiKey.body.id,
      payment: payment.body.id,
      event: events.body.data[0].id,
      endpoint: endpoint.body.id,
      delivery: resent.body.data[0].id,
    };
  }
});
afterAll(async () => {
  await server?.close();
  await mtn?.close();
});

const pairs = MODES.flatMap((keyMode) => MODES.map((resourceMode) => ({ keyMode, resourceMode })));

describe.each(pairs)('a $keyMode key and $resourceMode resources', ({ keyMode, resourceMode }) => {
  const same = keyMode === resourceMode;
  const key = () => server.merchant[keyMode];
  const theirs = () => made[resourceMode];
  const visible = async (method: string, path: string, body?: unknown) => {
    const result = await server.call(method, path, as(key(), body));
    if (same) expect(result.status, `${method} ${path}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
    else expectProblem(result, 404, 'not_found');
  };
  const listed = async (path: string, id: string) => {
    const ids = (await server.call('GET', path, as(key()))).body.data.map((item: { id: string }) => item.id);
    expect(ids.includes(id), `${path} lists ${id}`).toBe(same);
  };

  it('API keys', async () => {
    await visible('GET', `/api/v1/keys/${theirs().key}`);
    await listed('/api/v1/keys?limit=100', theirs().key);
    const admin = server.admin[keyMode];
    const adminList = await server.call(
      'GET',
      `/api/v1/merchants/${server.merchantId}/keys?limit=100`,
      as(admin),
    );
    expect(adminList.body.data.some((k: { id: string }) => k.id === theirs().key)).toBe(same);
    if (!same) {
      for (const [action, body] of [
        ['revoke', undefined],
        ['rotate', {}],
      ] as const) {
        expectProblem(
          await server.call('POST', `/api/v1/keys/${theirs().key}/${action}`, as(key(), body)),
          404,
          'not_found',
        );
      }
    }
  });

  it('payments and their attempts', async () => {
    await visible('GET', `/api/v1/payments/${theirs().payment}`);
    await visible('GET', `/api/v1/payments/${theirs().payment}/attempts`);
    await listed('/api/v1/payments?limit=100', theirs().payment);
  });

  it('events, the stream and resends', async () => {
    await visible('GET', `/api/v1/events/${theirs().event}`);
    await listed('/api/v1/events?limit=100', theirs().event);
    if (!same) {
      expectProblem(
        await server.call('POST', `/api/v1/events/${theirs().event}/resend`, as(key(), {})),
        404,
        'not_found',
      );
      const stream = await server.call(
        'GET',
        '/api/v1/events/stream',
        as(key(), undefined, { 'last-event-id': theirs().event }),
      );
      expectProblem(stream, 400, 'invalid_last_event_id');
    }
  });

  it('webhook endpoints and their deliveries', async () => {
    const { endpoint, delivery } = theirs();
    await visible('GET', `/api/v1/webhook-endpoints/${endpoint}`);
    await listed('/api/v1/webhook-endpoints?limit=100', endpoint);
    await visible('GET', `/api/v1/webhook-endpoints/${endpoint}/deliveries`);
    await visible('GET', `/api/v1/webhook-endpoints/${endpoint}/deliveries/${delivery}`);
    if (!same) {
      for (const [method, path, body] of [
        ['PATCH', `/api/v1/webhook-endpoints/${endpoint}`, { description: 'taken over' }],
        ['DELETE', `/api/v1/webhook-endpoints/${endpoint}`, undefined],
        ['POST', `/api/v1/webhook-endpoints/${endpoint}/rotate-secret`, undefined],
        ['POST', `/api/v1/webhook-endpoints/${endpoint}/recover`, { since: '2026-01-01T00:00:00Z' }],
        ['POST', `/api/v1/webhook-endpoints/${endpoint}/deliveries/${delivery}/retry`, undefined],
      ] as const) {
        expectProblem(await server.call(method, path, as(key(), body)), 404, 'not_found');
      }
    }
  });
});

describe('what a key may create or change', () => {
  it('never a key of the other mode, directly or through an admin', async () => {
    const direct = await server.call(
      'POST',
      '/api/v1/keys',
      as(server.merchant.test, { name: 'x', mode: 'live' }),
    );
    expectProblem(direct, 403, 'mode_mismatch');
    const viaAdmin = await server.call(
      'POST',
      `/api/v1/merchants/${server.merchantId}/keys`,
      as(server.admin.test, { name: 'x', mode: 'live' }),
    );
    expectProblem(viaAdmin, 403, 'mode_mismatch');
    const mine = await server.call('POST', '/api/v1/keys', as(server.merchant.test, { name: 'x' }));
    expect(mine.body.mode).toBe('test');
  });

  it('test keys never move real money, and never change the shared merchant', async () => {
    const real = await server.call(
      'POST',
      '/api/v1/payments',
      as(server.merchant.test, {
        external_id: 'order-real',
        flow: 'collection',
        amount: 100,
        currency: 'EUR',
        payer: '46733123459',
        provider: 'mtn',
      }),
    );
    expectProblem(real, 400, 'provider_not_in_test_mode');
    const routing = await server.call(
      'PUT',
      `/api/v1/merchants/${server.merchantId}/routing`,
      as(server.merchant.test, { currencies: { EUR: ['mtn'] } }),
    );
    expectProblem(routing, 400, 'invalid_routing');
    expectProblem(
      await server.call(
        'POST',
        '/api/v1/merchants',
        as(server.admin.test, { name: 'x', country: 'ZM', default_currency: 'ZMW' }),
      ),
      403,
      'live_key_required',
    );
    expectProblem(
      await server.call(
        'PATCH',
        `/api/v1/merchants/${server.merchantId}`,
        as(server.admin.test, { status: 'suspended' }),
      ),
      403,
      'live_key_required',
    );
    expect(
      (await server.call('GET', `/api/v1/merchants/${server.merchantId}`, as(server.admin.test))).body.status,
    ).toBe('active');
  });

  it('routing is kept per mode', async () => {
    const path = `/api/v1/merchants/${server.merchantId}/routing`;
    await server.call('PUT', path, as(server.merchant.test, { currencies: { EUR: ['sandbox'] } }));
    expect((await server.call('GET', path, as(server.merchant.live))).body.currencies).toEqual({});
    expect((await server.call('GET', path, as(server.merchant.test))).body.currencies).toEqual({
      EUR: ['sandbox'],
    });
  });

  it('one Idempotency-Key in two modes is two requests', async () => {
    const headers = { 'idempotency-key': `shared-${randomUUID()}` };
    const body = { name: 'same request' };
    const test = await server.call('POST', '/api/v1/keys', as(server.merchant.test, body, headers));
    const live = await server.call('POST', '/api/v1/keys', as(server.merchant.live, body, headers));
    expect(live.headers.get('idempotent-replayed')).toBeNull();
    expect([test.body.mode, live.body.mode]).toEqual(['test', 'live']);
    expect(live.body.id).not.toBe(test.body.id);
  });
});

describe('authority never grows', () => {
  const create = async (scopes: string[]) =>
    (await server.call('POST', '/api/v1/keys', as(server.merchant.live, { name: scopes.join('+'), scopes })))
      .body;

  it('rotating needs every scope of the key rotated; a rotated key has one successor', async () => {
    const manager = await create(['keys:manage']);
    const writer = await create(['payments:write']);
    const keysBefore = (await server.call('GET', '/api/v1/keys?limit=100', as(server.merchant.live))).body
      .data.length;
    expectProblem(
      await server.call('POST', `/api/v1/keys/${writer.id}/rotate`, as(manager.secret, {})),
      403,
      'insufficient_scope',
    );
    const after = (await server.call('GET', '/api/v1/keys?limit=100', as(server.merchant.live))).body.data
      .length;
    expect(after).toBe(keysBefore);
    const rotated = await server.call(
      'POST',
      `/api/v1/keys/${writer.id}/rotate`,
      as(server.merchant.live, {}),
    );
    expect(rotated.status).toBe(201);
    expectProblem(
      await server.call('POST', `/api/v1/keys/${writer.id}/rotate`, as(server.merchant.live, {})),
      409,
      'key_superseded',
    );
  });

  it('a replay is authorized again and never holds a secret', async () => {
    const manager = await create(['keys:manage']);
    const reader = await create(['payments:read']);
    const analyst = await create(['analytics:read']);
    const keyRequest = { name: 'deploy bot', scopes: ['payments:write'] };
    const keyHeaders = { 'idempotency-key': `create-${randomUUID()}` };
    const first = await server.call('POST', '/api/v1/keys', as(server.merchant.live, keyRequest, keyHeaders));
    expect(first.body.secret).toMatch(/^mk_live_/);
    expectProblem(
      await server.call('POST', '/api/v1/keys', as(reader.secret, keyRequest, keyHeaders)),
      403,
      'insufficient_scope',
    );
    expectProblem(
      await server.call('POST', '/api/v1/keys', as(manager.secret, keyRequest, keyHeaders)),
      403,
      'insufficient_scope',
    );
    const replay = await server.call(
      'POST',
      '/api/v1/keys',
      as(server.merchant.live, keyRequest, keyHeaders),
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, secret: null, secret_redacted: true });

    const hookRequest = { url: 'https://hooks.example.com/replayed', enabled_events: ['payment.failed'] };
    const hookHeaders = { 'idempotency-key': `hook-${randomUUID()}` };
    const hook = await server.call(
      'POST',
      '/api/v1/webhook-endpoints',
      as(server.merchant.live, hookRequest, hookHeaders),
    );
    expect(hook.body.secret).toMatch(/^whsec_/);
    expectProblem(
      await server.call('POST', '/api/v1/webhook-endpoints', as(analyst.secret, hookRequest, hookHeaders)),
      403,
      'insufficient_scope',
    );
    const hookReplay = await server.call(
      'POST',
      '/api/v1/webhook-endpoints',
      as(server.merchant.live, hookRequest, hookHeaders),
    );
    expect(hookReplay.body).toMatchObject({ id: hook.body.id, secret: null, secret_redacted: true });

    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM idempotency_keys WHERE strpos(response_body::text, $1) > 0 OR strpos(response_body::text, $2) > 0',
      [first.body.secret, hook.body.secret],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('a key never makes or renews a key that outlives it', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const shortLived = (
      await server.call(
        'POST',
        '/api/v1/keys',
        as(server.merchant.live, {
          name: 'short-lived',
          scopes: ['keys:manage', 'payments:read'],
          expires_at: inAnHour,
        }),
      )
    ).body;
    const made = await server.call(
      'POST',
      '/api/v1/keys',
      as(shortLived.secret, { name: 'child', scopes: ['payments:read'] }),
    );
    expect(made.status).toBe(201);
    expect(made.body.expires_at).toBe(shortLived.expires_at);
    const later = new Date(Date.now() + 7_200_000).toISOString();
    expectProblem(
      await server.call(
        'POST',
        '/api/v1/keys',
        as(shortLived.secret, { name: 'x', scopes: ['payments:read'], expires_at: later }),
      ),
      403,
      'expiry_not_allowed',
    );
    const forever = await create(['payments:read']);
    expectProblem(
      await server.call('POST', `/api/v1/keys/${forever.id}/rotate`, as(shortLived.secret, {})),
      403,
      'expiry_not_allowed',
    );
  });

  it('a rotated key in its grace period still calls the API but manages no keys', async () => {
    const old = await create(['keys:manage', 'payments:read']);
    expect(
      (await server.call('POST', `/api/v1/keys/${old.id}/rotate`, as(server.merchant.live, {}))).status,
    ).toBe(201);
    expect((await server.call('GET', '/api/v1/payments', as(old.secret))).status).toBe(200);
    expectProblem(
      await server.call(
        'POST',
        '/api/v1/keys',
        as(old.secret, { name: 'forever', scopes: ['payments:read'] }),
      ),
      403,
      'key_superseded',
    );
  });

  it('revoking needs every scope of the key revoked', async () => {
    const manager = await create(['keys:manage']);
    const full = await create(['keys:manage', 'payments:write']);
    expectProblem(
      await server.call('POST', `/api/v1/keys/${full.id}/revoke`, as(manager.secret)),
      403,
      'insufficient_scope',
    );
    expect((await server.call('GET', '/api/v1/whoami', as(full.secret))).status).toBe(200);
  });
});
