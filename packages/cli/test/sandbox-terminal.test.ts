import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/fake-io.js';
import { assertBuilt, type RunningBin, runBin, startBin } from './helpers/run-bin.js';

// The first minutes of a newcomer: the sandbox at a terminal reads like a product, and a second sandbox never
// takes the first one's profiles away.

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));
let dir: Awaited<ReturnType<typeof tempDir>>;
let env: Record<string, string>;
const running: RunningBin[] = [];

beforeEach(async () => {
  assertBuilt();
  dir = await tempDir();
  // Run from the repository (INIT_CWD is where pnpm was started), with no provider configured.
  env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam'), INIT_CWD: REPOSITORY };
});
afterEach(async () => {
  for (const bin of running.splice(0)) {
    bin.kill('SIGTERM');
    await bin.exited;
  }
  await dir.cleanup();
});

function start(name: string, options: { json?: boolean; terminal?: boolean } = {}): RunningBin {
  const args = ['server', 'start', '--port', '0', '--data-dir', join(dir.path, name)];
  const bin = startBin(options.json ? [...args, '--json'] : args, {
    env,
    terminal: options.terminal === true,
  });
  running.push(bin);
  return bin;
}

interface Ready {
  url: string;
  profiles: string[];
}
async function ready(bin: RunningBin): Promise<Ready> {
  const [line] = await bin.waitFor('stdout', /^\{.*\}$/m, 60_000);
  return JSON.parse(line) as Ready;
}

const profiles = () =>
  (
    JSON.parse(readFileSync(join(env.MOLAM_CONFIG_DIR ?? '', 'config.json'), 'utf8')) as {
      profiles: Record<string, { base_url: string }>;
    }
  ).profiles;

// util-linux `script` gives the pseudo-terminal (every Debian has it; BSD's takes other flags).
describe.skipIf(process.platform !== 'linux' || !existsSync('/usr/bin/script'))(
  'the sandbox at a terminal',
  () => {
    it('prints a short banner with commands that work from here, and one line per request', async () => {
      const bin = start('data', { terminal: true });
      const [, url] = await bin.waitFor('stdout', /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
      await bin.waitFor('stdout', /Press Ctrl-C to stop/);
      const refused = await fetch(`${url}/api/v1/whoami`, {
        headers: { authorization: 'Bearer mk_test_wrong' },
      });
      expect(refused.status).toBe(401);
      const requestId = refused.headers.get('x-request-id');
      await bin.waitFor(
        'stdout',
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d GET /api/v1/whoami 401 \\d+ ms ${requestId}$`, 'm'),
      );

      const screen = bin.stdout();
      expect(screen).not.toContain('{"level"');
      expect(screen).toMatch(
        /providers: sandbox ✓, mtn –, airtel –, zamtel – \(set MTN_\*, AIRTEL_\*, ZAMTEL_\* to enable/,
      );
      expect(screen).toContain(`API reference: ${url}/docs`);
      // These tests run inside the repository, where `molam` is on no PATH.
      expect(screen).toMatch(/Try:\n {2}pnpm molam --profile sandbox payments create /);
      expect(screen).not.toMatch(/^ {2}molam /m);
    });
  },
);

describe('two sandboxes', () => {
  it('leave the first one’s profiles pointing at it while it runs, and take them once it is gone', async () => {
    const first = await ready(start('first', { json: true }));
    expect(first.profiles).toEqual(['sandbox', 'sandbox-admin']);

    const secondBin = start('second', { json: true });
    const second = await ready(secondBin);
    const port = new URL(second.url).port;
    expect(second.profiles).toEqual([`sandbox-${port}`, `sandbox-${port}-admin`]);
    expect(profiles().sandbox?.base_url).toBe(first.url);

    const list = await runBin(['--profile', 'sandbox', 'payments', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const secondList = await runBin(['--profile', `sandbox-${port}`, 'payments', 'list', '--json'], { env });
    expect(secondList.code).toBe(0);

    // The first stops: its profile now points at nothing, and the next sandbox takes the usual names.
    const firstBin = running.shift();
    firstBin?.kill('SIGTERM');
    await firstBin?.exited;
    const dead = await runBin(['--profile', 'sandbox', 'payments', 'list'], { env });
    expect(dead.code).toBe(1);
    expect(dead.stderr).toContain(`Nothing answers at ${first.url} (the base URL of profile "sandbox")`);
    expect(dead.stderr).toContain('molam config list');

    const third = await ready(start('third', { json: true }));
    expect(third.profiles).toEqual(['sandbox', 'sandbox-admin']);
    expect(profiles().sandbox?.base_url).toBe(third.url);
  });
});
