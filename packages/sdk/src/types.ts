// Friendly names for the generated OpenAPI types; the generated file itself is never edited.
import type { components, operations } from './generated/schema.js';

type Schemas = components['schemas'];

export type Scope = Schemas['Scope'];
export type KeyMode = Schemas['KeyMode'];
export type Health = Schemas['Health'];
export type Liveness = Schemas['Liveness'];
export type Readiness = Schemas['Readiness'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type Whoami = Schemas['Whoami'];
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

/** `limit` (1 to 100, default 20) and `starting_after` (a previous page's `next_cursor`). */
export type ListParams = NonNullable<operations['listMerchants']['parameters']['query']>;

/** `ListParams` plus the filters `status`, `provider`, `flow`, `created_gte` and `created_lt`. */
export type PaymentListParams = NonNullable<operations['listPayments']['parameters']['query']>;
