import { FLOWS } from '@molam/contract';
import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS } from '../../../platform/outbound/json-client.js';
import {
  baseUrlSchema,
  disabledReason,
  type Env,
  missingFrom,
  parseEnv,
  required,
  timeoutMsSchema,
} from '../env.js';
import type { Flow } from '../types.js';

/** One MTN product (Collection or Disbursement): each has its own API user, key and subscription. */
export interface MtnProductConfig {
  apiUser: string;
  apiKey: string;
  subscriptionKey: string;
  /** `sandbox`, or the country environment (`mtnzambia`, `mtnivorycoast`, …). */
  targetEnvironment: string;
}

export interface MtnConfig {
  baseUrl: string;
  timeoutMs: number;
  /** For the callback route (a gateway in front of us may sign MTN's callbacks); the adapter does not use it. */
  webhookSecret: string | undefined;
  products: Partial<Record<Flow, MtnProductConfig>>;
  /** Why a flow is off, for flows whose variables are missing. */
  disabledFlows: Partial<Record<Flow, string>>;
}

export type MtnConfigResult = { enabled: true; config: MtnConfig } | { enabled: false; reason: string };

const text = z.string().min(1);
const environment = z
  .string()
  .regex(/^[a-z0-9]+$/, 'must be `sandbox` or a country environment like `mtnzambia`');

const shape = {
  MTN_BASE_URL: baseUrlSchema.optional(),
  MTN_TIMEOUT_MS: timeoutMsSchema.optional(),
  MTN_WEBHOOK_SECRET: text.optional(),
  MTN_COLLECTION_API_USER: text.optional(),
  MTN_COLLECTION_PRIMARY_KEY: text.optional(),
  MTN_COLLECTION_SUBSCRIPTION_KEY: text.optional(),
  MTN_COLLECTION_TARGET_ENVIRONMENT: environment.optional(),
  MTN_DISBURSEMENT_API_USER: text.optional(),
  MTN_DISBURSEMENT_PRIMARY_KEY: text.optional(),
  MTN_DISBURSEMENT_SUBSCRIPTION_KEY: text.optional(),
  MTN_DISBURSEMENT_TARGET_ENVIRONMENT: environment.optional(),
};

type MtnEnv = z.infer<z.ZodObject<typeof shape>>;

const PRODUCT_VARIABLES: Readonly<Record<Flow, Readonly<Record<keyof MtnProductConfig, keyof MtnEnv>>>> = {
  collection: {
    apiUser: 'MTN_COLLECTION_API_USER',
    apiKey: 'MTN_COLLECTION_PRIMARY_KEY',
    subscriptionKey: 'MTN_COLLECTION_SUBSCRIPTION_KEY',
    targetEnvironment: 'MTN_COLLECTION_TARGET_ENVIRONMENT',
  },
  disbursement: {
    apiUser: 'MTN_DISBURSEMENT_API_USER',
    apiKey: 'MTN_DISBURSEMENT_PRIMARY_KEY',
    subscriptionKey: 'MTN_DISBURSEMENT_SUBSCRIPTION_KEY',
    targetEnvironment: 'MTN_DISBURSEMENT_TARGET_ENVIRONMENT',
  },
};

/** Reads MTN's variables. Missing ones disable a flow (with the reason); malformed ones throw. */
export function loadMtnConfig(env: Env): MtnConfigResult {
  const values: MtnEnv = parseEnv(shape, env);
  const products: MtnConfig['products'] = {};
  const disabledFlows: MtnConfig['disabledFlows'] = {};
  for (const flow of FLOWS) {
    const names = PRODUCT_VARIABLES[flow];
    const missing = missingFrom(values, ['MTN_BASE_URL', ...Object.values(names)]);
    if (missing.length > 0) {
      disabledFlows[flow] = disabledReason(`MTN ${flow}`, missing);
      continue;
    }
    const read = (name: keyof MtnEnv) => String(required(values[name], name));
    products[flow] = {
      apiUser: read(names.apiUser),
      apiKey: read(names.apiKey),
      subscriptionKey: read(names.subscriptionKey),
      targetEnvironment: read(names.targetEnvironment),
    };
  }
  if (!products.collection && !products.disbursement) {
    return { enabled: false, reason: `${disabledFlows.collection}; ${disabledFlows.disbursement}` };
  }
  return {
    enabled: true,
    config: {
      baseUrl: required(values.MTN_BASE_URL, 'MTN_BASE_URL'),
      timeoutMs: values.MTN_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
      webhookSecret: values.MTN_WEBHOOK_SECRET,
      products,
      disabledFlows,
    },
  };
}
