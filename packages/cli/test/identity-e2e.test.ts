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
      scopes: ['analytics:read', 'payments:read'],
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
});
