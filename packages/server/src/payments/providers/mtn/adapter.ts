import { FLOWS } from '@molam/contract';
import { JsonHttpClient } from '../../../platform/outbound/json-client.js';
import { type AdapterOptions, retryPolicyOf } from '../adapter-options.js';
import { BearerTokenCache, tokenFetcher } from '../bearer-token.js';
import { formatMinorUnits } from '../currency.js';
import { refusedLocally, statusWithoutAnswer, submitOutcome } from '../outcomes.js';
import { ProviderClient } from '../provider-client.js';
import type {
  CallLog,
  Flow,
  ProviderAdapter,
  ProviderPayment,
  StatusOutcome,
  SubmitOutcome,
} from '../types.js';
import { MTN_CLASSIFICATION } from './classification.js';
import type { MtnConfig, MtnProductConfig } from './config.js';
import { currenciesOfEnvironment } from './environments.js';
import { MTN_PATHS, mtnCodes, mtnMessage, mtnRequestBody, mtnStatusOutcome, mtnStatusPath } from './wire.js';

interface Product {
  config: MtnProductConfig;
  client: ProviderClient;
  tokens: BearerTokenCache;
}

/** MTN MoMo Open API: Collection (request to pay) and Disbursement (transfer), each with its own credentials. */
export function createMtnAdapter(config: MtnConfig, options: AdapterOptions = {}): ProviderAdapter {
  const http = new JsonHttpClient({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs });
  const products: Partial<Record<Flow, Product>> = {};
  for (const [flow, product] of Object.entries(config.products) as [Flow, MtnProductConfig][]) {
    const client = new ProviderClient({
      provider: 'mtn',
      label: `MTN ${flow}`,
      http,
      table: MTN_CLASSIFICATION,
      codesOf: mtnCodes,
      messageOf: mtnMessage,
      retry: retryPolicyOf(options),
      redaction: { secretValues: [product.apiKey, product.subscriptionKey] },
    });
    const basic = Buffer.from(`${product.apiUser}:${product.apiKey}`).toString('base64');
    const tokenSpec = {
      operation: 'token',
      method: 'POST',
      path: MTN_PATHS[flow].token,
      headers: { authorization: `Basic ${basic}`, 'ocp-apim-subscription-key': product.subscriptionKey },
    } as const;
    products[flow] = {
      config: product,
      client,
      tokens: new BearerTokenCache(tokenFetcher(client, tokenSpec), options.now),
    };
  }

  const apiHeaders = (product: MtnProductConfig): Record<string, string> => ({
    'ocp-apim-subscription-key': product.subscriptionKey,
    'x-target-environment': product.targetEnvironment,
  });

  async function submit(payment: ProviderPayment, log: CallLog): Promise<SubmitOutcome> {
    const product = products[payment.flow];
    if (!product) return flowDisabled(config, payment.flow);
    let amount: string;
    try {
      amount = formatMinorUnits(payment.amount, payment.currency);
    } catch (error) {
      return refusedLocally(error, 'MTN');
    }
    const headers = { ...apiHeaders(product.config), 'x-reference-id': payment.reference };
    const verdict = await product.client.call(
      {
        operation: 'submit',
        method: 'POST',
        path: MTN_PATHS[payment.flow].submit,
        headers: payment.callbackUrl ? { ...headers, 'x-callback-url': payment.callbackUrl } : headers,
        json: mtnRequestBody(payment, amount),
      },
      log,
      product.tokens,
    );
    return submitOutcome(verdict);
  }

  async function status(payment: ProviderPayment, log: CallLog): Promise<StatusOutcome> {
    const product = products[payment.flow];
    if (!product) return { kind: 'unknown', reason: reasonDisabled(config, payment.flow) };
    const verdict = await product.client.call(
      {
        operation: 'status',
        method: 'GET',
        path: mtnStatusPath(payment.flow, payment.reference),
        headers: apiHeaders(product.config),
      },
      log,
      product.tokens,
    );
    if (verdict.decision !== 'answered' || verdict.exchange?.kind !== 'response')
      return statusWithoutAnswer(verdict);
    return mtnStatusOutcome(verdict.exchange.body.json);
  }

  const configured = Object.values(config.products);
  return {
    name: 'mtn',
    capabilities: {
      flows: FLOWS.filter((flow) => products[flow]),
      currencies: [
        ...new Set(configured.flatMap((product) => currenciesOfEnvironment(product.targetEnvironment))),
      ],
      disabledFlows: config.disabledFlows,
    },
    submit,
    status,
    close: () => http.close(),
  };
}

const reasonDisabled = (config: MtnConfig, flow: Flow): string =>
  config.disabledFlows[flow] ?? `MTN ${flow} is disabled`;

function flowDisabled(config: MtnConfig, flow: Flow): SubmitOutcome {
  return {
    kind: 'rejected',
    code: 'not_allowed',
    reason: reasonDisabled(config, flow),
    fallbackAllowed: true,
  };
}
