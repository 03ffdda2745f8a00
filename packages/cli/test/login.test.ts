import { join } from 'node:path';
import { MolamAuthenticationError } from '@molam/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as login } from '../src/commands/login.js';
import { run as logout } from '../src/commands/logout.js';
import { readConfig, updateProfile } from '../src/config/file.js';
import { UsageError } from '../src/errors.js';
import { fakeClient, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';
import { SECRET } from './helpers/fixtures.js';

const WHOAMI = {
  key_id: 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  user_id: null,
  merchant_id: 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  mode: 'test',
  scopes: ['payments:read'],
} as const;

describe('molam login / logout', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
  });
  afterEach(() => dir.cleanup());

  const whoamiClient = () => fakeClient({ whoami: async () => ({ ...WHOAMI, scopes: [...WHOAMI.scopes] }) });

  it('verifies a key piped with --with-token, then stores it with the base URL it was verified against', async () => {
    const deps = fakeDeps({ client: whoamiClient() });
    const io = fakeIO({ env, stdin: `${SECRET}\n` });
    await login(
      { json: false, withToken: true, profile: 'ops', baseUrl: 'https://api.molam.test' },
      io,
      deps,
    );
    expect(deps.clientOptions).toEqual([{ apiKey: SECRET, baseUrl: 'https://api.molam.test' }]);
    expect((await readConfig(io)).profiles.ops).toEqual({
      api_key: SECRET,
      base_url: 'https://api.molam.test',
    });
    expect(io.err()).toContain('mk_test_ab12…');
    expect(io.out() + io.err()).not.toContain(SECRET);
  });

  it('asks with a hidden prompt on a terminal and prints JSON without the secret', async () => {
    const deps = fakeDeps({ client: whoamiClient(), answers: { secret: [SECRET] } });
    const io = fakeIO({ env, stdinTTY: true });
    await login({ json: true, withToken: false }, io, deps);
    expect(deps.questions).toEqual(['Paste the API key:']);
    expect(JSON.parse(io.out())).toEqual({
      profile: 'default',
      base_url: 'http://localhost:8080',
      api_key: 'mk_test_ab12…',
      ...WHOAMI,
    });
    expect(io.err()).toBe('');
  });

  it('uses MOLAM_API_KEY when set, and refuses without a terminal otherwise', async () => {
    const deps = fakeDeps({ client: whoamiClient() });
    await login({ json: false, withToken: false }, fakeIO({ env: { ...env, MOLAM_API_KEY: SECRET } }), deps);
    expect(deps.clientOptions[0]?.apiKey).toBe(SECRET);
    await expect(
      login({ json: false, withToken: false }, fakeIO({ env }), fakeDeps()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      login({ json: false, withToken: true }, fakeIO({ env, stdin: '  ' }), fakeDeps()),
    ).rejects.toThrow(/No API key/);
  });

  it('stores nothing when the API refuses the key', async () => {
    const refused = new MolamAuthenticationError({
      status: 401,
      code: 'invalid_api_key',
      title: 'Invalid api key',
    });
    const deps = fakeDeps({ client: fakeClient({ whoami: async () => Promise.reject(refused) }) });
    const io = fakeIO({ env, stdin: SECRET });
    await expect(login({ json: false, withToken: true }, io, deps)).rejects.toBe(refused);
    expect((await readConfig(io)).profiles).toEqual({});
  });

  it('logout removes only the key and says so', async () => {
    const io = fakeIO({ env });
    await updateProfile(io, 'default', () => ({ api_key: SECRET, base_url: 'http://a.test' }));
    const deps = fakeDeps({ client: fakeClient({}) });
    await logout({ json: true }, io, deps);
    expect(JSON.parse(io.out())).toEqual({ profile: 'default', logged_out: true, token_revoked: false });
    expect((await readConfig(io)).profiles.default).toEqual({ base_url: 'http://a.test' });
    // An API key is only forgotten: nothing is sent to the server.
    expect(deps.clientOptions).toEqual([]);
    const again = fakeIO({ env });
    await logout({ json: false }, again, deps);
    expect(again.err()).toContain('nothing to do');
  });

  describe('logout of a user token', () => {
    const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl';
    const stored = async (io: ReturnType<typeof fakeIO>) => (await readConfig(io)).profiles.payer?.api_key;
    const withToken = async () => {
      const io = fakeIO({ env });
      await updateProfile(io, 'payer', () => ({ api_key: TOKEN, base_url: 'http://a.test' }));
      return io;
    };

    it('treats a token the server no longer takes as logged out already', async () => {
      const io = await withToken();
      const expired = new MolamAuthenticationError({
        status: 401,
        code: 'invalid_user_token',
        title: 'Unauthorized',
        detail: 'The Molam ID token is not valid: it has expired.',
      });
      const deps = fakeDeps({
        client: fakeClient({ auth: { logout: async () => Promise.reject(expired) } }),
      });
      await logout({ json: false, profile: 'payer' }, io, deps);
      expect(io.err()).toContain('the server takes it no more');
      expect(await stored(io)).toBeUndefined();
    });

    it('keeps the token when the server cannot be reached, and forgets it with --local', async () => {
      const io = await withToken();
      const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'connection_error' });
      const deps = fakeDeps({ client: fakeClient({ auth: { logout: async () => Promise.reject(down) } }) });
      await expect(logout({ json: false, profile: 'payer' }, io, deps)).rejects.toMatchObject({
        code: 'revocation_failed',
      });
      expect(await stored(io)).toBe(TOKEN);
      await logout({ json: true, profile: 'payer', local: true }, io, deps);
      expect(JSON.parse(io.out())).toEqual({ profile: 'payer', logged_out: true, token_revoked: false });
      expect(await stored(io)).toBeUndefined();
    });
  });
});
