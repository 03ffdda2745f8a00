import { constants, generateKeyPairSync, type KeyObject, privateDecrypt, randomBytes } from 'node:crypto';
import type { Flow } from '../../src/payments/providers/types.js';
import { type FakeResponse, type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.js';

/** Airtel Money Open API, as PROVIDERS.md describes it: JSON token, envelopes with DP/ESB codes, RSA PIN. */

export type AirtelStatus = 'TS' | 'TF' | 'TA' | 'TIP' | 'TE';

export interface AirtelTransaction {
  flow: Flow;
  body: Record<string, unknown>;
  status: AirtelStatus;
  responseCode?: string;
}

export interface AirtelFake extends FakeServer {
  clientId: string;
  clientSecret: string;
  country: string;
  pin: string;
  publicKeyPem: string;
  transactions: Map<string, AirtelTransaction>;
  /** The PINs the fake decrypted from disbursement requests. */
  decryptedPins: string[];
  readonly tokensIssued: number;
  settle(id: string, status: AirtelStatus, responseCode?: string): void;
  revokeTokens(): void;
  /** The AIRTEL_* variables that point an adapter (or the registry) at this fake. */
  env(): Record<string, string>;
}

export interface AirtelFakeOptions {
  country?: string;
  padding?: 'pkcs1' | 'oaep';
  /** As the token answer states it: Airtel sends a string. */
  expiresIn?: string | number;
}

const envelope = (
  code: string,
  responseCode: string,
  success: boolean,
  data: unknown = {},
  message = 'Success.',
) => ({
  data,
  status: { code: '200', message, result_code: code, response_code: responseCode, success },
});

export async function startAirtelFake(options: AirtelFakeOptions = {}): Promise<AirtelFake> {
  const country = options.country ?? 'ZM';
  const padding = options.padding ?? 'pkcs1';
  const clientId = randomBytes(8).toString('hex');
  const clientSecret = randomBytes(16).toString('hex');
  const pin = '4321';
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokens = new Set<string>();
  const transactions = new Map<string, AirtelTransaction>();
  const decryptedPins: string[] = [];
  let tokensIssued = 0;

  const route = (request: RecordedRequest): FakeResponse => {
    if (request.path === '/auth/oauth2/token') return issueToken(request.json);
    if (!tokens.has(request.headers.authorization?.replace(/^Bearer /, '') ?? '')) {
      return { status: 401, body: { error: 'invalid_token' } };
    }
    if (request.headers['x-country'] !== country || !/^[A-Z]{3}$/.test(request.headers['x-currency'] ?? '')) {
      return { status: 400, body: envelope('ESB000008', '', false, {}, 'X-Country or X-Currency invalid') };
    }
    const enquiry = /^\/standard\/v1\/(payments|disbursements)\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && enquiry) {
      return enquire(
        decodeURIComponent(enquiry[2] ?? ''),
        enquiry[1] === 'payments' ? 'collection' : 'disbursement',
      );
    }
    if (request.method === 'POST' && request.path === '/merchant/v1/payments/') return collect(request.json);
    if (request.method === 'POST' && request.path === '/standard/v1/disbursements/')
      return disburse(request.json);
    return { status: 404, body: { error: 'not found' } };
  };

  const issueToken = (json: unknown): FakeResponse => {
    const body = (json ?? {}) as Record<string, unknown>;
    const valid =
      body.client_id === clientId &&
      body.client_secret === clientSecret &&
      body.grant_type === 'client_credentials';
    if (!valid)
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    tokensIssued += 1;
    return {
      status: 200,
      body: { access_token: token, expires_in: options.expiresIn ?? '180', token_type: 'bearer' },
    };
  };

  const collect = (json: unknown): FakeResponse => {
    const body = (json ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const { subscriber, transaction } = body;
    const valid =
      typeof body.reference === 'string' &&
      subscriber?.country === country &&
      typeof subscriber.msisdn === 'string' &&
      /^\d{9}$/.test(subscriber.msisdn) &&
      typeof transaction?.amount === 'number' &&
      transaction.amount > 0 &&
      transaction.country === country &&
      typeof transaction.currency === 'string' &&
      typeof transaction.id === 'string';
    if (!valid) return { status: 400, body: envelope('ESB000008', '', false, {}, 'Field validation failed') };
    const id = String(transaction?.id);
    if (transactions.has(id))
      return { status: 200, body: envelope('ESB000041', '', false, {}, 'Duplicate id') };
    transactions.set(id, { flow: 'collection', body: json as Record<string, unknown>, status: 'TIP' });
    return {
      status: 200,
      body: envelope('ESB000010', 'DP00800001006', true, { transaction: { id, status: 'Success.' } }),
    };
  };

  const disburse = (json: unknown): FakeResponse => {
    const body = (json ?? {}) as Record<string, Record<string, unknown> | string | undefined>;
    const payee = body.payee as Record<string, unknown> | undefined;
    const transaction = body.transaction as Record<string, unknown> | undefined;
    const valid =
      typeof payee?.msisdn === 'string' &&
      /^\d{9}$/.test(payee.msisdn) &&
      typeof body.reference === 'string' &&
      typeof transaction?.amount === 'number' &&
      typeof transaction.id === 'string';
    if (!valid) return { status: 400, body: envelope('ESB000008', '', false, {}, 'Field validation failed') };
    const decrypted = decryptPin(String(body.pin ?? ''), privateKey, padding);
    if (decrypted !== undefined) decryptedPins.push(decrypted);
    if (decrypted !== pin) return { status: 400, body: envelope('ESB000008', '', false, {}, 'Invalid PIN') };
    const id = String(transaction?.id);
    if (transactions.has(id))
      return { status: 200, body: envelope('ESB000001', 'DP00900001011', false, {}, 'Duplicate') };
    transactions.set(id, { flow: 'disbursement', body: json as Record<string, unknown>, status: 'TS' });
    const data = {
      transaction: { id, reference_id: 'R1', airtel_money_id: `AM${id.slice(0, 8)}`, status: 'TS' },
    };
    return { status: 200, body: envelope('ESB000010', 'DP00900001001', true, data) };
  };

  const enquire = (id: string, flow: Flow): FakeResponse => {
    const transaction = transactions.get(id);
    if (!transaction || transaction.flow !== flow) {
      return { status: 200, body: envelope('ESB000045', '', false, {}, 'No transaction found') };
    }
    const data = {
      transaction: {
        airtel_money_id: `AM${id.slice(0, 8)}`,
        id,
        message: 'Paid by 260971234567',
        status: transaction.status,
      },
    };
    const prefix = flow === 'collection' ? 'DP0080000' : 'DP0090000';
    const responseCode =
      transaction.responseCode ?? `${prefix}${transaction.status === 'TS' ? '1001' : '1006'}`;
    return { status: 200, body: envelope('ESB000010', responseCode, true, data) };
  };

  const server = await startFakeServer(route, (request) => request.path === '/auth/oauth2/token');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    ...server,
    clientId,
    clientSecret,
    country,
    pin,
    publicKeyPem,
    transactions,
    decryptedPins,
    get tokensIssued() {
      return tokensIssued;
    },
    settle(id, status, responseCode) {
      const transaction = transactions.get(id);
      if (!transaction) throw new Error(`no transaction ${id}`);
      Object.assign(transaction, { status, responseCode });
    },
    revokeTokens: () => tokens.clear(),
    env: () => ({
      AIRTEL_BASE_URL: server.url,
      AIRTEL_CLIENT_ID: clientId,
      AIRTEL_CLIENT_SECRET: clientSecret,
      AIRTEL_COUNTRY: country,
      AIRTEL_DISBURSEMENT_PIN: pin,
      AIRTEL_PIN_PUBLIC_KEY: publicKeyPem,
      AIRTEL_PIN_PADDING: padding,
    }),
  };
}

/**
 * Node refuses PKCS#1 v1.5 private decryption (a timing-attack mitigation), so the fake decrypts without
 * padding and checks the v1.5 layout itself: 00 02, at least 8 non-zero bytes, 00, message.
 */
function decryptPin(base64: string, key: KeyObject, padding: 'pkcs1' | 'oaep'): string | undefined {
  try {
    const cipher = Buffer.from(base64, 'base64');
    if (padding === 'oaep') {
      return privateDecrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
        cipher,
      ).toString();
    }
    const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, cipher);
    const separator = block.indexOf(0, 2);
    if (block[0] !== 0 || block[1] !== 2 || separator < 10) return undefined;
    return block.subarray(separator + 1).toString();
  } catch {
    return undefined;
  }
}
