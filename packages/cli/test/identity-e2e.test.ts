import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eServer, startE2eServer } from './helpers/e2e-server.js';
import { runBin } from './helpers/run-bin.js';

describe('molam dev token and user-token profiles against a real sandbox', () => {
  let e2e: E2eServer;

  beforeAll(async () => {
    e2e = await startE2eServer();
    const { url, sandbox } = e2e.server;
    await e2e.json(['login', '--with-token', '--profile', 'ops', '--base-url', url], sandbox?.adminKey);
  });
  afterAll(() => e2e?.close());

  it('mints a viewer token that logs in as a profile, reads analytics, and may not create payments', async () => {
    const merchantId = e2e.server.sandbox?.merchantId ?? '';
    const minted = await runBin(
      [
        '--profile',
        'ops',
        'dev',
        'token',
        '--user',
        'usr_cli',
        '--role',
        'merchant_viewer',
        '--merchant',
        merchantId,
      ],
      { env: e2e.env },
    );
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    expect(minted.stderr).toContain('usr_cli');

    const login = await e2e.json<{ user_id: string; key_id: null; scopes: string[] }>(
      ['login', '--with-token', '--profile', 'viewer', '--base-url', e2e.server.url],
      token,
    );
    expect(login).toMatchObject({
      user_id: 'usr_cli',
      key_id: null,
      scopes: ['analytics:read', 'payments:read', 'transfers:read'],
    });
    const overview = await e2e.json<{ object: string }>(['--profile', 'viewer', 'analytics', 'overview']);
    expect(overview.object).toBe('analytics_overview');

    const refused = await runBin(
      [
        '--profile',
        'viewer',
        'payments',
        'create',
        '--amount',
        '100',
        '--currency',
        'ZMW',
        '--payer',
        '260971234567',
        '--json',
      ],
      { env: e2e.env },
    );
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stderr).error.code).toBe('user_token_not_accepted');
  });

  it('refuses an unknown role before calling the server', async () => {
    const result = await runBin(['--profile', 'ops', 'dev', 'token', '--user', 'u', '--role', 'owner'], {
      env: e2e.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown role "owner"');
  });

  it('logs a sandbox user in with --dev-user, reads and changes their pay entry, and revokes the token on logout', async () => {
    const url = e2e.server.url;
    const login = await e2e.json<{ user_id: string; profile: string }>([
      'login',
      '--dev-user',
      'usr_payer',
      '--admin-profile',
      'ops',
      '--profile',
      'payer',
      '--base-url',
      url,
    ]);
    expect(login).toMatchObject({ user_id: 'usr_payer', profile: 'payer' });

    const entry = await e2e.json<{ user_id: string; modules_enabled: string[] }>([
      '--profile',
      'payer',
      'entry',
      'get',
    ]);
    expect(entry).toMatchObject({ user_id: 'usr_payer', modules_enabled: ['wallet', 'connect'] });

    const changed = await e2e.json<Record<string, unknown>>([
      '--profile',
      'payer',
      'entry',
      'set',
      '--modules',
      'wallet,connect,eats',
      '--preferred',
      'eats',
      '--auto-redirect',
    ]);
    expect(changed).toMatchObject({
      preferred_module: 'eats',
      preferred_module_source: 'preference',
      modules_enabled: ['wallet', 'connect', 'eats'],
      auto_redirect: true,
    });

    const human = await runBin(['--profile', 'payer', 'entry', 'get'], { env: e2e.env });
    expect(human.stdout).toMatch(/Opens\s+eats \(chosen by the user’s preference\)/);

    const refused = await runBin(['--profile', 'payer', 'entry', 'set', '--preferred', 'casino', '--json'], {
      env: e2e.env,
    });
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stderr).error.code).toBe('unknown_module');
    const nothing = await runBin(['--profile', 'payer', 'entry', 'set'], { env: e2e.env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to change');

    const config = JSON.parse(readFileSync(join(e2e.env.MOLAM_CONFIG_DIR ?? '', 'config.json'), 'utf8'));
    const token = config.profiles.payer.api_key as string;
    const logout = await e2e.json<{ token_revoked: boolean }>(['--profile', 'payer', 'logout']);
    expect(logout.token_revoked).toBe(true);
    const after = await fetch(`${url}/api/pay/entry`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('user_token_revoked');
  });

  it('prints a one-click dashboard sign-in link for the only merchant, usable once', async () => {
    const printed = await runBin(['--profile', 'ops', 'dev', 'sign-in-link'], { env: e2e.env });
    expect(printed.code).toBe(0);
    const url = printed.stdout.trim();
    expect(url).toMatch(new RegExp(`^${e2e.server.url}/dashboard/#code=[\\w-]{32}$`));
    expect(printed.stderr).toContain(e2e.server.sandbox?.merchantId ?? 'missing');
    const code = url.split('#code=')[1];
    const redeem = () =>
      fetch(`${e2e.server.url}/api/v1/dev/sign-in-links/redeem`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    expect((await redeem()).status).toBe(201);
    expect((await redeem()).status).toBe(401);
  });
});
