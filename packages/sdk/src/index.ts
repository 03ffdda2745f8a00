import type { paths } from '@molam/contract';
import type { Client } from 'openapi-fetch';
import { createOpenapiClient } from './openapi-client.js';
import { type MolamOptions, type RequestOptions, resolveOptions } from './options.js';
import {
  type AggregatesResource,
  type AnalyticsResource,
  aggregatesResource,
  analyticsResource,
  type TransactionEventsResource,
  transactionEventsResource,
} from './resources/analytics.js';
import { type AuthResource, authResource } from './resources/auth.js';
import type { ResourceContext } from './resources/context.js';
import { type EventsResource, eventsResource } from './resources/events.js';
import { type KeysResource, keysResource } from './resources/keys.js';
import { type MerchantsResource, merchantsResource } from './resources/merchants.js';
import { type PayEntryResource, payEntryResource } from './resources/pay-entry.js';
import { type PaymentsResource, paymentsResource } from './resources/payments.js';
import { health, whoami } from './resources/system.js';
import {
  type AccountsResource,
  accountsResource,
  type CustomersResource,
  customersResource,
  type NotificationsResource,
  notificationsResource,
  type TransfersResource,
  transfersResource,
} from './resources/transfers.js';
import { type WebhookEndpointsResource, webhookEndpointsResource } from './resources/webhook-endpoints.js';
import { type WebhooksResource, webhooksResource } from './resources/webhooks.js';
import { createTransport } from './transport.js';
import type { Health, Whoami } from './types.js';

export interface Molam {
  readonly merchants: MerchantsResource;
  readonly keys: KeysResource;
  readonly payments: PaymentsResource;
  /** Where the merchant's events are delivered, and the deliveries made (`webhooks:manage`). */
  readonly webhookEndpoints: WebhookEndpointsResource;
  /** The merchant's events: listed, resent, or streamed live (`webhooks:manage`). */
  readonly events: EventsResource;
  /** Verifies (and, for tests, signs) webhook deliveries; needs no API key. */
  readonly webhooks: WebhooksResource;
  /** Events about your transactions, for the analytics (`events:write`). */
  readonly transactionEvents: TransactionEventsResource;
  /** The dashboard's figures (`analytics:read`). */
  readonly analytics: AnalyticsResource;
  /** Replaying and checking the aggregates (admin keys). */
  readonly aggregates: AggregatesResource;
  /** Molam ID user tokens: logging out, and the sandbox's development tokens. */
  readonly auth: AuthResource;
  /** The Molam ID user's pay entry preferences, and the module to open (`accessToken` clients). */
  readonly payEntry: PayEntryResource;
  /** Transfers between accounts, with risk scoring and the OTP step-up (`transfers:write`). */
  readonly transfers: TransfersResource;
  /** The customers whose accounts transfers move money between (`transfers:write`). */
  readonly customers: CustomersResource;
  /** Customers' accounts and balances; test deposits (`transfers:write`). */
  readonly accounts: AccountsResource;
  /** Messages sent to customers (OTPs); in test mode with their text (`transfers:read`). */
  readonly notifications: NotificationsResource;
  /** The API key (or user) of this client: its id, merchant, mode and scopes. */
  whoami(opts?: RequestOptions): Promise<Whoami>;
  /** GET /healthz, sent without credentials; resolves for 503 too (check `status`). */
  health(opts?: RequestOptions): Promise<Health>;
  /**
   * The typed openapi-fetch client, over the same transport (auth, retries, timeouts), for
   * operations without a helper. A non-2xx answer rejects with a `MolamError`, so `error` is never set.
   */
  readonly client: Client<paths>;
}

/**
 * Makes a client. Throws a TypeError naming the option when one is invalid.
 * The API key is kept out of the returned object, so logging the client cannot reveal it.
 */
export function createMolam(options?: MolamOptions): Molam {
  const resolved = resolveOptions(options);
  const transport = createTransport(resolved);
  const client = createOpenapiClient(resolved.baseUrl, transport.fetch);
  const context: ResourceContext = { client, transport, sleep: resolved.backoff.sleep };
  return {
    merchants: merchantsResource(context),
    keys: keysResource(context),
    payments: paymentsResource(context),
    webhookEndpoints: webhookEndpointsResource(context),
    events: eventsResource(context),
    webhooks: webhooksResource(),
    transactionEvents: transactionEventsResource(context),
    analytics: analyticsResource(context),
    aggregates: aggregatesResource(context),
    auth: authResource(context),
    payEntry: payEntryResource(context),
    transfers: transfersResource(context),
    customers: customersResource(context),
    accounts: accountsResource(context),
    notifications: notificationsResource(context),
    whoami: (opts) => whoami(context, opts),
    health: (opts) => health(context, opts),
    client,
  };
}

export type { components, operations, paths } from '@molam/contract';
export {
  MolamAbortError,
  MolamAuthenticationError,
  MolamConflictError,
  MolamConnectionError,
  MolamError,
  type MolamErrorInit,
  type MolamFieldError,
  MolamIdempotencyError,
  MolamNotFoundError,
  MolamPermissionError,
  MolamRateLimitError,
  MolamServerError,
  MolamTimeoutError,
  MolamValidationError,
} from './errors.js';
export type {
  EventStreamOptions,
  MolamOptions,
  PaymentWaitOptions,
  RequestOptions,
  WebhookVerifyOptions,
} from './options.js';
export { type Page, PagePromise } from './pagination.js';
export type {
  AggregatesResource,
  AnalyticsResource,
  IngestOptions,
  IngestProgress,
  TransactionEventsResource,
} from './resources/analytics.js';
export type { AuthResource } from './resources/auth.js';
export type { EventStream } from './resources/event-stream.js';
export type { EventsResource } from './resources/events.js';
export type { KeysResource } from './resources/keys.js';
export type { MerchantsResource } from './resources/merchants.js';
export type { PayEntryResource } from './resources/pay-entry.js';
export type { PaymentsResource } from './resources/payments.js';
export type {
  AccountsResource,
  CustomersResource,
  NotificationsResource,
  TransfersResource,
} from './resources/transfers.js';
export type { WebhookEndpointsResource } from './resources/webhook-endpoints.js';
export type { WebhooksResource } from './resources/webhooks.js';
export type { BackoffPolicy, Sleep } from './retry.js';
export type { FetchLike } from './transport.js';
export type * from './types.js';
export { SDK_VERSION } from './version.js';
export {
  type WebhookHeaderName,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks/errors.js';
export type * from './webhooks/events.js';
export {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRawBody,
  type WebhookRequestHeaders,
  type WebhookSignParams,
} from './webhooks/verify.js';
