import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateProfile } from '../src/config/file.js';
import { resolveSettings } from '../src/config/settings.js';
import { UsageError } from '../src/errors.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';

describe('resolveSettings', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string | undefined>;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
    const io = fakeIO({ env });
    await updateProfile(io, 'default', () => ({
      api_key: 'mk_test_default',
      base_url: 'http://default.test',
    }));
    await updateProfile(io, 'ops', () => ({ api_key: 'mk_test_ops', base_url: 'http://ops.test/' }));
  });
  afterEach(() => dir.cleanup());

  it('reads the default profile', async () => {
    expect(await resolveSettings({ json: false }, fakeIO({ env }))).toEqual({
      profile: 'default',
      apiKey: 'mk_test_default',
      apiKeySource: 'profile',
      baseUrl: 'http://default.test',
      baseUrlSource: 'profile',
    });
  });

  it('takes the profile from --profile over MOLAM_PROFILE', async () => {
    const io = fakeIO({ env: { ...env, MOLAM_PROFILE: 'ops' } });
    expect((await resolveSettings({ json: false }, io)).apiKey).toBe('mk_test_ops');
    expect((await resolveSettings({ json: false, profile: 'default' }, io)).apiKey).toBe('mk_test_default');
  });

  it('lets the environment win over the file, and --base-url over both', async () => {
    const io = fakeIO({ env: { ...env, MOLAM_API_KEY: 'mk_test_env', MOLAM_BASE_URL: 'https://env.test' } });
    const fromEnv = await resolveSettings({ json: false }, io);
    expect(fromEnv).toMatchObject({
      apiKey: 'mk_test_env',
      apiKeySource: 'MOLAM_API_KEY',
      baseUrl: 'https://env.test',
    });
    const fromFlag = await resolveSettings({ json: false, baseUrl: 'https://flag.test/' }, io);
    expect(fromFlag).toMatchObject({ baseUrl: 'https://flag.test', baseUrlSource: '--base-url' });
  });

  it('falls back to localhost:8080 and no key for an unknown profile', async () => {
    expect(await resolveSettings({ json: false, profile: 'fresh' }, fakeIO({ env }))).toMatchObject({
      apiKey: undefined,
      baseUrl: 'http://localhost:8080',
      baseUrlSource: 'default',
    });
  });

  it('refuses bad profile names and bad URLs as usage errors', async () => {
    await expect(resolveSettings({ json: false, profile: '../etc' }, fakeIO({ env }))).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(resolveSettings({ json: false, baseUrl: 'ftp://x' }, fakeIO({ env }))).rejects.toThrow(
      /http/,
    );
    await expect(resolveSettings({ json: false, baseUrl: 'https://u:p@x' }, fakeIO({ env }))).rejects.toThrow(
      /credentials/,
    );
  });
});
