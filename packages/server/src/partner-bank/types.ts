/**
 * The contract between transfers and a partner bank (accounts at other banks). An adapter speaks one bank's
 * protocol and answers these outcomes; holds, retries across time and the ledger live above it.
 */

export interface BankTransfer {
  /** Ours (the transfer id): the bank keys the request on it, so a re-send never pays twice. */
  reference: string;
  account: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
}

export type BankSendOutcome =
  /** The bank credited the account. */
  | { kind: 'accepted'; bankReference: string }
  /** Certainly not paid, for a reason about this transfer (closed account …): release the hold. */
  | { kind: 'declined'; code: string; reason: string }
  /** Certainly not taken: the bank is down, or its circuit is open. Try again later. */
  | { kind: 'unavailable'; reason: string }
  /** Maybe taken (a timeout after sending): ask its status before sending again. */
  | { kind: 'unknown'; reason: string };

export type BankStatusOutcome =
  | { kind: 'accepted'; bankReference: string }
  | { kind: 'declined'; code: string; reason: string }
  /** The bank never saw the reference: sending again is safe. */
  | { kind: 'not_found' }
  | { kind: 'unknown'; reason: string };

export interface PartnerBank {
  /** The code transfers name it by (`to_bank`). */
  readonly code: string;
  /** Which modes it serves: a simulator takes test transfers only. */
  readonly modes: readonly ('test' | 'live')[];
  send(transfer: BankTransfer, signal: AbortSignal): Promise<BankSendOutcome>;
  status(reference: string, signal: AbortSignal): Promise<BankStatusOutcome>;
}
