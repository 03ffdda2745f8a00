import { randomBytes, randomUUID } from 'node:crypto';
import type { Flow } from '../../src/payments/providers/types.js';
import { type FakeResponse, type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.js';

/** MTN MoMo Open API, as PROVIDERS.md describes it: token flow, request to pay, transfer, status, 409 on reuse. */

export interface MtnFakeProduct {
  apiUser: string;
  apiKey: string;
  subscriptionKey: string;
}

export interface MtnTransaction {
  flow: Flow;
  body: Record<string, unknown>;
  callbackUrl: string | undefined;
  status: 'PENDING' | 'SUCCESSFUL' | 'FAILED';
  reason?: string;
  financialTransactionId?: string;
}

export interface MtnFake extends FakeServer {
  credentials: Record<Flow, MtnFakeProduct>;
  targetEnvironment: string;
  transactions: Map<string, MtnTransaction>;
  readonly tokensIssued: number;
  /** Moves a transaction to its final state, as the payer's phone would. */
  settle(reference: string, status: 'SUCCESSFUL' | 'FAILED' | 'PENDING', reason?: string): void;
  /** Forgets every token issued: the next API call with a cached token gets a 401. */
  revokeTokens(): void;
  /** The MTN_* variables that point an adapter (or the registry) at this fake. */
  env(): Record<string, string>;
}

export interface MtnFakeOptions {
  targetEnvironment?: string;
  /** Seconds, as the token answer states it. */
  expiresIn?: number;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const PATH = /^\/(collection|disbursement)\/(token\/|v1_0\/(requesttopay|transfer)(?:\/([^/]+))?)$/;

export async function startMtnFake(options: MtnFakeOptions = {}): Promise<MtnFake> {
  const product = (): MtnFakeProduct => ({
    apiUser: randomUUID(),
    apiKey: randomBytes(16).toString('hex'),
    subscriptionKey: randomBytes(16).toString('hex'),
  });
  const credentials: Record<Flow, MtnFakeProduct> = { collection: product(), disbursement: product() };
  const targetEnvironment = options.targetEnvironment ?? 'sandbox';
  const tokens = new Map<string, Flow>();
  const transactions = new Map<string, MtnTransaction>();
  let tokensIssued = 0;

  const route = (request: RecordedRequest): FakeResponse => {
    const match = PATH.exec(request.path);
    if (!match) return { status: 404, body: { code: 'RESOURCE_NOT_FOUND', message: 'No such endpoint.' } };
    const flow = match[1] as Flow;
    const expected = credentials[flow];
    if (request.headers['ocp-apim-subscription-key'] !== expected.subscriptionKey) {
      return {
        status: 401,
        body: { statusCode: 401, message: 'Access denied due to invalid subscription key.' },
      };
    }
    if (match[2] === 'token/') {
      const basic = `Basic ${Buffer.from(`${expected.apiUser}:${expected.apiKey}`).toString('base64')}`;
      if (request.method !== 'POST' || request.headers.authorization !== basic)
        return { status: 401, body: { error: 'login_failed' } };
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, flow);
      tokensIssued += 1;
      return {
        status: 200,
        body: { access_token: token, token_type: 'access_token', expires_in: options.expiresIn ?? 3600 },
      };
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (tokens.get(bearer) !== flow)
      return { status: 401, body: { statusCode: 401, message: 'Invalid token.' } };
    if (request.headers['x-target-environment'] !== targetEnvironment) {
      return { status: 500, body: { code: 'NOT_ALLOWED_TARGET_ENVIRONMENT', message: 'Wrong environment.' } };
    }
    const wantedOperation = flow === 'collection' ? 'requesttopay' : 'transfer';
    if (match[3] !== wantedOperation)
      return { status: 404, body: { code: 'RESOURCE_NOT_FOUND', message: 'Not found.' } };
    const reference = match[4];
    if (request.method === 'GET' && reference) return statusOf(decodeURIComponent(reference), flow);
    if (request.method === 'POST' && !reference) return create(request, flow);
    return { status: 405 };
  };

  const statusOf = (reference: string, flow: Flow): FakeResponse => {
    const transaction = transactions.get(reference);
    if (!transaction || transaction.flow !== flow) {
      return {
        status: 404,
        body: { code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' },
      };
    }
    const { body, status, reason, financialTransactionId } = transaction;
    return { status: 200, body: { ...body, status, ...(reason ? { reason } : {}), financialTransactionId } };
  };

  const create = (request: RecordedRequest, flow: Flow): FakeResponse => {
    const reference = request.headers['x-reference-id'] ?? '';
    if (!UUID_V4.test(reference))
      return { status: 400, body: { message: 'X-Reference-Id must be a UUID v4.' } };
    if (transactions.has(reference)) {
      return { status: 409, body: { code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id.' } };
    }
    if (!validBody(request.json, flow === 'collection' ? 'payer' : 'payee')) {
      return { status: 400, body: { message: 'Bad request.' } };
    }
    transactions.set(reference, {
      flow,
      body: request.json as Record<string, unknown>,
      callbackUrl: request.headers['x-callback-url'],
      status: 'PENDING',
    });
    return { status: 202 };
  };

  const server = await startFakeServer(route, (request) => request.path.endsWith('/token/'));
  return {
    ...server,
    credentials,
    targetEnvironment,
    transactions,
    get tokensIssued() {
      return tokensIssued;
    },
    settle(reference: string, status: MtnTransaction['status'], reason?: string) {
      const transaction = transactions.get(reference);
      if (!transaction) throw new Error(`no transaction ${reference}`);
      Object.assign(transaction, {
        status,
        reason,
        financialTransactionId: status === 'SUCCESSFUL' ? '9876543210' : undefined,
      });
    },
    revokeTokens: () => tokens.clear(),
    env: () => mtnEnv(server.url, credentials, targetEnvironment),
  };
}

function validBody(json: unknown, party: 'payer' | 'payee'): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const body = json as Record<string, unknown>;
  const who = body[party] as Record<string, unknown> | undefined;
  return (
    typeof body.amount === 'string' &&
    /^\d+(\.\d+)?$/.test(body.amount) &&
    typeof body.currency === 'string' &&
    /^[A-Z]{3}$/.test(body.currency) &&
    typeof body.externalId === 'string' &&
    who?.partyIdType === 'MSISDN' &&
    typeof who.partyId === 'string' &&
    /^\d{6,15}$/.test(who.partyId)
  );
}

function mtnEnv(
  url: string,
  credentials: Record<Flow, MtnFakeProduct>,
  environment: string,
): Record<string, string> {
  const env: Record<string, string> = { MTN_BASE_URL: url };
  for (const flow of ['collection', 'disbursement'] as const) {
    const prefix = `MTN_${flow.toUpperCase()}`;
    env[`${prefix}_API_USER`] = credentials[flow].apiUser;
    env[`${prefix}_PRIMARY_KEY`] = credentials[flow].apiKey;
    env[`${prefix}_SUBSCRIPTION_KEY`] = credentials[flow].subscriptionKey;
    env[`${prefix}_TARGET_ENVIRONMENT`] = environment;
  }
  return env;
}
