import type { ApiKeyCreateParams, PaymentCreateParams, RequestOptions } from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import type { Whoami } from '../src/api/client.js';
import { REJECTED_MSISDN, SUCCEEDING_MSISDN, triggerPlan } from '../src/commands/webhooks/trigger.js';
import { main } from '../src/main.js';
import { fakeClient, fakeClock, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';
import {
  apiKey,
  apiKeyWithSecret,
  KEY_ID,
  MERCHANT_ID,
  merchant,
  PAYMENT_ID,
  payment,
  record,
  SECRET,
} from './helpers/fixtures.js';

const env = {
  MOLAM_API_KEY: SECRET,
  MOLAM_BASE_URL: 'http://api.test',
  MOLAM_CONFIG_DIR: '/nonexistent/molam',
};

function whoami(overrides: Partial<Whoami> = {}): Whoami {
  return {
    key_id: KEY_ID,
    user_id: null,
    merchant_id: MERCHANT_ID,
    mode: 'test',
    scopes: ['payments:write', 'keys:manage'],
    ...overrides,
  };
}

function paymentClient(currency = 'ZMW') {
  const created: [PaymentCreateParams, RequestOptions | undefined][] = [];
  const client = fakeClient({
    whoami: async () => whoami(),
    merchants: { get: async () => merchant({ default_currency: currency }) },
    payments: {
      create: async (body, opts) =>
        record(created, [body, opts], payment({ amount: body.amount, currency: body.currency })),
    },
  });
  return { client, created };
}

describe('triggerPlan', () => {
  it('maps each event type to what makes it happen', () => {
    expect(triggerPlan('payment.created')).toEqual({
      kind: 'payment',
      payer: SUCCEEDING_MSISDN,
      events: ['payment.created', 'payment.succeeded'],
    });
    expect(triggerPlan('payment.succeeded')).toMatchObject({ kind: 'payment', payer: SUCCEEDING_MSISDN });
    expect(triggerPlan('payment.failed')).toEqual({
      kind: 'payment',
      payer: '46733123451',
      events: ['payment.created', 'payment.failed'],
    });
    expect(triggerPlan('api_key.created')).toEqual({
      kind: 'api_key',
      revoke: false,
      events: ['api_key.created'],
    });
    expect(triggerPlan('api_key.revoked')).toEqual({
      kind: 'api_key',
      revoke: true,
      events: ['api_key.created', 'api_key.revoked'],
    });
    expect(() => triggerPlan('webhook_endpoint.disabled')).toThrow(/cannot be triggered/);
    expect(() => triggerPlan('payment.refunded')).toThrow(/Unknown event type/);
  });
});

describe('molam webhooks trigger', () => {
  it('payment.succeeded creates a sandbox collection in the merchant currency that succeeds', async () => {
    const { client, created } = paymentClient();
    const io = fakeIO({ env });
    expect(await main(['webhooks', 'trigger', 'payment.succeeded'], io, fakeDeps({ client }))).toBe(0);
    expect(created).toHaveLength(1);
    const [body, opts] = created[0] ?? [];
    expect(body).toMatchObject({
      flow: 'collection',
      amount: 1000,
      currency: 'ZMW',
      payer: SUCCEEDING_MSISDN,
      provider: 'sandbox',
      metadata: { molam_trigger: 'payment.succeeded' },
    });
    expect(opts?.idempotencyKey).toBe(body?.external_id);
    expect(io.out()).toContain(
      `created  payment ${PAYMENT_ID} (collection of 10.00 ZMW from ${SUCCEEDING_MSISDN}, sandbox)`,
    );
    expect(io.out()).toContain('events   payment.created, payment.succeeded');
    expect(io.err()).toContain(`settles payment ${PAYMENT_ID}`);
  });

  it('payment.failed pays from the number the sandbox rejects; amounts follow the currency', async () => {
    const { client, created } = paymentClient('XOF');
    const io = fakeIO({ env });
    expect(await main(['--json', 'webhooks', 'trigger', 'payment.failed'], io, fakeDeps({ client }))).toBe(0);
    expect(created[0]?.[0]).toMatchObject({ payer: REJECTED_MSISDN, amount: 10, currency: 'XOF' });
    expect(JSON.parse(io.out())).toEqual({
      object: 'trigger',
      type: 'payment.failed',
      events: ['payment.created', 'payment.failed'],
      created: [expect.objectContaining({ id: PAYMENT_ID })],
    });
  });

  it('api_key.created creates a short-lived test key, does not revoke it, and never prints its secret', async () => {
    const created: ApiKeyCreateParams[] = [];
    const client = fakeClient({
      whoami: async () => whoami(),
      keys: {
        create: async (body) =>
          record(created, body, apiKeyWithSecret({ expires_at: body.expires_at ?? null })),
      },
    });
    const clock = fakeClock(Date.parse('2027-01-01T00:00:00.000Z'));
    const io = fakeIO({ env });
    expect(await main(['webhooks', 'trigger', 'api_key.created'], io, fakeDeps({ client, clock }))).toBe(0);
    expect(created).toEqual([
      {
        name: 'molam webhooks trigger api_key.created',
        mode: 'test',
        scopes: ['payments:read'],
        expires_at: '2027-01-01T01:00:00.000Z',
      },
    ]);
    expect(io.err()).toContain(`stays active until it expires in an hour (molam keys revoke ${KEY_ID} --yes`);
    expect(io.out() + io.err()).not.toContain(SECRET.slice(12));

    const json = fakeIO({ env });
    await main(['--json', 'webhooks', 'trigger', 'api_key.created'], json, fakeDeps({ client, clock }));
    expect(JSON.parse(json.out()).created[0]).not.toHaveProperty('secret');
  });

  it('api_key.revoked creates a key, then revokes it', async () => {
    const revoked: string[] = [];
    const client = fakeClient({
      whoami: async () => whoami(),
      keys: {
        create: async () => apiKeyWithSecret(),
        revoke: async (id) => record(revoked, id, apiKey({ status: 'revoked' })),
      },
    });
    const io = fakeIO({ env });
    expect(await main(['webhooks', 'trigger', 'api_key.revoked'], io, fakeDeps({ client }))).toBe(0);
    expect(revoked).toEqual([KEY_ID]);
    expect(io.err()).toContain(`Created and revoked key ${KEY_ID}.`);
  });

  it('refuses a live key before sending anything (exit 2)', async () => {
    const deps = fakeDeps();
    const io = fakeIO({ env: { ...env, MOLAM_API_KEY: 'mk_live_ab12cd34EFGH5678ijkl9012MNOP3456' } });
    expect(await main(['webhooks', 'trigger', 'payment.succeeded'], io, deps)).toBe(2);
    expect(io.err()).toContain('only runs with a test key');
    expect(io.out()).toBe('');
  });

  it('refuses when the API says the key is live, or has no merchant (exit 2)', async () => {
    const live = fakeClient({ whoami: async () => whoami({ mode: 'live' }) });
    expect(
      await main(['webhooks', 'trigger', 'payment.succeeded'], fakeIO({ env }), fakeDeps({ client: live })),
    ).toBe(2);
    const admin = fakeClient({ whoami: async () => whoami({ merchant_id: null, scopes: ['admin'] }) });
    const io = fakeIO({ env });
    expect(
      await main(['--json', 'webhooks', 'trigger', 'api_key.created'], io, fakeDeps({ client: admin })),
    ).toBe(2);
    expect(JSON.parse(io.err()).error.code).toBe('merchant_key_required');
  });

  it('does not offer webhook_endpoint.disabled (exit 2)', async () => {
    const io = fakeIO({ env });
    expect(await main(['webhooks', 'trigger', 'webhook_endpoint.disabled'], io, fakeDeps())).toBe(2);
    expect(io.err()).toContain('webhook_endpoint.disabled');
  });
});
