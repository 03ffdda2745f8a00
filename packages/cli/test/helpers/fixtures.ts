import type {
  ApiKey,
  ApiKeyWithSecret,
  Merchant,
  Payment,
  PaymentAttempt,
  Routing,
} from '../../src/api/client.js';

export const MERCHANT_ID = 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const KEY_ID = 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const SECRET = 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456';
export const PAYMENT_ID = 'pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G';

export function merchant(overrides: Partial<Merchant> = {}): Merchant {
  return {
    id: MERCHANT_ID,
    object: 'merchant',
    name: 'Lusaka Grocers',
    email: 'ops@lusakagrocers.zm',
    country: 'ZM',
    default_currency: 'ZMW',
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
