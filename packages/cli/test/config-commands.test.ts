import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as getSetting } from '../src/commands/config/get.js';
import { run as listProfiles } from '../src/commands/config/list.js';
import { run as setSetting } from '../src/commands/config/set.js';
import { configPath } from '../src/config/dir.js';
import { CliError, UsageError } from '../src/errors.js';
import { fakeDeps } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';
import { SECRET } from './helpers/fixtures.js';

describe('molam config', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
  });
  afterEach(() => dir.cleanup());

  const stored = async () => JSON.parse(await readFile(configPath(fakeIO({ env })), 'utf8'));

  it('sets base_url from the argument, normalised', async () => {
    await setSetting(
      { json: false, profile: 'ops', name: 'base_url', value: 'https://api.molam.test/' },
      fakeIO({ env }),
      fakeDeps(),
    );
    expect(await stored()).toEqual({ profiles: { ops: { base_url: 'https://api.molam.test' } } });
  });

  it('refuses an API key on the command line and stores nothing', async () => {
    const io = fakeIO({ env });
    const attempt = setSetting({ json: false, name: 'api_key', value: SECRET }, io, fakeDeps());
    await expect(attempt).rejects.toMatchObject({ code: 'secret_in_arguments' });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(readFile(configPath(io), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('reads api_key from a pipe, or from a hidden prompt on a terminal', async () => {
    await setSetting(
      { json: false, name: 'api_key', value: undefined },
      fakeIO({ env, stdin: `${SECRET}\n` }),
      fakeDeps(),
    );
    expect((await stored()).profiles.default.api_key).toBe(SECRET);

    const deps = fakeDeps({ answers: { secret: ['mk_test_fromPromptfromPrompt'] } });
    const io = fakeIO({ env, stdinTTY: true });
    await setSetting({ json: true, name: 'api_key', value: undefined }, io, deps);
    expect(deps.questions).toEqual(['Paste the API key:']);
    expect((await stored()).profiles.default.api_key).toBe('mk_test_fromPromptfromPrompt');
    expect(JSON.parse(io.out())).toEqual({ profile: 'default', name: 'api_key', value: 'mk_test_from…' });
  });

  it('rejects unknown settings and a missing base_url without a terminal', async () => {
    await expect(
      setSetting({ json: false, name: 'colour', value: 'red' }, fakeIO({ env }), fakeDeps()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      setSetting({ json: false, name: 'base_url', value: undefined }, fakeIO({ env }), fakeDeps()),
    ).rejects.toThrow(/Missing required/);
  });

  it('gets values with the key masked, and fails when one is not set', async () => {
    await setSetting(
      { json: false, name: 'api_key', value: undefined },
      fakeIO({ env, stdin: SECRET }),
      fakeDeps(),
    );
    const io = fakeIO({ env });
    await getSetting({ json: false, name: 'api_key' }, io);
    expect(io.out()).toBe('mk_test_ab12…\n');
    await expect(getSetting({ json: false, name: 'base_url' }, fakeIO({ env }))).rejects.toBeInstanceOf(
      CliError,
    );
  });

  it('notes on stderr when the environment overrides the stored value', async () => {
    await setSetting({ json: false, name: 'base_url', value: 'http://a.test' }, fakeIO({ env }), fakeDeps());
    const io = fakeIO({ env: { ...env, MOLAM_BASE_URL: 'http://b.test' } });
    await getSetting({ json: false, name: 'base_url' }, io);
    expect(io.out()).toBe('http://a.test\n');
    expect(io.err()).toContain('MOLAM_BASE_URL is set');
  });

  it('lists every profile with keys masked and the selected one marked', async () => {
    await setSetting(
      { json: false, name: 'api_key', value: undefined },
      fakeIO({ env, stdin: SECRET }),
      fakeDeps(),
    );
    await setSetting(
      { json: false, profile: 'ops', name: 'base_url', value: 'http://ops.test' },
      fakeIO({ env }),
      fakeDeps(),
    );
    const io = fakeIO({ env: { ...env, MOLAM_PROFILE: 'ops' } });
    await listProfiles({ json: true }, io);
    expect(JSON.parse(io.out())).toEqual({
      path: configPath(io),
      active_profile: 'ops',
      profiles: [
        { name: 'default', active: false, api_key: 'mk_test_ab12…', base_url: null },
        { name: 'ops', active: true, api_key: null, base_url: 'http://ops.test' },
      ],
    });
    const text = fakeIO({ env });
    await listProfiles({ json: false }, text);
    expect(text.out()).toBe('*\tdefault\tmk_test_ab12…\t-\n\tops\t-\thttp://ops.test\n');
    expect(text.out() + text.err()).not.toContain(SECRET);
  });
});
