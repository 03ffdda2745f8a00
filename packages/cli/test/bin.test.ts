import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { tempDir } from './helpers/fake-io.js';
import { assertBuilt, runBin } from './helpers/run-bin.js';

const KEY = 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456';

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('the built molam binary', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
  });
  afterEach(() => dir.cleanup());

  it('prints its version', async () => {
    expect(await runBin(['--version'])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('lists every command in --help', async () => {
    const { code, stdout } = await runBin(['--help']);
    expect(code).toBe(0);
    for (const command of [
      'login',
      'logout',
      'config',
      'keys',
      'merchants',
      'webhooks',
      'events',
      'migrate',
      'server',
      'health',
      'completion',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('exits 2 on usage errors and says why on stderr only', async () => {
    const unknown = await runBin(['frobnicate'], { env });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badValue = await runBin(['server', 'start', '--role', 'boss'], { env });
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('Allowed choices are all, api, worker, relay, consumer');
  });

  it('in --json mode writes nothing to stdout on failure and one JSON object to stderr', async () => {
    const notLoggedIn = await runBin(['keys', 'list', '--json'], { env });
    expect(notLoggedIn).toMatchObject({ code: 2, stdout: '' });
    expect(JSON.parse(notLoggedIn.stderr).error).toMatchObject({ code: 'not_logged_in', status: null });

    const port = await closedPort();
    const unreachable = await runBin(['--json', 'merchants', 'list'], {
      env: { ...env, MOLAM_API_KEY: KEY, MOLAM_BASE_URL: `http://127.0.0.1:${port}` },
    });
    expect(unreachable).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(unreachable.stderr).error).toMatchObject({ code: 'connection_error', status: 0 });
    expect(unreachable.stderr).not.toContain(KEY);
  });

  it('writes the config file with mode 0600 and keeps keys off the command line', async () => {
    expect((await runBin(['config', 'set', 'base_url', 'http://127.0.0.1:9'], { env })).code).toBe(0);
    expect((await runBin(['config', 'set', 'api_key'], { env, input: `${KEY}\n` })).code).toBe(0);
    const path = join(env.MOLAM_CONFIG_DIR ?? '', 'config.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(env.MOLAM_CONFIG_DIR ?? '')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      profiles: { default: { api_key: KEY, base_url: 'http://127.0.0.1:9' } },
    });

    expect(await runBin(['config', 'get', 'api_key'], { env })).toMatchObject({
      code: 0,
      stdout: 'mk_test_ab12…\n',
    });
    const inArgs = await runBin(['config', 'set', 'api_key', 'mk_test_otherOTHERotherOTHER'], { env });
    expect(inArgs.code).toBe(2);
    expect(await readFile(path, 'utf8')).not.toContain('mk_test_other');
  });

  it('prints completion scripts that bash accepts', async () => {
    const bash = await runBin(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o default -F _molam molam');
    execFileSync('bash', ['-n'], { input: bash.stdout });
    for (const shell of ['zsh', 'fish']) {
      const script = await runBin(['completion', shell]);
      expect(script.code).toBe(0);
      expect(script.stdout).toContain('merchants');
    }
  });
});
