import { randomBytes } from 'node:crypto';
import type { Flow } from '../../src/payments/providers/types.js';
import { type FakeResponse, type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.js';

/**
 * Zamtel Kwacha as the unofficial integrations show it (PROVIDERS.md): GET with credentials in the query
 * string, `status: "0"` for success. The paths are ours, since there is no public documentation to copy, and
 * a transaction that is still running reports code "3" (also an invention, to exercise configurable codes).
 */

export interface ZamtelTransaction {
  flow: Flow;
  query: Record<string, string>;
  status: string;
}

export interface ZamtelFake extends FakeServer {
  thirdPartyId: string;
  password: string;
  shortcode: string;
  identifier: string;
  credential: string;
  paths: { collection: string; status: string; disbursement: string };
  transactions: Map<string, ZamtelTransaction>;
  settle(conversationId: string, status: string): void;
  /** The ZAMTEL_* variables that point an adapter (or the registry) at this fake. */
  env(): Record<string, string>;
}

export const ZAMTEL_RUNNING = '3';

export async function startZamtelFake(): Promise<ZamtelFake> {
  const thirdPartyId = `tp${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const shortcode = '5050';
  const identifier = 'molam-ops';
  const credential = randomBytes(8).toString('hex');
  const paths = { collection: '/api/v1/collect', status: '/api/v1/status', disbursement: '/api/v1/payout' };
  const transactions = new Map<string, ZamtelTransaction>();

  const route = (request: RecordedRequest): FakeResponse => {
    const { query } = request;
    if (request.method !== 'GET') return { status: 405 };
    if (query.ThirdPartyID !== thirdPartyId || query.Password !== password) {
      return { status: 401, body: { status: '401', message: 'Authentication failed' } };
    }
    if (request.path === paths.status) {
      const transaction = transactions.get(query.ConversationId ?? '');
      if (!transaction) return { status: 200, body: { status: '404', message: 'Unknown ConversationId' } };
      return {
        status: 200,
        body: { status: transaction.status, TransactionID: `ZT${(query.ConversationId ?? '').slice(0, 6)}` },
      };
    }
    const flow =
      request.path === paths.collection
        ? 'collection'
        : request.path === paths.disbursement
          ? 'disbursement'
          : undefined;
    if (!flow) return { status: 404, body: { status: '404', message: 'No such path' } };
    const valid =
      /^\d+\.\d{2}$/.test(query.Amount ?? '') &&
      /^260\d{9}$/.test(query.Msisdn ?? '') &&
      query.Shortcode === shortcode &&
      (query.ConversationId ?? '') !== '' &&
      (flow === 'collection' || (query.identifier === identifier && query.credential === credential));
    if (!valid) return { status: 400, body: { status: '400', message: 'Missing or invalid parameter' } };
    const conversationId = query.ConversationId ?? '';
    if (transactions.has(conversationId))
      return { status: 200, body: { status: '2', message: 'Duplicate ConversationId' } };
    transactions.set(conversationId, { flow, query, status: ZAMTEL_RUNNING });
    return {
      status: 200,
      body: { status: '0', message: 'Request accepted', ConversationId: conversationId },
    };
  };

  const server = await startFakeServer(route, () => false);
  return {
    ...server,
    thirdPartyId,
    password,
    shortcode,
    identifier,
    credential,
    paths,
    transactions,
    settle(conversationId, status) {
      const transaction = transactions.get(conversationId);
      if (!transaction) throw new Error(`no transaction ${conversationId}`);
      transaction.status = status;
    },
    env: () => ({
      ZAMTEL_BASE_URL: server.url,
      ZAMTEL_THIRD_PARTY_ID: thirdPartyId,
      ZAMTEL_PASSWORD: password,
      ZAMTEL_SHORTCODE: shortcode,
      ZAMTEL_COLLECTION_PATH: paths.collection,
      ZAMTEL_STATUS_PATH: paths.status,
      ZAMTEL_DISBURSEMENT_PATH: paths.disbursement,
      ZAMTEL_DISBURSEMENT_IDENTIFIER: identifier,
      ZAMTEL_DISBURSEMENT_CREDENTIAL: credential,
    }),
  };
}
