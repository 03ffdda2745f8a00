import { describe, expect, it } from 'vitest';
import { createMolam, type MolamOptions } from '../src/index.js';
import { MERCHANT_ID, testMolam } from './support.js';

describe('createMolam options', () => {
  it('accepts no options at all (health only) and full options', () => {
    expect(createMolam().health).toBeTypeOf('function');
    const molam = createMolam({
      apiKey: 'mk_test_abc',
      baseUrl: 'https://gateway.example/molam/',
      timeoutMs: 5000,
      maxRetries: 0,
      fetch: globalThis.fetch,
      backoff: { baseMs: 100, capMs: 1000, random: Math.random, sleep: async () => {} },
    });
    expect(Object.keys(molam).sort()).toEqual([
      'accounts',
      'aggregates',
      'analytics',
      'auth',
      'client',
      'customers',
      'events',
      'health',
      'keys',
      'merchants',
      'notifications',
      'payEntry',
      'payments',
      'transactionEvents',
      'transfers',
      'webhookEndpoints',
      'webhooks',
      'whoami',
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['options', 'mk_test_abc', /options must be an object/],
    ['apiKey', { apiKey: '' }, /`apiKey`/],
    ['apiKey', { apiKey: 42 }, /`apiKey`/],
    ['apiKey', { apiKey: 'mk_test abc' }, /`apiKey`.*spaces/],
    ['baseUrl', { baseUrl: 'localhost:8080' }, /`baseUrl`/],
    ['baseUrl', { baseUrl: 'ftp://files.example' }, /`baseUrl`/],
    ['baseUrl', { baseUrl: 'https://user:pw@api.example' }, /`baseUrl`/],
    ['baseUrl', { baseUrl: 'https://api.example/?x=1' }, /`baseUrl`/],
    ['timeoutMs', { timeoutMs: 0 }, /`timeoutMs`/],
    ['timeoutMs', { timeoutMs: '30s' }, /`timeoutMs`/],
    ['timeoutMs', { timeoutMs: 2 ** 31 }, /`timeoutMs`/],
    ['maxRetries', { maxRetries: -1 }, /`maxRetries`/],
    ['maxRetries', { maxRetries: 1.5 }, /`maxRetries`/],
    ['maxRetries', { maxRetries: 11 }, /`maxRetries`/],
    ['fetch', { fetch: 'fetch' }, /`fetch`/],
    ['backoff', { backoff: { baseMs: -1 } }, /`backoff.baseMs`/],
    ['backoff', { backoff: { sleep: 1 } }, /`backoff.sleep`/],
    ['backoff', { backoff: { jitter: true } }, /unknown option `jitter`/],
    ['unknown', { apikey: 'mk_test_abc' }, /unknown option `apikey`/],
  ])('names the bad option: %s', (_name, options, message) => {
    expect(() => createMolam(options as MolamOptions)).toThrow(TypeError);
    expect(() => createMolam(options as MolamOptions)).toThrow(message);
  });
});

describe('request options', () => {
  it.each<[unknown, RegExp]>([
    [{ idempotencyKey: 'short' }, /`idempotencyKey`/],
    [{ idempotencyKey: 'has a space in it' }, /`idempotencyKey`/],
    [{ idempotencyKey: 'x'.repeat(256) }, /`idempotencyKey`/],
    [{ signal: {} }, /`signal`/],
    [{ timeoutMs: -5 }, /`timeoutMs`/],
    [{ maxRetries: 'two' }, /`maxRetries`/],
    [{ retries: 2 }, /unknown option `retries`/],
  ])('rejects %o naming the option and the method', async (opts, message) => {
    const { molam } = testMolam({ fetch: () => Promise.reject(new Error('must not be sent')) });
    const call = molam.merchants.get(MERCHANT_ID, opts as never);
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(/^merchants\.get: /);
    await expect(call).rejects.toThrow(message);
  });

  it('rejects bad list parameters', async () => {
    const { molam } = testMolam({ fetch: () => Promise.reject(new Error('must not be sent')) });
    await expect(molam.merchants.list({ limit: '5' } as never)).rejects.toThrow(/`limit`/);
    await expect(molam.keys.list({ cursor: 'x' } as never)).rejects.toThrow(
      /unknown list parameter `cursor`/,
    );
  });
});
