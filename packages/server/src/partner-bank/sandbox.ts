import type { BankSendOutcome, BankStatusOutcome, BankTransfer, PartnerBank } from './types.js';

/** The simulator's magic account endings (the rest are credited at once). */
export const SANDBOX_BANK_ACCOUNTS = {
  /** Declined: the account is closed. */
  declined: '0001',
  /** The first send times out, yet the bank took it: a status check finds it credited. */
  timeoutThenCredited: '0002',
  /** Never answers (until the caller's deadline): the circuit opens, the hold stays. */
  silent: '0009',
} as const;

const waitForAbort = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/**
 * A partner bank for test mode, with magic account numbers for each outcome. It remembers what it credited (per
 * process, as a bank would per reference), so a re-send of the same reference is not paid twice.
 */
export function sandboxBank(
  code = 'sandbox_bank',
): PartnerBank & { credited: ReadonlyMap<string, BankTransfer> } {
  const credited = new Map<string, BankTransfer>();
  const seenOnce = new Set<string>();
  const bankReference = (reference: string) => `sbk_${reference}`;
  return {
    code,
    modes: ['test'],
    credited,
    async send(transfer, signal): Promise<BankSendOutcome> {
      const ending = transfer.account.slice(-4);
      if (ending === SANDBOX_BANK_ACCOUNTS.silent) return waitForAbort(signal);
      if (ending === SANDBOX_BANK_ACCOUNTS.declined) {
        return { kind: 'declined', code: 'account_closed', reason: `account ${transfer.account} is closed` };
      }
      if (!credited.has(transfer.reference)) credited.set(transfer.reference, transfer);
      if (ending === SANDBOX_BANK_ACCOUNTS.timeoutThenCredited && !seenOnce.has(transfer.reference)) {
        seenOnce.add(transfer.reference);
        return { kind: 'unknown', reason: 'the bank did not answer in time' };
      }
      return { kind: 'accepted', bankReference: bankReference(transfer.reference) };
    },
    async status(reference, signal): Promise<BankStatusOutcome> {
      const transfer = credited.get(reference);
      if (transfer?.account.endsWith(SANDBOX_BANK_ACCOUNTS.silent)) return waitForAbort(signal);
      return transfer ? { kind: 'accepted', bankReference: bankReference(reference) } : { kind: 'not_found' };
    },
  };
}
