import type { Molam } from '@molam/sdk';

export type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyWithSecret,
  Flow,
  Health,
  KeyMode,
  Merchant,
  MerchantStatus,
  Payment,
  PaymentAttempt,
  PaymentCreateParams,
  PaymentListParams,
  PaymentStatus,
  ProviderName,
  Routing,
  Scope,
  Whoami,
} from '@molam/sdk';

/** The part of the SDK the CLI calls; tests hand commands a fake of exactly this. */
export interface MolamClient {
  merchants: Pick<
    Molam['merchants'],
    'create' | 'list' | 'get' | 'update' | 'createKey' | 'listKeys' | 'getRouting' | 'setRouting'
  >;
  payments: Pick<Molam['payments'], 'create' | 'get' | 'list' | 'attempts' | 'waitFor'>;
  keys: Pick<Molam['keys'], 'create' | 'list' | 'get' | 'revoke' | 'rotate'>;
  whoami: Molam['whoami'];
  health: Molam['health'];
}

export interface ClientOptions {
  apiKey: string | undefined;
  baseUrl: string;
}

/** The SDK loads on the first API call, not at start-up. */
export async function createSdkClient(options: ClientOptions): Promise<MolamClient> {
  const { createMolam } = await import('@molam/sdk');
  return createMolam(options);
}
