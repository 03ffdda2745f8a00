import { createPublicKey, type KeyObject } from 'node:crypto';
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
import { AIRTEL_COUNTRY_CODES, type AirtelCountry } from './countries.js';
import type { PinPadding } from './pin.js';

export interface AirtelDisbursementConfig {
  pin: string;
  publicKey: KeyObject;
  padding: PinPadding;
}

export interface AirtelConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  country: AirtelCountry;
  timeoutMs: number;
  /** Absent when the PIN or its public key is not configured. */
  disbursement: AirtelDisbursementConfig | undefined;
  disabledFlows: Partial<Record<Flow, string>>;
}

export type AirtelConfigResult = { enabled: true; config: AirtelConfig } | { enabled: false; reason: string };

/** PEM from an environment variable, where newlines are often written as `\n`. */
const publicKeyPem = z
  .string()
  .transform((value) => value.replace(/\\n/g, '\n'))
  .refine((pem) => {
    try {
      createPublicKey(pem);
      return true;
    } catch {
      return false;
    }
  }, 'must be an RSA public key in PEM');

const shape = {
  AIRTEL_BASE_URL: baseUrlSchema.optional(),
  AIRTEL_CLIENT_ID: z.string().min(1).optional(),
  AIRTEL_CLIENT_SECRET: z.string().min(1).optional(),
  AIRTEL_COUNTRY: z.enum(AIRTEL_COUNTRY_CODES).optional(),
  AIRTEL_DISBURSEMENT_PIN: z
    .string()
    .regex(/^\d{4,6}$/, 'must be 4 to 6 digits')
    .optional(),
  AIRTEL_PIN_PUBLIC_KEY: publicKeyPem.optional(),
  AIRTEL_PIN_PADDING: z.enum(['pkcs1', 'oaep']).default('pkcs1'),
  AIRTEL_TIMEOUT_MS: timeoutMsSchema.optional(),
};

const COLLECTION_VARIABLES = [
  'AIRTEL_BASE_URL',
  'AIRTEL_CLIENT_ID',
  'AIRTEL_CLIENT_SECRET',
  'AIRTEL_COUNTRY',
];
const DISBURSEMENT_VARIABLES = [...COLLECTION_VARIABLES, 'AIRTEL_DISBURSEMENT_PIN', 'AIRTEL_PIN_PUBLIC_KEY'];

/** Reads Airtel's variables. Missing ones disable a flow (with the reason); malformed ones throw. */
export function loadAirtelConfig(env: Env): AirtelConfigResult {
  const values = parseEnv(shape, env);
  const missingForCollection = missingFrom(values, COLLECTION_VARIABLES);
  if (missingForCollection.length > 0) {
    return { enabled: false, reason: disabledReason('Airtel', missingForCollection) };
  }
  const missingForDisbursement = missingFrom(values, DISBURSEMENT_VARIABLES);
  const pin = values.AIRTEL_DISBURSEMENT_PIN;
  const pem = values.AIRTEL_PIN_PUBLIC_KEY;
  return {
    enabled: true,
    config: {
      baseUrl: required(values.AIRTEL_BASE_URL, 'AIRTEL_BASE_URL'),
      clientId: required(values.AIRTEL_CLIENT_ID, 'AIRTEL_CLIENT_ID'),
      clientSecret: required(values.AIRTEL_CLIENT_SECRET, 'AIRTEL_CLIENT_SECRET'),
      country: required(values.AIRTEL_COUNTRY, 'AIRTEL_COUNTRY'),
      timeoutMs: values.AIRTEL_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
      disbursement:
        pin && pem ? { pin, publicKey: createPublicKey(pem), padding: values.AIRTEL_PIN_PADDING } : undefined,
      disabledFlows:
        missingForDisbursement.length > 0
          ? { disbursement: disabledReason('Airtel disbursement', missingForDisbursement) }
          : {},
    },
  };
}
