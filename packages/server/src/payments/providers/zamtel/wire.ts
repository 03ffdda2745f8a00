import { stringField } from '../json.js';
import type { FailureCode, StatusOutcome } from '../types.js';

/**
 * UNVERIFIED against the real service. Zamtel publishes no API documentation; these names come from
 * unofficial integrations (a GET API with credentials in the query string and `status: "0"` for success).
 * Everything here can be overridden through `createZamtelAdapter(config, { wire })` once the agreement's
 * documentation says otherwise.
 */
export interface ZamtelWire {
  /** Query parameter names. */
  fields: {
    thirdPartyId: string;
    password: string;
    amount: string;
    msisdn: string;
    shortcode: string;
    conversationId: string;
    /** Payouts only. */
    identifier: string;
    credential: string;
  };
  /** The response field that carries the result code. */
  statusField: string;
  /** The response field that carries Zamtel's transaction id, when there is one. */
  transactionIdField: string;
  successCodes: readonly string[];
  /** Codes that mean "not finished yet" on a status query. None are known. */
  pendingCodes: readonly string[];
  /** Codes that mean a final failure on a status query. None are known; unknown codes stay `unknown`. */
  failedCodes: Readonly<Record<string, FailureCode>>;
}

export const DEFAULT_ZAMTEL_WIRE: ZamtelWire = {
  fields: {
    thirdPartyId: 'ThirdPartyID',
    password: 'Password',
    amount: 'Amount',
    msisdn: 'Msisdn',
    shortcode: 'Shortcode',
    conversationId: 'ConversationId',
    identifier: 'identifier',
    credential: 'credential',
  },
  statusField: 'status',
  transactionIdField: 'TransactionID',
  successCodes: ['0'],
  pendingCodes: [],
  failedCodes: {},
};

export const zamtelCodes =
  (wire: ZamtelWire) =>
  (json: unknown): string[] => {
    const code = stringField(json, wire.statusField);
    return code === undefined ? [] : [code];
  };

export const zamtelMessage = (json: unknown): string | undefined =>
  stringField(json, 'message') ?? stringField(json, 'Message');

/**
 * A status answer → outcome. A code we cannot place stays `unknown` rather than guessed: calling a payout
 * failed when it went through would pay twice.
 */
export function zamtelStatusOutcome(json: unknown, wire: ZamtelWire): StatusOutcome {
  const code = stringField(json, wire.statusField);
  if (code !== undefined && wire.successCodes.includes(code)) {
    return { kind: 'successful', providerTransactionId: stringField(json, wire.transactionIdField) ?? null };
  }
  if (code !== undefined && wire.pendingCodes.includes(code)) return { kind: 'pending' };
  const failure = code === undefined ? undefined : wire.failedCodes[code];
  if (failure) return { kind: 'failed', code: failure, reason: `Zamtel status: ${code}` };
  return {
    kind: 'unknown',
    reason: `Zamtel status: code ${JSON.stringify(code ?? null)} is not mapped (UNVERIFIED)`,
  };
}
