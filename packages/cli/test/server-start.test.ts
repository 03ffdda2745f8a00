import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer, StartOptions } from '../src/api/server.js';
import { startOptions, run as startServer } from '../src/commands/server/start.js';
import { readConfig } from '../src/config/file.js';
import { fakeDatabase, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';

const SANDBOX = {
  baseUrl: 'http://127.0.0.1:4242',
  adminKey: 'mk_test_adminADMINadminADMINadmin',
  merchantId: 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  merchantKey: 'mk_test_merchantMERCHANTmerchant',
};

function running(sandbox: RunningServer['sandbox']): RunningServer {
  // Cast: the server may add fields (its db handle) that the CLI never reads.
  return {
    url: 'http://127.0.0.1:4242',
    port: 4242,
    role: 'all',
    database: 'embedded PostgreSQL (in memory)',
    sandbox,
    dashboard: false,
    db: fakeDatabase(),
    kafka: undefined,
    close: async () => {},
  } as RunningServer;
}

describe('molam server start', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam'), DATABASE_URL: 'postgres://db/env' };
  });
  afterEach(() => dir.cleanup());

  it('passes only the flags given, and drops DATABASE_URL when --data-dir is explicit', () => {
    const io = fakeIO({ env });
    expect(startOptions({ json: false, port: 0, role: 'api' }, io)).toEqual({
      env,
      port: 0,
      role: 'api',
      logDestination: io.stderr,
    });
    const withDir = startOptions({ json: false, dataDir: 'memory://' }, io);
    expect(withDir).toMatchObject({ dataDir: 'memory://' });
    expect(withDir.env?.DATABASE_URL).toBeUndefined();
  });

  it('on a first sandbox start prints the secrets and saves the sandbox profiles', async () => {
    const given: StartOptions[] = [];
    const deps = fakeDeps({
      server: {
        runServerUntilSignal: async (options) => {
          given.push(options);
          await options.onReady?.(running(SANDBOX));
        },
      },
    });
    const io = fakeIO({ env });
    await startServer({ json: false, port: 0, dataDir: 'memory://' }, io, deps);
    expect(given[0]).toMatchObject({ port: 0, dataDir: 'memory://' });
    expect(io.out()).toContain(SANDBOX.adminKey);
    expect(io.out()).toContain(SANDBOX.merchantKey);
    expect(io.err()).toContain('Saved as profiles "sandbox"');
    expect((await readConfig(io)).profiles).toEqual({
      sandbox: { api_key: SANDBOX.merchantKey, base_url: SANDBOX.baseUrl },
      'sandbox-admin': { api_key: SANDBOX.adminKey, base_url: SANDBOX.baseUrl },
    });
  });

  it('--json prints one line a script can read while the server runs', async () => {
    const deps = fakeDeps({
      server: { runServerUntilSignal: async (options) => void (await options.onReady?.(running(null))) },
    });
    const io = fakeIO({ env });
    await startServer({ json: true }, io, deps);
    expect(io.out().split('\n')).toHaveLength(2);
    expect(JSON.parse(io.out())).toEqual({
      url: 'http://127.0.0.1:4242',
      port: 4242,
      role: 'all',
      database: 'embedded PostgreSQL (in memory)',
      sandbox: null,
      profiles: [],
    });
    expect(io.err()).toBe('');
  });
});
