import { join } from 'node:path';
import type { ApiKeyCreateParams, ApiKeyRotateParams, ListParams, RequestOptions } from '@molam/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as createKey } from '../src/commands/keys/create.js';
import { run as listKeys } from '../src/commands/keys/list.js';
import { run as revokeKey } from '../src/commands/keys/revoke.js';
import { run as rotateKey } from '../src/commands/keys/rotate.js';
import { updateProfile } from '../src/config/file.js';
import { CliError, UsageError } from '../src/errors.js';
import { fakeClient, fakeDeps, pagesOf } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';
import { apiKey, apiKeyWithSecret, KEY_ID, record, SECRET } from './helpers/fixtures.js';

describe('molam keys', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  const base = { json: false, name: undefined, admin: false } as const;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
    await updateProfile(fakeIO({ env }), 'default', () => ({
      api_key: 'mk_test_profileKEYprofileKEY',
      base_url: 'http://api.test',
    }));
  });
  afterEach(() => dir.cleanup());

  it('creates a key from flags and prints its secret once', async () => {
    const calls: [ApiKeyCreateParams, RequestOptions | undefined][] = [];
    const client = fakeClient({
      keys: { create: async (body, opts) => record(calls, [body, opts], apiKeyWithSecret()) },
    });
    const deps = fakeDeps({ client });
    const io = fakeIO({ env });
    const flags = {
      mode: 'live',
      scope: ['payments:read'],
      expiresAt: '2027-01-01T00:00:00.000Z',
      idempotencyKey: 'retry-me-123',
    } as const;
    await createKey({ ...base, ...flags, name: 'ci', scope: [...flags.scope] }, io, deps);
    expect(calls).toEqual([
      [
        { name: 'ci', mode: 'live', scopes: ['payments:read'], expires_at: '2027-01-01T00:00:00.000Z' },
        { idempotencyKey: 'retry-me-123' },
      ],
    ]);
    expect(deps.clientOptions).toEqual([
      { apiKey: 'mk_test_profileKEYprofileKEY', baseUrl: 'http://api.test' },
    ]);
    expect(io.out()).toContain(`secret    ${SECRET}`);
    expect(io.err()).toContain('not shown again');
  });

  it('asks for a missing name on a terminal, and is a usage error without one', async () => {
    const client = fakeClient({ keys: { create: async () => apiKeyWithSecret() } });
    const deps = fakeDeps({ client, answers: { text: ['from prompt'] } });
    await createKey({ ...base, json: true }, fakeIO({ env, stdinTTY: true }), deps);
    expect(deps.questions).toEqual(['Key name:']);
    await expect(createKey(base, fakeIO({ env }), fakeDeps({ client }))).rejects.toBeInstanceOf(UsageError);
  });

  it('is a usage error, before any request, when no key is configured', async () => {
    const deps = fakeDeps();
    const attempt = listKeys({ json: false, all: false, profile: 'nobody' }, fakeIO({ env }), deps);
    await expect(attempt).rejects.toMatchObject({ code: 'not_logged_in' });
    expect(deps.clientOptions).toEqual([]);
  });

  it('lists one page as TSV when piped, with a hint about the next page', async () => {
    const seen: (ListParams | undefined)[] = [];
    const client = fakeClient({
      keys: { list: (params) => record(seen, params, pagesOf([[apiKey()], [apiKey({ id: 'key_2' })]])) },
    });
    const io = fakeIO({ env });
    await listKeys({ json: false, all: false, limit: 1 }, io, fakeDeps({ client }));
    expect(seen).toEqual([{ limit: 1 }]);
    expect(io.out().trim().split('\t')).toEqual([
      KEY_ID,
      'checkout backend',
      'test',
      'mk_test_ab12cd34…',
      'payments:read,payments:write',
      'active',
      '-',
      '2026-11-22T09:30:00.000Z',
    ]);
    expect(io.err()).toContain('--starting-after 1');
  });

  it('walks every page with --all and prints one list as JSON', async () => {
    const client = fakeClient({ keys: { list: () => pagesOf([[apiKey()], [apiKey({ id: 'key_2' })]]) } });
    const io = fakeIO({ env });
    await listKeys({ json: true, all: true }, io, fakeDeps({ client }));
    const page = JSON.parse(io.out());
    expect(page).toMatchObject({ object: 'list', has_more: false, next_cursor: null });
    expect(page.data.map((key: { id: string }) => key.id)).toEqual([KEY_ID, 'key_2']);
    expect(io.err()).toBe('');
  });

  it('draws a table on a terminal', async () => {
    const client = fakeClient({ keys: { list: () => pagesOf([[apiKey()]]) } });
    const io = fakeIO({ env, stdoutTTY: true });
    await listKeys({ json: false, all: false }, io, fakeDeps({ client }));
    expect(io.out()).toMatch(/┌.*┐/);
    expect(io.out()).toContain('LAST USED');
  });

  describe('revoke', () => {
    const revoked: string[] = [];
    const client = fakeClient({
      keys: { revoke: async (id) => record(revoked, id, apiKey({ status: 'revoked' })) },
    });
    beforeEach(() => void revoked.splice(0));

    it('refuses without --yes when nobody can confirm, sending nothing', async () => {
      const attempt = revokeKey(
        { json: false, keyId: KEY_ID, yes: false },
        fakeIO({ env }),
        fakeDeps({ client }),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'confirmation_required' });
      expect(revoked).toEqual([]);
    });

    it('asks on a terminal and stops when the answer is no', async () => {
      const deps = fakeDeps({ client, answers: { confirm: [false] } });
      const attempt = revokeKey(
        { json: false, keyId: KEY_ID, yes: false },
        fakeIO({ env, stdinTTY: true }),
        deps,
      );
      await expect(attempt).rejects.toMatchObject({ code: 'cancelled' });
      await expect(attempt).rejects.toBeInstanceOf(CliError);
      expect(deps.questions[0]).toContain(KEY_ID);
      expect(revoked).toEqual([]);
    });

    it('revokes with --yes', async () => {
      const io = fakeIO({ env });
      await revokeKey({ json: false, keyId: KEY_ID, yes: true }, io, fakeDeps({ client }));
      expect(revoked).toEqual([KEY_ID]);
      expect(io.err()).toContain(`Revoked key ${KEY_ID}`);
      expect(io.out()).toBe('');
    });
  });

  it('rotates with a grace period and prints the new secret and when the old one stops', async () => {
    const bodies: (ApiKeyRotateParams | undefined)[] = [];
    const rotated = apiKeyWithSecret({ replaces: { id: KEY_ID, expires_at: '2026-11-22T10:30:00.000Z' } });
    const client = fakeClient({ keys: { rotate: async (_id, body) => record(bodies, body, rotated) } });
    const io = fakeIO({ env });
    await rotateKey({ json: false, keyId: KEY_ID, gracePeriod: 3600, yes: true }, io, fakeDeps({ client }));
    await rotateKey(
      { json: true, keyId: KEY_ID, gracePeriod: undefined, yes: true },
      fakeIO({ env }),
      fakeDeps({ client }),
    );
    expect(bodies).toEqual([{ grace_period_seconds: 3600 }, undefined]);
    expect(io.out()).toContain(SECRET);
    expect(io.err()).toContain('keeps working until 2026-11-22T10:30:00.000Z');
  });
});
