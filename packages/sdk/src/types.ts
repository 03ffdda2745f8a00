// Friendly names for the generated OpenAPI types; the generated file itself is never edited.
import type { components, operations } from '@molam/contract';

type Schemas = components['schemas'];

export type Scope = Schemas['Scope'];
export type KeyMode = Schemas['KeyMode'];
export type Health = Schemas['Health'];
export type Liveness = Schemas['Liveness'];
export type Readiness = Schemas['Readiness'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type Whoami = Schemas['Whoami'];
export type DevToken = Schemas['DevToken'];
export type DevTokenCreateParams = Schemas['DevTokenCreate'];
export type SignInLink = Schemas['SignInLink'];
export type SignIn = Schemas['SignIn'];
export type PayEntry = Schemas['PayEntry'];
export type PayEntryUpdateParams = Schemas['PayEntryUpdate'];
export type UserRole = Schemas['UserRole'];
export type Merchant = Schemas['Merchant'];
export type MerchantStatus = Schemas['MerchantStatus'];
export type MerchantCreateParams = Schemas['MerchantCreate'];
export type MerchantUpdateParams = Schemas['MerchantUpdate'];
export type MerchantList = Schemas['MerchantList'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type ApiKeyCreateParams = Schemas['ApiKeyCreate'];
export type ApiKeyList = Schemas['ApiKeyList'];
// The generator marks `grace_period_seconds` required because the spec gives it a default;
// for a caller it is optional, and the server applies the default.
export type ApiKeyRotateParams = Partial<Schemas['ApiKeyRotate']>;
export type ProviderName = Schemas['ProviderName'];
export type Flow = Schemas['Flow'];
export type PaymentStatus = Schemas['PaymentStatus'];
export type Payment = Schemas['Payment'];
export type PaymentFailure = Schemas['PaymentFailure'];
export type PaymentCreateParams = Schemas['PaymentCreate'];
export type PaymentList = Schemas['PaymentList'];
export type PaymentAttempt = Schemas['PaymentAttempt'];
export type PaymentAttemptList = Schemas['PaymentAttemptList'];
export type Routing = Schemas['Routing'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
/** What `webhookEndpoints.create` and `rotateSecret` answer: the endpoint and its `secret` (`whsec_…`), shown once. */
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type WebhookEndpointCreateParams = Schemas['WebhookEndpointCreate'];
export type WebhookEndpointUpdateParams = Schemas['WebhookEndpointUpdate'];
export type WebhookEndpointList = Schemas['WebhookEndpointList'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryAttempt = Schemas['WebhookDeliveryAttempt'];
export type WebhookDeliveryList = Schemas['WebhookDeliveryList'];
export type WebhookRecoverParams = Schemas['WebhookRecover'];
export type WebhookRecoverResult = Schemas['WebhookRecoverResult'];
/** What `delete` answers: `{ id, object, deleted: true }`. */
export type DeletedObject = Schemas['DeletedObject'];
/**
 * An event as `events.list` and `events.get` answer it, `data.object` untyped. The stream and
 * `verifyWebhook` give the same envelope typed by `type`: `WebhookEvent`.
 */
export type Event = Schemas['Event'];
export type EventType = Schemas['EventType'];
export type EventList = Schemas['EventList'];
/** `{ endpoint_id? }`: resend to this endpoint only, rather than to every endpoint that wants the event. */
export type EventResendParams = Schemas['EventResend'];

/** `limit` (1 to 100, default 20) and `starting_after` (a previous page's `next_cursor`). */
export type ListParams = NonNullable<operations['listMerchants']['parameters']['query']>;

/** `ListParams` plus the filters `status`, `provider`, `flow`, `created_gte` and `created_lt`. */
export type PaymentListParams = NonNullable<operations['listPayments']['parameters']['query']>;

/** `ListParams` plus the filters `type`, `created_gte` and `created_lt`. */
export type EventListParams = NonNullable<operations['listEvents']['parameters']['query']>;

export type TransactionEventCreateParams = Schemas['TransactionEventCreate'];
export type TransactionEventReceipt = Schemas['TransactionEventReceipt'];
export type TransactionEventBatchResult = Schemas['TransactionEventBatchResult'];
export type AnalyticsOverview = Schemas['AnalyticsOverview'];
export type AnalyticsSeries = Schemas['AnalyticsSeries'];
export type AnalyticsBucket = Schemas['AnalyticsBucket'];
export type AnalyticsTotals = Schemas['AnalyticsTotals'];
export type AnalyticsPaymentMethods = Schemas['AnalyticsPaymentMethods'];
export type AnalyticsTopProducts = Schemas['AnalyticsTopProducts'];
export type AnalyticsCustomers = Schemas['AnalyticsCustomers'];
export type AnalyticsSeriesParams = operations['getAnalyticsSeries']['parameters']['query'];
export type AnalyticsWindowParams = NonNullable<operations['getAnalyticsTopProducts']['parameters']['query']>;
export type AggregateReplay = Schemas['AggregateReplay'];
export type AggregateReplayCreateParams = Schemas['AggregateReplayCreate'];
export type AggregateStatus = Schemas['AggregateStatus'];

export type Transfer = Schemas['Transfer'];
export type TransferStatus = Schemas['TransferStatus'];
export type TransferRisk = Schemas['TransferRisk'];
export type TransferConfirmParams = Schemas['TransferConfirm'];
/** `ListParams` plus the filters `status` and `customer_id`. */
export type TransferListParams = NonNullable<operations['listTransfers']['parameters']['query']>;
export type Customer = Schemas['Customer'];
export type CustomerCreateParams = Schemas['CustomerCreate'];
export type KycStatus = Schemas['KycStatus'];
/** `limit` and `starting_after` (a customer id). */
export type CustomerListParams = NonNullable<operations['listCustomers']['parameters']['query']>;
export type Account = Schemas['Account'];
export type AccountCreateParams = Schemas['AccountCreate'];
/** `ListParams` (the cursor is an account number) plus the filter `customer_id`. */
export type AccountListParams = NonNullable<operations['listAccounts']['parameters']['query']>;
export type Notification = Schemas['Notification'];
/** `ListParams` plus the filter `recipient`. */
export type NotificationListParams = NonNullable<operations['listNotifications']['parameters']['query']>;
