import { describe, expect, it } from 'vitest';
import {
  createSandboxAdapter,
  SANDBOX_NUMBERS,
  sandboxTransactionId,
} from '../../src/payments/providers/sandbox.js';
import { collectCalls, testPayment } from './helpers.js';

const submittedAt = new Date('2026-11-21T10:00:00Z');
const at = (seconds: number) => () => new Date(submittedAt.getTime() + seconds * 1000);

describe('sandbox provider', () => {
  it('accepts any number and currency, and succeeds at once on status', async () => {
    const sandbox = createSandboxAdapter({ now: at(0) });
    const payment = testPayment({ currency: 'XOF', amount: 1000, submittedAt });
    const { log, calls } = collectCalls();
    expect(await sandbox.submit(payment, log)).toEqual({ kind: 'accepted' });
    expect(await sandbox.status(payment, log)).toEqual({
      kind: 'successful',
      providerTransactionId: sandboxTransactionId(payment.reference),
    });
    expect(calls.map((call) => [call.provider, call.operation, call.decision])).toEqual([
      ['sandbox', 'submit', 'accepted'],
      ['sandbox', 'status', 'answered'],
    ]);
    expect(JSON.stringify(calls)).not.toContain('260971234567');
  });

  it.each([
    ['collection', SANDBOX_NUMBERS.failed, 'payer_not_found'],
    ['disbursement', SANDBOX_NUMBERS.failed, 'payee_not_found'],
    ['collection', SANDBOX_NUMBERS.rejected, 'approval_rejected'],
    ['disbursement', SANDBOX_NUMBERS.rejected, 'not_allowed'],
  ] as const)('%s to %s fails as %s', async (flow, msisdn, code) => {
    const sandbox = createSandboxAdapter({ now: at(1) });
    const payment = testPayment({ flow, msisdn, submittedAt });
    expect(await sandbox.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
    expect(await sandbox.status(payment, collectCalls().log)).toMatchObject({ kind: 'failed', code });
  });

  it('46733123452 times out on submit (ambiguous) but succeeded: reconciliation finds it', async () => {
    const sandbox = createSandboxAdapter({ now: at(5) });
    const payment = testPayment({ msisdn: SANDBOX_NUMBERS.timeout, submittedAt });
    const { log, calls } = collectCalls();
    expect(await sandbox.submit(payment, log)).toMatchObject({ kind: 'ambiguous' });
    expect(calls[0]).toMatchObject({ httpStatus: null, decision: 'ambiguous', error: 'simulated timeout' });
    expect(await sandbox.status(payment, log)).toMatchObject({ kind: 'successful' });
  });

  it('46733123453 is pending until SANDBOX_PENDING_SECONDS have passed, then successful', async () => {
    const payment = testPayment({ msisdn: SANDBOX_NUMBERS.delayed, submittedAt });
    expect(await createSandboxAdapter({ now: at(29) }).status(payment, collectCalls().log)).toEqual({
      kind: 'pending',
    });
    expect(await createSandboxAdapter({ now: at(30) }).status(payment, collectCalls().log)).toMatchObject({
      kind: 'successful',
    });
    const quick = createSandboxAdapter({ now: at(5), pendingSeconds: 5 });
    expect(await quick.status(payment, collectCalls().log)).toMatchObject({ kind: 'successful' });
  });

  it('46733123454 stays pending forever', async () => {
    const payment = testPayment({ msisdn: SANDBOX_NUMBERS.pending, submittedAt });
    const sandbox = createSandboxAdapter({ now: at(10 * 24 * 3600) });
    expect(await sandbox.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
  });

  it('is stateless: a new instance (a restart) gives the same answers', async () => {
    const payment = testPayment({ msisdn: SANDBOX_NUMBERS.delayed, submittedAt });
    await createSandboxAdapter({ now: at(0) }).submit(payment, collectCalls().log);
    const afterRestart = await createSandboxAdapter({ now: at(31) }).status(payment, collectCalls().log);
    expect(afterRestart).toEqual({
      kind: 'successful',
      providerTransactionId: sandboxTransactionId(payment.reference),
    });
  });

  it('refuses amounts that are not minor units', async () => {
    const sandbox = createSandboxAdapter();
    expect(await sandbox.submit(testPayment({ amount: 1.5 }), collectCalls().log)).toMatchObject({
      kind: 'rejected',
      code: 'invalid_amount',
    });
  });
});
