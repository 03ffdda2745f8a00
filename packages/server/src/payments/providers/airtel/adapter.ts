import { FLOWS } from '@molam/contract';
import { JsonHttpClient } from '../../../platform/outbound/json-client.js';
import { type AdapterOptions, retryPolicyOf } from '../adapter-options.js';
import { BearerTokenCache, tokenFetcher } from '../bearer-token.js';
import { formatMinorUnits } from '../currency.js';
import { refusedLocally, statusWithoutAnswer, submitOutcome } from '../outcomes.js';
import { ProviderClient } from '../provider-client.js';
import { redactText } from '../redact.js';
import type { CallLog, ProviderAdapter, ProviderPayment, StatusOutcome, SubmitOutcome } from '../types.js';
import { AIRTEL_CLASSIFICATION } from './classification.js';
import type { AirtelConfig } from './config.js';
import { AIRTEL_COUNTRIES, nationalNumber } from './countries.js';
import { encryptPin } from './pin.js';
import {
  AIRTEL_PATHS,
  AIRTEL_TOKEN_PATH,
  airtelCodes,
  airtelMessage,
  airtelStatusOutcome,
  collectionBody,
  disbursementBody,
} from './wire.js';

/** Airtel Money Open API: USSD-push collections and PIN-authorised disbursements, one country per adapter. */
export function createAirtelAdapter(config: AirtelConfig, options: AdapterOptions = {}): ProviderAdapter {
  const http = new JsonHttpClient({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs });
  const redaction = {
    secretValues: [config.clientSecret, ...(config.disbursement ? [config.disbursement.pin] : [])],
  };
  const client = new ProviderClient({
    provider: 'airtel',
    label: 'Airtel',
    http,
    table: AIRTEL_CLASSIFICATION,
    codesOf: airtelCodes,
    messageOf: airtelMessage,
    retry: retryPolicyOf(options),
    redaction,
  });
  const tokens = new BearerTokenCache(
    tokenFetcher(client, {
      operation: 'token',
      method: 'POST',
      path: AIRTEL_TOKEN_PATH,
      json: {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: 'client_credentials',
      },
    }),
    options.now,
  );
  const { callingCode, currencies } = AIRTEL_COUNTRIES[config.country];
  const headers = (currency: string) => ({ 'x-country': config.country, 'x-currency': currency });

  async function submit(payment: ProviderPayment, log: CallLog): Promise<SubmitOutcome> {
    const checked = checkBeforeSending(payment);
    if ('refusal' in checked) return checked.refusal;
    let amount: string;
    try {
      amount = formatMinorUnits(payment.amount, payment.currency);
    } catch (error) {
      return refusedLocally(error, 'Airtel');
    }
    const { disbursement } = config;
    const json =
      payment.flow === 'disbursement' && disbursement
        ? disbursementBody(
            payment,
            checked.msisdn,
            amount,
            encryptPin(disbursement.pin, disbursement.publicKey, disbursement.padding),
          )
        : collectionBody(payment, checked.msisdn, amount, config.country);
    const path = AIRTEL_PATHS[payment.flow].submit;
    const spec = {
      operation: 'submit',
      method: 'POST',
      path,
      headers: headers(payment.currency),
      json,
    } as const;
    return submitOutcome(await client.call(spec, log, tokens));
  }

  /** What Airtel would refuse anyway, refused without a call: another provider may take it. */
  function checkBeforeSending(payment: ProviderPayment): { msisdn: string } | { refusal: SubmitOutcome } {
    const refuse = (code: 'not_allowed' | 'invalid_currency', reason: string) => ({
      refusal: { kind: 'rejected', code, reason, fallbackAllowed: true } as const,
    });
    if (payment.flow === 'disbursement' && !config.disbursement) {
      return refuse('not_allowed', config.disabledFlows.disbursement ?? 'Airtel disbursement is disabled');
    }
    if (!(currencies as readonly string[]).includes(payment.currency)) {
      return refuse('invalid_currency', `Airtel ${config.country} does not take ${payment.currency}`);
    }
    const msisdn = nationalNumber(payment.msisdn, config.country);
    return msisdn
      ? { msisdn }
      : refuse('not_allowed', `Airtel ${config.country} serves +${callingCode} numbers only`);
  }

  async function status(payment: ProviderPayment, log: CallLog): Promise<StatusOutcome> {
    const path = `${AIRTEL_PATHS[payment.flow].enquiry}${encodeURIComponent(payment.reference)}`;
    const spec = { operation: 'status', method: 'GET', path, headers: headers(payment.currency) } as const;
    const verdict = await client.call(spec, log, tokens);
    if (verdict.decision !== 'answered' || verdict.exchange?.kind !== 'response')
      return statusWithoutAnswer(verdict);
    const outcome = airtelStatusOutcome(verdict.exchange.body.json);
    return outcome.kind === 'failed'
      ? { ...outcome, reason: redactText(outcome.reason, redaction) }
      : outcome;
  }

  return {
    name: 'airtel',
    capabilities: {
      flows: config.disbursement ? [...FLOWS] : ['collection'],
      currencies,
      disabledFlows: config.disabledFlows,
    },
    submit,
    status,
    close: () => http.close(),
  };
}
