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

export interface ZamtelDisbursementConfig {
  path: string;
  identifier: string;
  credential: string;
}

export interface ZamtelConfig {
  baseUrl: string;
  thirdPartyId: string;
  password: string;
  shortcode: string;
  collectionPath: string;
  statusPath: string;
  timeoutMs: number;
  disbursement: ZamtelDisbursementConfig | undefined;
  disabledFlows: Partial<Record<Flow, string>>;
}

export type ZamtelConfigResult = { enabled: true; config: ZamtelConfig } | { enabled: false; reason: string };

const path = z.string().regex(/^\/[^?#\s]*$/, 'must be a path starting with / and without a query string');
const text = z.string().min(1);

/**
 * There is no public documentation of Zamtel's paths, so they have no defaults: an operator copies them from
 * the agreement's documentation. The payout identifier and credential are ours too (unofficial integrations
 * send `identifier` and `credential` on payouts).
 */
const shape = {
  ZAMTEL_BASE_URL: baseUrlSchema.optional(),
  ZAMTEL_THIRD_PARTY_ID: text.optional(),
  ZAMTEL_PASSWORD: text.optional(),
  ZAMTEL_SHORTCODE: text.optional(),
  ZAMTEL_COLLECTION_PATH: path.optional(),
  ZAMTEL_STATUS_PATH: path.optional(),
  ZAMTEL_DISBURSEMENT_PATH: path.optional(),
  ZAMTEL_DISBURSEMENT_IDENTIFIER: text.optional(),
  ZAMTEL_DISBURSEMENT_CREDENTIAL: text.optional(),
  ZAMTEL_TIMEOUT_MS: timeoutMsSchema.optional(),
};

const COLLECTION_VARIABLES = [
  'ZAMTEL_BASE_URL',
  'ZAMTEL_THIRD_PARTY_ID',
  'ZAMTEL_PASSWORD',
  'ZAMTEL_SHORTCODE',
  'ZAMTEL_COLLECTION_PATH',
  'ZAMTEL_STATUS_PATH',
];
const DISBURSEMENT_VARIABLES = [
  ...COLLECTION_VARIABLES.filter((name) => name !== 'ZAMTEL_COLLECTION_PATH'),
  'ZAMTEL_DISBURSEMENT_PATH',
  'ZAMTEL_DISBURSEMENT_IDENTIFIER',
  'ZAMTEL_DISBURSEMENT_CREDENTIAL',
];

/** Reads Zamtel's variables. Missing ones disable a flow (with the reason); malformed ones throw. */
export function loadZamtelConfig(env: Env): ZamtelConfigResult {
  const values = parseEnv(shape, env);
  const missingForCollection = missingFrom(values, COLLECTION_VARIABLES);
  if (missingForCollection.length > 0) {
    return { enabled: false, reason: disabledReason('Zamtel', missingForCollection) };
  }
  const missingForDisbursement = missingFrom(values, DISBURSEMENT_VARIABLES);
  const { ZAMTEL_DISBURSEMENT_PATH, ZAMTEL_DISBURSEMENT_IDENTIFIER, ZAMTEL_DISBURSEMENT_CREDENTIAL } = values;
  return {
    enabled: true,
    config: {
      baseUrl: required(values.ZAMTEL_BASE_URL, 'ZAMTEL_BASE_URL'),
      thirdPartyId: required(values.ZAMTEL_THIRD_PARTY_ID, 'ZAMTEL_THIRD_PARTY_ID'),
      password: required(values.ZAMTEL_PASSWORD, 'ZAMTEL_PASSWORD'),
      shortcode: required(values.ZAMTEL_SHORTCODE, 'ZAMTEL_SHORTCODE'),
      collectionPath: required(values.ZAMTEL_COLLECTION_PATH, 'ZAMTEL_COLLECTION_PATH'),
      statusPath: required(values.ZAMTEL_STATUS_PATH, 'ZAMTEL_STATUS_PATH'),
      timeoutMs: values.ZAMTEL_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
      disbursement:
        ZAMTEL_DISBURSEMENT_PATH && ZAMTEL_DISBURSEMENT_IDENTIFIER && ZAMTEL_DISBURSEMENT_CREDENTIAL
          ? {
              path: ZAMTEL_DISBURSEMENT_PATH,
              identifier: ZAMTEL_DISBURSEMENT_IDENTIFIER,
              credential: ZAMTEL_DISBURSEMENT_CREDENTIAL,
            }
          : undefined,
      disabledFlows:
        missingForDisbursement.length > 0
          ? { disbursement: disabledReason('Zamtel disbursement', missingForDisbursement) }
          : {},
    },
  };
}
