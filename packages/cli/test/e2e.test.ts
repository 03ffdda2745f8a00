import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/api/server.js';
import { type E2eServer, startE2eServer } from './helpers/e2e-server.js';
import { runBin } from './helpers/run-bin.js';

describe('molam against a real server (in-process, in-memory database)', () => {
  let e2e: E2eServer;
  let server: RunningServer;
  let env: Record<string, string>;
  const json = <T>(args: string[], input?: string) => e2e.json<T>(args, input);

  beforeAll(async () => {
    e2e = await startE2eServer();
    server = e2e.server;
    env = e2e.env;
  });

  afterAll(() => e2e?.close());

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

  it('creates, waits for, lists and inspects payments, and sets routing', async () => {
    const merchantKey = server.sandbox?.merchantKey ?? '';
    const merchantId = server.sandbox?.merchantId ?? '';
    await json(['login', '--with-token', '--profile', 'pay', '--base-url', server.url], merchantKey);
    await json(
      ['login', '--with-token', '--profile', 'ops', '--base-url', server.url],
      server.sandbox?.adminKey ?? '',
    );
    const pay = ['--profile', 'pay', 'payments'];
    const collect = ['--amount', '1250', '--currency', 'ZMW'];

    const paid = await json<{ id: string; status: string; amount: number; idempotency_key: string }>([
      ...pay,
      'create',
      '--payer',
      '260971234567',
      ...collect,
      '--metadata',
      'order=1042',
      '--wait',
    ]);
    expect(paid).toMatchObject({
      id: expect.stringMatching(/^pay_/),
      status: 'successful',
      amount: 1250,
      idempotency_key: expect.stringMatching(/^cli-/),
    });

    // The printed key replays the same payment instead of creating a second one.
    const replayed = await json<{ id: string }>([
      ...pay,
      'create',
      '--payer',
      '260971234567',
      ...collect,
      '--metadata',
      'order=1042',
      '--idempotency-key',
      paid.idempotency_key,
    ]);
    expect(replayed.id).toBe(paid.id);

    // The rejected number fails after a second; the JSON and the human run wait side by side.
    const rejectedArgs = [...pay, 'create', '--payer', '46733123451', ...collect, '--wait'];
    const [rejected, human] = await Promise.all([
      runBin([...rejectedArgs, '--json'], { env }),
      runBin(rejectedArgs, { env }),
    ]);
    expect(rejected.code).toBe(1);
    const failed = JSON.parse(rejected.stdout) as { id: string; status: string; failure: { code: string } };
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'approval_rejected' } });
    expect(JSON.parse(rejected.stderr).error).toMatchObject({
      code: 'payment_failed',
      detail: expect.stringContaining('approval_rejected'),
    });

    expect(human.code).toBe(1);
    expect(human.stdout).toContain('amount       12.50 ZMW');
    expect(human.stdout).toContain('failure      approval_rejected');
    expect(human.stderr).toMatch(/Idempotency key: cli-/);

    const decimal = await runBin(
      [...pay, 'create', '--payer', '260971234567', '--amount', '12.50', '--currency', 'ZMW'],
      {
        env,
      },
    );
    expect(decimal.code).toBe(2);
    expect(decimal.stderr).toContain('use --amount 1250 for 12.50 ZMW');

    const listed = await json<{ data: { id: string; status: string }[] }>([...pay, 'list', '--all']);
    expect(listed.data.map((entry) => entry.id)).toEqual(expect.arrayContaining([paid.id, failed.id]));
    const onlyFailed = await json<{ data: { status: string }[] }>([...pay, 'list', '--status', 'failed']);
    expect(onlyFailed.data.length).toBeGreaterThan(0);
    expect(onlyFailed.data.every((entry) => entry.status === 'failed')).toBe(true);

    const attempts = await json<{ data: { operation: string; payment_id: string }[] }>([
      ...pay,
      'attempts',
      paid.id,
    ]);
    expect(attempts.data[0]).toMatchObject({ operation: 'submit', payment_id: paid.id });
    const table = await runBin([...pay, 'attempts', paid.id], { env });
    expect(table.stdout).toMatch(/\tsandbox\tsubmit\t\d{3}\t/);

    expect(await json([...pay, 'get', failed.id])).toMatchObject({ id: failed.id, status: 'failed' });
    expect(await json([...pay, 'watch', paid.id])).toMatchObject({ status: 'successful' });
    expect((await runBin([...pay, 'watch', failed.id, '--json'], { env })).code).toBe(1);

    const set = await json<{ currencies: Record<string, string[]> }>([
      '--profile',
      'pay',
      'merchants',
      'routing',
      'set',
      merchantId,
      '--currency',
      'ZMW=sandbox',
      '--currency',
      'eur=sandbox',
    ]);
    expect(set.currencies).toEqual({ ZMW: ['sandbox'], EUR: ['sandbox'] });
    const got = await json<{ merchant_id: string; currencies: Record<string, string[]> }>([
      '--profile',
      'ops',
      'merchants',
      'routing',
      'get',
      merchantId,
    ]);
    expect(got).toMatchObject({ merchant_id: merchantId, currencies: { ZMW: ['sandbox'] } });
    // mtn is not configured on this server: the preference is refused, with the reason, and nothing changes.
    const refused = await runBin(
      ['--profile', 'pay', 'merchants', 'routing', 'set', merchantId, '--currency', 'EUR=mtn', '--json'],
      { env },
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error).toMatchObject({ code: 'invalid_routing' });
  }, 60_000);

  it('reports health', async () => {
    expect(await json(['health', '--base-url', server.url])).toMatchObject({
      status: 'healthy',
      database: 'up',
    });
  });
});
