import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer, ServerModule } from '../src/api/server.js';
import { tempDir } from './helpers/fake-io.js';
import { assertBuilt, runBin } from './helpers/run-bin.js';

/** Fails, rather than skips, while the server package cannot start a server: this test must run. */
async function loadServer(): Promise<ServerModule> {
  let loaded: Partial<ServerModule>;
  try {
    loaded = await import('@molam/server');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `@molam/server cannot be loaded (build it: pnpm --filter @molam/server build): ${reason}`,
    );
  }
  if (typeof loaded.startServer !== 'function') {
    throw new Error('@molam/server does not export startServer yet; this end-to-end test needs it.');
  }
  return loaded as ServerModule;
}

describe('molam against a real server (in-process, in-memory database)', () => {
  let server: RunningServer;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  /** Runs the built CLI and parses its --json answer, failing with its stderr when it did not exit 0. */
  async function json<T>(args: string[], input?: string): Promise<T> {
    const result = await runBin([...args, '--json'], { env, ...(input === undefined ? {} : { input }) });
    if (result.code !== 0) throw new Error(`molam ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  beforeAll(async () => {
    assertBuilt();
    const { startServer } = await loadServer();
    const { DATABASE_URL: _ignored, ...processEnv } = process.env;
    server = await startServer({
      port: 0,
      dataDir: 'memory://',
      env: { ...processEnv, LOG_LEVEL: 'silent' },
    });
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
  });

  afterAll(async () => {
    await server?.close();
    await dir?.cleanup();
  });

  it('starts as a sandbox with an admin key', () => {
    expect(server.sandbox?.adminKey).toMatch(/^mk_test_/);
  });

  it('drives merchants and keys end to end', async () => {
    const adminKey = server.sandbox?.adminKey ?? '';
    const login = await json<{ profile: string; scopes: string[] }>(
      ['login', '--with-token', '--profile', 'admin', '--base-url', server.url],
      adminKey,
    );
    expect(login).toMatchObject({ profile: 'admin', scopes: ['admin'] });

    const merchant = await json<{ id: string; country: string }>([
      '--profile',
      'admin',
      'merchants',
      'create',
      '--name',
      'Lusaka Grocers',
      '--country',
      'zm',
      '--currency',
      'ZMW',
    ]);
    expect(merchant).toMatchObject({ id: expect.stringMatching(/^mer_/), country: 'ZM' });
    const merchants = await json<{ data: { id: string }[] }>([
      '--profile',
      'admin',
      'merchants',
      'list',
      '--all',
    ]);
    expect(merchants.data.map((entry) => entry.id)).toContain(merchant.id);

    const merchantKey = await json<{ secret: string }>([
      '--profile',
      'admin',
      'merchants',
      'keys',
      'create',
      merchant.id,
      '--name',
      'backend',
      '--scope',
      'keys:manage,payments:read',
    ]);
    await json(['login', '--with-token', '--profile', 'shop', '--base-url', server.url], merchantKey.secret);

    const created = await json<{ id: string; secret: string; scopes: string[] }>([
      '--profile',
      'shop',
      'keys',
      'create',
      '--name',
      'reporting',
      '--scope',
      'payments:read',
    ]);
    expect(created).toMatchObject({ id: expect.stringMatching(/^key_/), scopes: ['payments:read'] });
    const listed = await json<{ data: { id: string; status: string }[] }>([
      '--profile',
      'shop',
      'keys',
      'list',
      '--all',
    ]);
    expect(listed.data).toContainEqual(expect.objectContaining({ id: created.id, status: 'active' }));

    const unconfirmed = await runBin(['--profile', 'shop', 'keys', 'revoke', created.id], { env });
    expect(unconfirmed.code).toBe(2);
    const revoked = await json<{ status: string }>([
      '--profile',
      'shop',
      'keys',
      'revoke',
      created.id,
      '--yes',
    ]);
    expect(revoked.status).toBe('revoked');

    const refused = await runBin(['keys', 'list', '--json'], {
      env: { ...env, MOLAM_API_KEY: created.secret, MOLAM_BASE_URL: server.url },
    });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(refused.stderr).error.status).toBe(401);
  });

  it('reports health', async () => {
    expect(await json(['health', '--base-url', server.url])).toMatchObject({
      status: 'healthy',
      database: 'up',
    });
  });
});
