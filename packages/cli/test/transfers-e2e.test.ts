import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type E2eServer, startE2eServer } from './helpers/e2e-server.js';
import { runBin } from './helpers/run-bin.js';

interface Transfer {
  id: string;
  status: string;
  risk: { score: number; level: string; rules: string[] };
  otp: { channel: string; recipient: string } | null;
}

// Seed 002 from the command line, against a real server: customers, accounts, a test deposit, a LOW transfer,
// a HIGH one finished with the code read from `molam notifications list`.
describe('molam customers, accounts, transfers and notifications against a real server', () => {
  let e2e: E2eServer;
  const json = <T>(args: string[]) => e2e.json<T>(['--profile', 'shop', ...args]);

  beforeAll(async () => {
    e2e = await startE2eServer();
    const { url, sandbox } = e2e.server;
    await e2e.json(['login', '--with-token', '--profile', 'shop', '--base-url', url], sandbox?.merchantKey);
  });
  afterAll(() => e2e?.close());

  it('opens accounts, moves money, and steps up with the code the customer got', async () => {
    await json([
      'customers',
      'create',
      '--id',
      'cust_101',
      '--name',
      'Demo Payer',
      '--kyc',
      'verified',
      '--phone',
      '+260971234567',
    ]);
    await json(['customers', 'create', '--id', 'cust_102', '--name', 'Demo Payee']);
    await json(['accounts', 'create', '--number', 'ACC101', '--customer', 'cust_101', '--currency', 'usd']);
    await json(['accounts', 'create', '--number', 'ACC102', '--customer', 'cust_102', '--currency', 'USD']);
    const funded = await json<{ balance: number }>(['accounts', 'deposit', 'ACC101', '--amount', '5000000']);
    expect(funded.balance).toBe(5_000_000);

    const transfer = (txn: string, amount: string, ...more: string[]) => [
      'transfers',
      'confirm',
      '--transaction-id',
      txn,
      '--customer',
      'cust_101',
      '--amount',
      amount,
      '--from',
      'ACC101',
      '--to',
      'ACC102',
      ...more,
    ];
    const low = await json<Transfer>(transfer('txn_001', '100000'));
    expect(low).toMatchObject({ status: 'completed', risk: { level: 'LOW', score: 0 } });

    const high = await json<Transfer>(transfer('txn_002', '1500000'));
    expect(high).toMatchObject({
      status: 'requires_otp',
      risk: { level: 'HIGH', score: 50 },
      otp: { channel: 'sms' },
    });
    const messages = await json<{ data: { subject: string; body: string }[] }>([
      'notifications',
      'list',
      '--recipient',
      '+260971234567',
    ]);
    const code = /\b(\d{6})\b/.exec(messages.data.find((m) => m.subject === high.id)?.body ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await runBin(
      ['--profile', 'shop', ...transfer('txn_002', '1500000', '--otp', wrongCode), '--json'],
      { env: e2e.env },
    );
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stderr).error.code).toBe('otp_invalid');

    const done = await json<Transfer>(transfer('txn_002', '1500000', '--otp', code ?? ''));
    expect(done).toMatchObject({ id: high.id, status: 'completed' });
    const payer = await json<{ balance: number; available: number }>(['accounts', 'get', 'ACC101']);
    expect(payer).toMatchObject({ balance: 3_400_000, available: 3_400_000 });

    const listed = await json<{ data: Transfer[] }>(['transfers', 'list', '--customer', 'cust_101']);
    expect(listed.data.map((t) => t.id)).toEqual([high.id, low.id]);
    expect((await json<Transfer>(['transfers', 'get', high.id])).status).toBe('completed');

    const kyc = await json<{ kyc_status: string }>(['customers', 'kyc', 'set', 'cust_102', 'verified']);
    expect(kyc.kyc_status).toBe('verified');
    const human = await runBin(['--profile', 'shop', 'accounts', 'list'], { env: e2e.env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('34000.00 USD');
  });

  it('pays an account at the partner bank simulator: processing, then completed', async () => {
    await json(['customers', 'create', '--id', 'cust_bank', '--name', 'Bank Payer', '--kyc', 'verified']);
    await json(['accounts', 'create', '--number', 'ACC900', '--customer', 'cust_bank', '--currency', 'USD']);
    await json(['accounts', 'deposit', 'ACC900', '--amount', '50000']);
    const sent = await json<Transfer & { to_bank: string }>([
      'transfers',
      'confirm',
      '--transaction-id',
      'txn_bank_1',
      '--customer',
      'cust_bank',
      '--amount',
      '20000',
      '--from',
      'ACC900',
      '--to',
      'EXT55550000',
      '--to-bank',
      'sandbox_bank',
    ]);
    expect(sent).toMatchObject({ status: 'processing', to_bank: 'sandbox_bank' });
    const done = await vi.waitFor(
      async () => {
        const got = await json<Transfer>(['transfers', 'get', sent.id]);
        if (got.status === 'processing') throw new Error('still processing');
        return got;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(done.status).toBe('completed');
    expect(await json<{ balance: number }>(['accounts', 'get', 'ACC900'])).toMatchObject({ balance: 30_000 });
  });

  it('refuses a bad amount before sending anything', async () => {
    const refused = await runBin(
      [
        '--profile',
        'shop',
        'transfers',
        'confirm',
        '--transaction-id',
        't',
        '--customer',
        'c',
        '--amount',
        '10.5',
        '--from',
        'A',
        '--to',
        'B',
      ],
      { env: e2e.env },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--amount');
  });
});
