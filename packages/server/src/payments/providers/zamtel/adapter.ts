import { FLOWS } from '@molam/contract';
import { JsonHttpClient } from '../../../platform/outbound/json-client.js';
import { type AdapterOptions, retryPolicyOf } from '../adapter-options.js';
import { formatMinorUnits } from '../currency.js';
import { refusedLocally, statusWithoutAnswer, submitOutcome } from '../outcomes.js';
import { type CallSpec, ProviderClient } from '../provider-client.js';
import type { CallLog, ProviderAdapter, ProviderPayment, StatusOutcome, SubmitOutcome } from '../types.js';
import { zamtelClassification } from './classification.js';
import type { ZamtelConfig } from './config.js';
import {
  DEFAULT_ZAMTEL_WIRE,
  type ZamtelWire,
  zamtelCodes,
  zamtelMessage,
  zamtelStatusOutcome,
} from './wire.js';

export interface ZamtelAdapterOptions extends AdapterOptions {
  /** Field names and result codes, when the real service turns out to differ from the defaults. */
  wire?: ZamtelWire;
}

const ZAMBIA = '260';

export const ZAMTEL_UNVERIFIED =
  'Built from unofficial integrations and never tested against Zamtel: check paths, field names and codes.';

/**
 * Zamtel Kwacha behind the common interface. UNVERIFIED against the real service. Its credentials travel in
 * the query string, so every request is recorded without its URL query, with its parameters redacted instead.
 */
export function createZamtelAdapter(
  config: ZamtelConfig,
  options: ZamtelAdapterOptions = {},
): ProviderAdapter {
  const wire = options.wire ?? DEFAULT_ZAMTEL_WIRE;
  const { fields } = wire;
  const http = new JsonHttpClient({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs });
  const client = new ProviderClient({
    provider: 'zamtel',
    label: 'Zamtel',
    http,
    table: zamtelClassification(wire),
    codesOf: zamtelCodes(wire),
    messageOf: zamtelMessage,
    retry: retryPolicyOf(options),
    redaction: {
      secretFields: [fields.thirdPartyId, fields.password, fields.credential],
      msisdnFields: [fields.msisdn],
      secretValues: [config.password, config.thirdPartyId, config.disbursement?.credential ?? ''],
    },
  });
  const credentials = { [fields.thirdPartyId]: config.thirdPartyId, [fields.password]: config.password };
  const get = (operation: 'submit' | 'status', path: string, query: Record<string, string>): CallSpec => ({
    operation,
    method: 'GET',
    path,
    query,
    recordedBody: query,
  });

  async function submit(payment: ProviderPayment, log: CallLog): Promise<SubmitOutcome> {
    const refuse = (code: 'not_allowed' | 'invalid_currency', reason: string): SubmitOutcome => ({
      kind: 'rejected',
      code,
      reason,
      fallbackAllowed: true,
    });
    if (payment.currency !== 'ZMW') return refuse('invalid_currency', 'Zamtel takes ZMW only');
    if (!payment.msisdn.startsWith(ZAMBIA)) return refuse('not_allowed', 'Zamtel serves +260 numbers only');
    const payout = config.disbursement;
    if (payment.flow === 'disbursement' && !payout) {
      return refuse('not_allowed', config.disabledFlows.disbursement ?? 'Zamtel disbursement is disabled');
    }
    let amount: string;
    try {
      amount = formatMinorUnits(payment.amount, payment.currency);
    } catch (error) {
      return refusedLocally(error, 'Zamtel');
    }
    const query: Record<string, string> = {
      ...credentials,
      [fields.amount]: amount,
      [fields.msisdn]: payment.msisdn,
      [fields.shortcode]: config.shortcode,
      [fields.conversationId]: payment.reference,
    };
    if (payment.flow === 'disbursement' && payout) {
      query[fields.identifier] = payout.identifier;
      query[fields.credential] = payout.credential;
    }
    const path = payment.flow === 'disbursement' && payout ? payout.path : config.collectionPath;
    return submitOutcome(await client.call(get('submit', path, query), log));
  }

  async function status(payment: ProviderPayment, log: CallLog): Promise<StatusOutcome> {
    const query = { ...credentials, [fields.conversationId]: payment.reference };
    const verdict = await client.call(get('status', config.statusPath, query), log);
    if (verdict.decision !== 'answered' || verdict.exchange?.kind !== 'response')
      return statusWithoutAnswer(verdict);
    return zamtelStatusOutcome(verdict.exchange.body.json, wire);
  }

  return {
    name: 'zamtel',
    capabilities: {
      flows: config.disbursement ? [...FLOWS] : ['collection'],
      currencies: ['ZMW'],
      disabledFlows: config.disabledFlows,
      unverified: ZAMTEL_UNVERIFIED,
    },
    submit,
    status,
    close: () => http.close(),
  };
}
