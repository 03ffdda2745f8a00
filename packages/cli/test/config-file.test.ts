import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDir, configPath } from '../src/config/dir.js';
import { readConfig, updateProfile, writeConfig } from '../src/config/file.js';
import { CliError } from '../src/errors.js';
import { type FakeIO, fakeIO, tempDir } from './helpers/fake-io.js';

describe('configDir', () => {
  const at = (platform: NodeJS.Platform, env: Record<string, string> = {}) =>
    configDir({ env, platform, homeDir: '/home/ada' });

  it('prefers MOLAM_CONFIG_DIR, then XDG_CONFIG_HOME', () => {
    expect(at('linux', { MOLAM_CONFIG_DIR: '/etc/m', XDG_CONFIG_HOME: '/x' })).toBe('/etc/m');
    expect(at('darwin', { XDG_CONFIG_HOME: '/x' })).toBe('/x/molam');
  });

  it("uses each platform's per-user settings folder", () => {
    expect(at('linux')).toBe('/home/ada/.config/molam');
    expect(at('darwin')).toBe('/home/ada/Library/Preferences/molam');
    expect(at('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\molam',
    );
  });

  it('names config.json inside it', () => {
    expect(configPath({ env: {}, platform: 'linux', homeDir: '/home/ada' })).toBe(
      '/home/ada/.config/molam/config.json',
    );
  });
});

describe('config file', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let io: FakeIO;

  beforeEach(async () => {
    dir = await tempDir();
    io = fakeIO({ env: { MOLAM_CONFIG_DIR: join(dir.path, 'molam') } });
  });
  afterEach(() => dir.cleanup());

  it('reads as empty when there is no file yet', async () => {
    expect(await readConfig(io)).toEqual({ profiles: {} });
  });

  it('writes the file with mode 0600 in a folder with mode 0700, leaving no temporary file', async () => {
    const path = await writeConfig(io, { profiles: { default: { base_url: 'http://localhost:8080' } } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir.path, 'molam'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(dir.path, 'molam'))).toEqual(['config.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      profiles: { default: { base_url: 'http://localhost:8080' } },
    });
  });

  it('tightens a file that was readable by others when it rewrites it', async () => {
    const path = await writeConfig(io, { profiles: {} });
    await writeFile(path, '{"profiles":{}}', { mode: 0o644 });
    await updateProfile(io, 'default', () => ({ api_key: 'mk_test_x' }));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('changes one profile and drops it once it is empty', async () => {
    await updateProfile(io, 'a', () => ({ api_key: 'mk_test_a', base_url: 'http://a' }));
    await updateProfile(io, 'b', () => ({ base_url: 'http://b' }));
    await updateProfile(io, 'a', ({ api_key: _gone, ...rest }) => rest);
    expect(await readConfig(io)).toEqual({
      profiles: { a: { base_url: 'http://a' }, b: { base_url: 'http://b' } },
    });
    await updateProfile(io, 'b', () => ({}));
    expect(Object.keys((await readConfig(io)).profiles)).toEqual(['a']);
  });

  it('names the file when it is not JSON, and ignores unknown settings', async () => {
    const path = configPath(io);
    await writeConfig(io, { profiles: {} });
    await writeFile(path, '{"profiles":{"p":{"api_key":"k","colour":"red","base_url":7}}}');
    expect(await readConfig(io)).toEqual({ profiles: { p: { api_key: 'k' } } });
    await writeFile(path, 'not json');
    const error = await readConfig(io).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain(path);
  });
});
