import type {
  ApiKey,
  ApiKeyWithSecret,
  Event,
  Merchant,
  Payment,
  PaymentAttempt,
  Routing,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '../../src/api/client.js';

export const MERCHANT_ID = 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const KEY_ID = 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const SECRET = 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456';
export const PAYMENT_ID = 'pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const ENDPOINT_ID = 'we_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const DELIVERY_ID = 'del_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const EVENT_ID = 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export function merchant(overrides: Partial<Merchant> = {}): Merchant {
  return {
    id: MERCHANT_ID,
    object: 'merchant',
    name: 'Lusaka Grocers',
    email: 'ops@lusakagrocers.zm',
    country: 'ZM',
    default_currency: 'ZMW',
    time_zone: 'Africa/Lusaka',
    status: 'active',
    created_at: '2026-11-22T09:30:00.000Z',
    updated_at: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: KEY_ID,
    object: 'api_key',
    merchant_id: MERCHANT_ID,
    name: 'checkout backend',
    mode: 'test',
    prefix: 'mk_test_ab12cd34',
    scopes: ['payments:read', 'payments:write'],
    status: 'active',
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    created_at: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

export function apiKeyWithSecret(overrides: Partial<ApiKeyWithSecret> = {}): ApiKeyWithSecret {
  return { ...apiKey(), secret: SECRET, ...overrides };
}

export function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: PAYMENT_ID,
    object: 'payment',
    merchant_id: MERCHANT_ID,
    external_id: 'order-1042',
    flow: 'collection',
    amount: 1250,
    currency: 'ZMW',
    payer: '260971234567',
    payee: null,
    provider: 'sandbox',
    status: 'pending',
    failure: null,
    provider_transaction_id: null,
    description: null,
    payer_message: null,
    payee_note: null,
    metadata: {},
    mode: 'test',
    created_at: '2026-11-22T09:30:00.000Z',
    updated_at: '2026-11-22T09:30:00.000Z',
    completed_at: null,
    ...overrides,
  };
}

export function attempt(overrides: Partial<PaymentAttempt> = {}): PaymentAttempt {
  return {
    id: 'att_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
    object: 'payment_attempt',
    payment_id: PAYMENT_ID,
    provider: 'sandbox',
    operation: 'submit',
    method: 'POST',
    url: 'sandbox://collection/requesttopay',
    http_status: 202,
    decision: 'accepted',
    duration_ms: 3,
    request: {},
    response: null,
    error: null,
    created_at: '2026-11-22T09:30:01.000Z',
    ...overrides,
  };
}

export function routing(overrides: Partial<Routing> = {}): Routing {
  return {
    object: 'routing',
    merchant_id: MERCHANT_ID,
    currencies: { ZMW: ['mtn', 'airtel'] },
    updated_at: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

/** Logs what a fake was called with and answers `result`: `async (body) => record(bodies, body, merchant())`. */
export function record<Entry, Result>(log: Entry[], entry: Entry, result: Result): Result {
  log.push(entry);
  return result;
}

export function webhookEndpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: ENDPOINT_ID,
    object: 'webhook_endpoint',
    url: 'https://shop.example.com/hooks/molam',
    enabled_events: ['payment.succeeded', 'payment.failed'],
    description: null,
    status: 'enabled',
    disabled_reason: null,
    created_at: '2026-11-22T09:30:00.000Z',
    updated_at: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

export function webhookEndpointWithSecret(
  overrides: Partial<WebhookEndpointWithSecret> = {},
): WebhookEndpointWithSecret {
  return { ...webhookEndpoint(), secret: WEBHOOK_SECRET, ...overrides };
}

export function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: DELIVERY_ID,
    object: 'webhook_delivery',
    endpoint_id: ENDPOINT_ID,
    event_id: EVENT_ID,
    event_type: 'payment.succeeded',
    status: 'failed',
    attempt_count: 1,
    next_attempt_at: '2026-11-22T09:35:00.000Z',
    attempts: [
      {
        attempted_at: '2026-11-22T09:30:01.000Z',
        status_code: 500,
        latency_ms: 42,
        response_body: 'oops',
        error: null,
      },
    ],
    created_at: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

/** A `payment.succeeded` event, as the stream and `verifyWebhook` give it. */
export function paymentEvent(id = EVENT_ID, overrides: Partial<Payment> = {}): WebhookEvent {
  return {
    id,
    object: 'event',
    type: 'payment.succeeded',
    created: '2026-11-22T09:30:02.000Z',
    data: { object: payment({ status: 'successful', ...overrides }) },
  };
}

/** The same event as `events.list` and `events.get` answer it. */
export function event(overrides: { id?: string } = {}): Event {
  return { ...paymentEvent(), ...overrides } as Event;
}
