// Generated from openapi/molam.yaml by `pnpm generate`: do not edit. CI fails when it is stale.

/** Permissions an API key holds. */
export const SCOPES = [
  'admin',
  'payments:read',
  'payments:write',
  'webhooks:manage',
  'keys:manage',
  'events:write',
  'analytics:read',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Test and live: separate worlds. */
export const KEY_MODES = ['test', 'live'] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** What can happen to a merchant’s objects. */
export const EVENT_TYPES = [
  'payment.created',
  'payment.succeeded',
  'payment.failed',
  'api_key.created',
  'api_key.revoked',
  'webhook_endpoint.disabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The mobile-money providers and the simulator. */
export const PROVIDER_NAMES = ['mtn', 'airtel', 'zamtel', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Collections take money from a payer, disbursements pay a payee. */
export const FLOWS = ['collection', 'disbursement'] as const;
export type Flow = (typeof FLOWS)[number];

/** Where a payment stands. */
export const PAYMENT_STATUSES = ['pending', 'successful', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why a payment failed. */
export const FAILURE_CODES = [
  'payer_not_found',
  'payee_not_found',
  'insufficient_funds',
  'approval_rejected',
  'expired',
  'limit_exceeded',
  'invalid_amount',
  'invalid_currency',
  'not_allowed',
  'cancelled',
  'provider_unavailable',
  'provider_error',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Whether a merchant may transact. */
export const MERCHANT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** Every code a problem document can carry. */
export const PROBLEM_CODES = [
  'ambiguous_credentials',
  'amount_out_of_range',
  'api_key_expired',
  'api_key_revoked',
  'bad_request',
  'body_not_allowed',
  'currency_not_supported',
  'endpoint_disabled',
  'expiry_not_allowed',
  'flow_not_supported',
  'headers_too_large',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'insufficient_scope',
  'internal_error',
  'invalid_api_key',
  'invalid_authorization_header',
  'invalid_cursor',
  'invalid_endpoint_url',
  'invalid_last_event_id',
  'invalid_routing',
  'invalid_signature',
  'invalid_text',
  'key_expired',
  'key_revoked',
  'key_superseded',
  'live_key_required',
  'live_mode_unavailable',
  'malformed_json',
  'malformed_request',
  'merchant_closed',
  'merchant_inactive',
  'merchant_key_required',
  'method_not_allowed',
  'mode_mismatch',
  'no_provider_available',
  'not_found',
  'payload_too_large',
  'payment_exists',
  'payment_not_found',
  'provider_disabled',
  'provider_not_in_test_mode',
  'provider_unavailable',
  'rate_limited',
  'response_invalid',
  'route_not_found',
  'sandbox_in_live_mode',
  'scope_not_allowed',
  'unauthenticated',
  'unsupported_content_encoding',
  'unsupported_media_type',
  'validation_failed',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Id patterns by prefix: a prefix and 26 characters of a ULID, sortable by time. */
export const ID_PATTERNS = {
  att: '^att_[0-9A-HJKMNP-TV-Z]{26}$',
  del: '^del_[0-9A-HJKMNP-TV-Z]{26}$',
  evt: '^evt_[0-9A-HJKMNP-TV-Z]{26}$',
  key: '^key_[0-9A-HJKMNP-TV-Z]{26}$',
  mer: '^mer_[0-9A-HJKMNP-TV-Z]{26}$',
  pay: '^pay_[0-9A-HJKMNP-TV-Z]{26}$',
  we: '^we_[0-9A-HJKMNP-TV-Z]{26}$',
} as const;
export type IdPrefix = keyof typeof ID_PATTERNS;

/** The bounds the spec sets. */
export const LIMITS = {
  pageSize: { min: 1, max: 100, default: 20 },
  amount: { min: 1, max: 100000000000 },
  rotationGraceSeconds: { min: 0, max: 604800, default: 86400 },
} as const;
