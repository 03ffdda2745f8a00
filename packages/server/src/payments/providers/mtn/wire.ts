import { field, stringField } from '../json.js';
import type { Flow, ProviderPayment, StatusOutcome } from '../types.js';
import { MTN_STATUS_TABLE } from './classification.js';

/** Collection is "request to pay", disbursement is "transfer"; the rest of the wire format is shared. */
export const MTN_PATHS: Readonly<Record<Flow, { token: string; submit: string; party: 'payer' | 'payee' }>> =
  {
    collection: { token: '/collection/token/', submit: '/collection/v1_0/requesttopay', party: 'payer' },
    disbursement: { token: '/disbursement/token/', submit: '/disbursement/v1_0/transfer', party: 'payee' },
  };

export const mtnStatusPath = (flow: Flow, reference: string): string =>
  `${MTN_PATHS[flow].submit}/${encodeURIComponent(reference)}`;

/** The body of a request to pay or a transfer; `amount` is already a decimal string in major units. */
export function mtnRequestBody(payment: ProviderPayment, amount: string): Record<string, unknown> {
  return {
    amount,
    currency: payment.currency,
    externalId: payment.paymentId,
    [MTN_PATHS[payment.flow].party]: { partyIdType: 'MSISDN', partyId: payment.msisdn },
    payerMessage: payment.payerMessage ?? payment.description ?? '',
    payeeNote: payment.payeeNote ?? payment.description ?? '',
  };
}

/** MTN error bodies are `{code, message}`; the API gateway's own 401s are `{statusCode, message}`. */
export function mtnCodes(json: unknown): string[] {
  const code = stringField(json, 'code');
  return code ? [code] : [];
}

export const mtnMessage = (json: unknown): string | undefined => stringField(json, 'message');

/** A status body → outcome, through MTN_STATUS_TABLE. `reason` is a string, or `{code, message}` on older APIs. */
export function mtnStatusOutcome(json: unknown): StatusOutcome {
  const status = field(json, 'status');
  const reasonCode = stringField(json, 'reason') ?? stringField(json, 'reason', 'code') ?? '';
  const rule = MTN_STATUS_TABLE.find(
    (row) => row.status === status && (row.reason === '*' || row.reason === reasonCode),
  );
  if (!rule)
    return { kind: 'unknown', reason: `MTN status: unexpected status ${JSON.stringify(status ?? null)}` };
  if (rule.outcome === 'pending') return { kind: 'pending' };
  if (rule.outcome === 'successful') {
    const id = stringField(json, 'financialTransactionId');
    return { kind: 'successful', providerTransactionId: id ? id : null };
  }
  return {
    kind: 'failed',
    code: rule.failure ?? 'provider_error',
    reason: `MTN status: FAILED${reasonCode ? ` ${reasonCode}` : ''}`,
  };
}
