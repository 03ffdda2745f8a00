import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MolamPermissionError, type Transfer, type TransferConfirmParams } from '../src/index.js';
import { BASE_URL, problem, testMolam, useMswServer } from './support.js';

const server = useMswServer();

const PARAMS: TransferConfirmParams = {
  transaction_id: 'txn_002',
  customer_id: 'cust_001',
  amount: 1_500_000,
  from_account: 'ACC001',
  to_account: 'ACC002',
};

const transfer = (status: Transfer['status']): Transfer => ({
  id: 'trf_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  object: 'transfer',
  transaction_id: 'txn_002',
  customer_id: 'cust_001',
  from_account: 'ACC001',
  to_account: 'ACC002',
  to_bank: null,
  bank_reference: null,
  amount: 1_500_000,
  currency: 'USD',
  status,
  risk: {
    score: 50,
    level: 'HIGH',
    rules: ['amount_above_first_threshold', 'amount_above_second_threshold'],
  },
  otp: { channel: 'sms', recipient: '+26097•••4567', expires_at: '2026-12-07T10:05:00.000Z', sends: 1 },
  failure_code: null,
  mode: 'test',
  created_at: '2026-12-07T10:00:00.000Z',
  updated_at: '2026-12-07T10:00:00.000Z',
  completed_at: status === 'completed' ? '2026-12-07T10:01:00.000Z' : null,
});

describe('transfers.confirm', () => {
  it('sends the OTP step with the same key by default (transfer-<transaction_id>), and types both answers', async () => {
    const seen: { key: string | null; body: unknown }[] = [];
    server.use(
      http.post(`${BASE_URL}/api/v1/transfers`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        seen.push({ key: request.headers.get('idempotency-key'), body });
        if (body.otp === undefined) return HttpResponse.json(transfer('requires_otp'), { status: 202 });
        if (body.otp !== '123456') return problem(403, 'otp_invalid', { attempts_left: 2 });
        return HttpResponse.json(transfer('completed'), { status: 201 });
      }),
    );
    const { molam } = testMolam();
    const first = await molam.transfers.confirm(PARAMS);
    expect(first.status).toBe('requires_otp');
    const wrong = await molam.transfers
      .confirm({ ...PARAMS, otp: '000000' })
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(MolamPermissionError);
    expect((wrong as MolamPermissionError).code).toBe('otp_invalid');
    expect((wrong as MolamPermissionError).raw).toMatchObject({ attempts_left: 2 });
    const done = await molam.transfers.confirm({ ...PARAMS, otp: '123456' });
    expect(done.status).toBe('completed');
    expect(seen.map((s) => s.key)).toEqual(['transfer-txn_002', 'transfer-txn_002', 'transfer-txn_002']);

    await molam.transfers.confirm(PARAMS, { idempotencyKey: 'my-own-key-1' });
    expect(seen.at(-1)?.key).toBe('my-own-key-1');
  });

  it('reaches customers, accounts and notifications at their paths', async () => {
    const paths: string[] = [];
    server.use(
      http.all(`${BASE_URL}/*`, ({ request }) => {
        const url = new URL(request.url);
        paths.push(`${request.method} ${url.pathname}${url.search}`);
        return HttpResponse.json({ object: 'list', data: [], has_more: false, next_cursor: null });
      }),
    );
    const { molam } = testMolam();
    await molam.customers.setKyc('cust_001', 'verified');
    await molam.accounts.deposit('ACC001', 500);
    await molam.accounts.list({ customer_id: 'cust_001' });
    await molam.notifications.list({ recipient: '+260971234567' });
    await molam.transfers.resendOtp('trf_01JD2M3X4Y5Z6A7B8C9D0E1F2G');
    expect(paths).toEqual([
      'PUT /api/v1/customers/cust_001/kyc',
      'POST /api/v1/accounts/ACC001/deposits',
      'GET /api/v1/accounts?customer_id=cust_001',
      'GET /api/v1/notifications?recipient=%2B260971234567',
      'POST /api/v1/transfers/trf_01JD2M3X4Y5Z6A7B8C9D0E1F2G/otp',
    ]);
  });
});
