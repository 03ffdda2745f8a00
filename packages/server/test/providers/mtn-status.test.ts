import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MTN_STATUS_TABLE } from '../../src/payments/providers/mtn/classification.js';
import { mtnStatusOutcome } from '../../src/payments/providers/mtn/wire.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import { type MtnFake, startMtnFake } from '../fakes/mtn-fake.js';
import { mtnAdapterFor } from './adapters.js';
import { collectCalls, recordSleeps, testPayment } from './helpers.js';

let fake: MtnFake;
let adapter: ProviderAdapter;
const { sleep, delays } = recordSleeps();

beforeAll(async () => {
  fake = await startMtnFake();
  adapter = mtnAdapterFor(fake, { sleep });
});
afterAll(async () => {
  await adapter.close?.();
  await fake.close();
});
beforeEach(() => {
  delays.length = 0;
});

async function submitted(flow: 'collection' | 'disbursement' = 'collection') {
  const payment = testPayment({ flow });
  expect(await adapter.submit(payment, collectCalls().log)).toEqual({ kind: 'accepted' });
  return payment;
}

describe('MTN status', () => {
  it('PENDING, then SUCCESSFUL with the financial transaction id', async () => {
    const payment = await submitted();
    expect(await adapter.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
    fake.settle(payment.reference, 'SUCCESSFUL');
    expect(await adapter.status(payment, collectCalls().log)).toEqual({
      kind: 'successful',
      providerTransactionId: '9876543210',
    });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe(`/collection/v1_0/requesttopay/${payment.reference}`);
    expect(request?.headers['x-target-environment']).toBe('sandbox');
  });

  it.each(
    MTN_STATUS_TABLE.filter((row) => row.status === 'FAILED' && row.reason !== '*').map((row) => [
      row.reason,
      row.failure,
    ]),
  )('FAILED %s is failed as %s', async (reason, failure) => {
    const payment = await submitted();
    fake.settle(payment.reference, 'FAILED', reason);
    expect(await adapter.status(payment, collectCalls().log)).toEqual({
      kind: 'failed',
      code: failure,
      reason: `MTN status: FAILED ${reason}`,
    });
  });

  it('FAILED with a reason we do not know is a provider_error', async () => {
    const payment = await submitted();
    fake.settle(payment.reference, 'FAILED', 'SOMETHING_NEW');
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({
      kind: 'failed',
      code: 'provider_error',
    });
  });

  it('reads transfers from the disbursement product', async () => {
    const payment = await submitted('disbursement');
    fake.settle(payment.reference, 'FAILED', 'NOT_ENOUGH_FUNDS');
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({ code: 'insufficient_funds' });
    expect(fake.requests.at(-1)?.path).toBe(`/disbursement/v1_0/transfer/${payment.reference}`);
  });

  it('a reference MTN never saw is not_found (404 RESOURCE_NOT_FOUND)', async () => {
    expect(await adapter.status(testPayment(), collectCalls().log)).toEqual({ kind: 'not_found' });
  });

  it('status reads are retried through 5xx and timeouts, then unknown', async () => {
    const payment = await submitted();
    fake.inject({ kind: 'respond', status: 500 }, { times: 4 });
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({ kind: 'unknown' });
    expect(delays).toEqual([100, 200, 400]);
    delays.length = 0;
    fake.inject({ kind: 'hang' });
    expect(await adapter.status(payment, collectCalls().log)).toEqual({ kind: 'pending' });
    expect(delays).toEqual([100]);
  });

  it('a garbage body is unknown, not a guess', async () => {
    const payment = await submitted();
    fake.inject({ kind: 'garbage' });
    expect(await adapter.status(payment, collectCalls().log)).toMatchObject({ kind: 'unknown' });
  });
});

describe('mtnStatusOutcome', () => {
  it('reads a reason given as {code, message} and refuses unknown statuses', () => {
    expect(
      mtnStatusOutcome({ status: 'FAILED', reason: { code: 'EXPIRED', message: 'late' } }),
    ).toMatchObject({
      code: 'expired',
    });
    expect(mtnStatusOutcome({ status: 'CREATED' })).toMatchObject({ kind: 'unknown' });
    expect(mtnStatusOutcome({ status: 'SUCCESSFUL' })).toEqual({
      kind: 'successful',
      providerTransactionId: null,
    });
  });
});
