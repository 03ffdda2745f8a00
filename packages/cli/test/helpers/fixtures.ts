import type { ApiKey, ApiKeyWithSecret, Merchant } from '../../src/api/client.js';

export const MERCHANT_ID = 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const KEY_ID = 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const SECRET = 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456';

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

/** Logs what a fake was called with and answers `result`: `async (body) => record(bodies, body, merchant())`. */
export function record<Entry, Result>(log: Entry[], entry: Entry, result: Result): Result {
  log.push(entry);
  return result;
}
