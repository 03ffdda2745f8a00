/**
 * The contract between the payments domain and each mobile-money provider. Adapters translate one provider's
 * wire format into these outcomes; everything about retries across time, fallback and state lives above them.
 */

import type { FailureCode, Flow, ProviderName } from '@molam/contract';

export { PROVIDER_NAMES } from '@molam/contract';
export type { FailureCode, Flow, ProviderName };

export interface ProviderPayment {
  /** A UUID v4 of ours that the provider keys the request on (MTN `X-Reference-Id`, Airtel `transaction.id`). */
  reference: string;
  /** Our payment id (`pay_…`), sent as the provider's external id where it has one. */
  paymentId: string;
  flow: Flow;
  /** Integer minor units. Adapters convert to the provider's format (MTN: decimal string in major units). */
  amount: number;
  currency: string;
  /** The payer (collection) or payee (disbursement): E.164 digits without `+`, e.g. `260971234567`. */
  msisdn: string;
  description?: string | undefined;
  payerMessage?: string | undefined;
  payeeNote?: string | undefined;
  /** Where the provider should send its callback, when we have a public URL. */
  callbackUrl?: string | undefined;
  /** When we first submitted it (the sandbox derives its answers from it). */
  submittedAt: Date;
}

export type SubmitOutcome =
  /** The provider took the request; its result comes later (status / callback). */
  | { kind: 'accepted' }
  /** The provider already had this reference (MTN 409): an earlier attempt got through. Read its status. */
  | { kind: 'duplicate' }
  /**
   * Certainly not accepted, for a reason about this payment. `fallbackAllowed` when another provider might take
   * it (this one cannot handle the currency, the account is not allowed, …).
   */
  | { kind: 'rejected'; code: FailureCode; reason: string; fallbackAllowed: boolean }
  /** Certainly not accepted because the provider is down or throttling us (after our short retries). */
  | { kind: 'unavailable'; reason: string; retryAfterMs?: number | undefined }
  /** Maybe accepted (timeout or 5xx after the request was sent): reconcile, never re-route. */
  | { kind: 'ambiguous'; reason: string };

export type StatusOutcome =
  | { kind: 'pending' }
  | { kind: 'successful'; providerTransactionId: string | null }
  | { kind: 'failed'; code: FailureCode; reason: string }
  /** The provider does not know the reference: the submission never reached it. */
  | { kind: 'not_found' }
  /** Could not ask (down, throttled, timed out): ask again later. */
  | { kind: 'unknown'; reason: string };

/** One HTTP exchange with a provider, redacted, for the payment's attempts log (seed 003's `transactions`). */
export interface ProviderCall {
  provider: ProviderName;
  /** `token`, `submit`, `status`. */
  operation: string;
  method: string;
  /** Without query strings that carry credentials. */
  url: string;
  /** null when no answer came (network error, timeout). */
  httpStatus: number | null;
  durationMs: number;
  /** With secrets and personal data (MSISDNs) masked. */
  requestBody?: unknown;
  responseBody?: unknown;
  error?: string | undefined;
  /** What the classification table decided: `accepted`, `retry`, `final`, `duplicate`, `ambiguous`, … */
  decision: string;
}

export type CallLog = (call: ProviderCall) => void;

export interface ProviderCapabilities {
  flows: readonly Flow[];
  /** ISO 4217 codes; `*` for any. */
  currencies: readonly string[];
  /** Per-transaction limits in minor units, per currency, where the provider documents them. */
  limits?: Readonly<Record<string, { min: number; max: number }>>;
  /** Flows the adapter knows but cannot use with the current configuration, with the reason (for operators). */
  disabledFlows?: Readonly<Partial<Record<Flow, string>>>;
  /** Set when the adapter is built from unofficial information and was never tested against the real service. */
  unverified?: string;
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  submit(payment: ProviderPayment, log: CallLog): Promise<SubmitOutcome>;
  status(payment: ProviderPayment, log: CallLog): Promise<StatusOutcome>;
  /** Closes the adapter's connection pool (graceful shutdown). */
  close?(): Promise<void>;
}
