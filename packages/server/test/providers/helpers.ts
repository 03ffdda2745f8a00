import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Sleep } from '../../src/payments/providers/retry.js';
import type { CallLog, ProviderCall, ProviderPayment } from '../../src/payments/providers/types.js';

export function testPayment(overrides: Partial<ProviderPayment> = {}): ProviderPayment {
  return {
    reference: randomUUID(),
    paymentId: `pay_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    flow: 'collection',
    amount: 1250,
    currency: 'ZMW',
    msisdn: '260971234567',
    description: 'Order 42',
    submittedAt: new Date('2026-11-21T10:00:00Z'),
    ...overrides,
  };
}

export interface CallCollector {
  log: CallLog;
  calls: ProviderCall[];
}

export function collectCalls(): CallCollector {
  const calls: ProviderCall[] = [];
  return { calls, log: (call) => calls.push(call) };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordSleeps(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** None of the secrets, and no full phone number, anywhere in the records. */
export function expectRedacted(
  calls: readonly ProviderCall[],
  secrets: readonly string[],
  msisdns: readonly string[],
) {
  const text = JSON.stringify(calls);
  for (const secret of secrets) expect(text).not.toContain(secret);
  for (const msisdn of msisdns) expect(text).not.toContain(msisdn);
}
