import { describe, expect, it } from 'vitest';
import { BankGateway } from '../src/partner-bank/gateway.js';
import { SANDBOX_BANK_ACCOUNTS, sandboxBank } from '../src/partner-bank/sandbox.js';
import type { PartnerBank } from '../src/partner-bank/types.js';

const transfer = (account: string, reference = 'trf_1') => ({
  reference,
  account,
  amount: 100,
  currency: 'USD',
});

/** A bank that never answers and ignores its abort signal: only the gateway's own deadline ends the call. */
const deafBank: PartnerBank = {
  code: 'deaf',
  modes: ['test'],
  send: () => new Promise(() => {}),
  status: () => new Promise(() => {}),
};

describe('the partner bank gateway', () => {
  it('ends a call at its budget even when the bank ignores the abort, then opens the circuit', async () => {
    let calls = 0;
    const counted: PartnerBank = {
      ...deafBank,
      send: (t, s) => {
        calls += 1;
        return deafBank.send(t, s);
      },
    };
    const states: string[] = [];
    const gateway = new BankGateway(new Map([['deaf', counted]]), {
      timeoutMs: 100,
      threshold: 2,
      halfOpenAfterMs: 60_000,
      onStateChange: (_bank, state) => states.push(state),
    });
    expect(await gateway.send('deaf', transfer('1'))).toMatchObject({ kind: 'unknown' });
    expect(await gateway.send('deaf', transfer('1'))).toMatchObject({ kind: 'unknown' });
    expect(states).toEqual(['open']);
    // Open: refused without calling the bank, and certainly not sent.
    expect(await gateway.send('deaf', transfer('1'))).toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(2);
  });

  it('serves the simulator in test mode only, and no unknown bank', () => {
    const gateway = new BankGateway(new Map([['sandbox_bank', sandboxBank()]]), {
      timeoutMs: 1000,
      threshold: 5,
      halfOpenAfterMs: 1000,
    });
    expect(gateway.serves('sandbox_bank', 'test')).toBe(true);
    expect(gateway.serves('sandbox_bank', 'live')).toBe(false);
    expect(gateway.serves('elsewhere', 'test')).toBe(false);
  });
});

describe('the partner bank simulator', () => {
  it('answers each magic account as documented, and pays a reference once', async () => {
    const bank = sandboxBank();
    const signal = new AbortController().signal;
    expect(await bank.send(transfer('ACC12345678', 'a'), signal)).toEqual({
      kind: 'accepted',
      bankReference: 'sbk_a',
    });
    expect(await bank.send(transfer('ACC12345678', 'a'), signal)).toEqual({
      kind: 'accepted',
      bankReference: 'sbk_a',
    });
    expect(await bank.send(transfer(`X${SANDBOX_BANK_ACCOUNTS.declined}`, 'b'), signal)).toMatchObject({
      kind: 'declined',
      code: 'account_closed',
    });
    expect(await bank.status('b', signal)).toEqual({ kind: 'not_found' });
    const slow = `X${SANDBOX_BANK_ACCOUNTS.timeoutThenCredited}`;
    expect(await bank.send(transfer(slow, 'c'), signal)).toMatchObject({ kind: 'unknown' });
    expect(await bank.status('c', signal)).toEqual({ kind: 'accepted', bankReference: 'sbk_c' });
    expect([...bank.credited.keys()]).toEqual(['a', 'c']);
    const silent = new AbortController();
    const pending = bank.send(transfer(`X${SANDBOX_BANK_ACCOUNTS.silent}`, 'd'), silent.signal);
    silent.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
  });
});
