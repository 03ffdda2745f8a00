import type { Molam } from '@molam/sdk';

export type {
  Account,
  AggregateReplay,
  AggregateStatus,
  AnalyticsBucket,
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyWithSecret,
  Customer,
  DeletedObject,
  Event,
  EventStream,
  EventStreamOptions,
  EventType,
  Flow,
  Health,
  KeyMode,
  KycStatus,
  Merchant,
  MerchantStatus,
  Notification,
  PayEntry,
  PayEntryUpdateParams,
  Payment,
  PaymentAttempt,
  PaymentCreateParams,
  PaymentListParams,
  PaymentStatus,
  ProviderName,
  Routing,
  Scope,
  Transfer,
  TransferConfirmParams,
  TransferStatus,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
  WebhookHeaders,
  WebhookSignParams,
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
  webhookEndpoints: Pick<
    Molam['webhookEndpoints'],
    | 'create'
    | 'list'
    | 'get'
    | 'update'
    | 'delete'
    | 'rotateSecret'
    | 'listDeliveries'
    | 'getDelivery'
    | 'retryDelivery'
    | 'recover'
  >;
  events: Pick<Molam['events'], 'list' | 'get' | 'resend' | 'stream'>;
  transactionEvents: Pick<Molam['transactionEvents'], 'ingest'>;
  analytics: Molam['analytics'];
  aggregates: Molam['aggregates'];
  auth: Pick<Molam['auth'], 'createDevToken' | 'logout' | 'createSignInLink'>;
  payEntry: Molam['payEntry'];
  transfers: Molam['transfers'];
  customers: Molam['customers'];
  accounts: Molam['accounts'];
  notifications: Molam['notifications'];
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
