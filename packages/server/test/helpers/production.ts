import { createAdminKey } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { createTestDatabase } from './database.js';
import { type CallOptions, type CallResult, caller } from './server.js';

type Mode = 'test' | 'live';

export interface ProductionServer extends RunningServer {
  merchantId: string;
  /** Admin and merchant keys of each mode. */
  admin: Record<Mode, string>;
  merchant: Record<Mode, string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
}

/**
 * A server with `MOLAM_MODE=production`, bootstrapped the way the runbook does it: admin keys of each mode
 * written into the database, then a merchant and a key of each mode through the API.
 */
export async function startProductionServer(
  env: Record<string, string> = {},
  role: 'api' | 'all' = 'api',
): Promise<ProductionServer> {
  const database = await createTestDatabase();
  const server = await startServer({
    port: 0,
    role,
    ...database.options,
    env: { LOG_LEVEL: 'silent', MOLAM_MODE: 'production', MOLAM_VALIDATE_RESPONSES: 'true', ...env },
  });
  const call = caller(server.url, null);
  const admin = {
    test: (await createAdminKey(server.db, { name: 'ops test', mode: 'test' })).secret,
    live: (await createAdminKey(server.db, { name: 'ops live', mode: 'live' })).secret,
  };
  const merchant = await call('POST', '/api/v1/merchants', {
    key: admin.live,
    body: { name: 'Lusaka Grocers', country: 'ZM', default_currency: 'ZMW' },
  });
  if (merchant.status !== 201) throw new Error(`merchant: ${JSON.stringify(merchant.body)}`);
  const keyOf = async (mode: Mode): Promise<string> => {
    const created = await call('POST', `/api/v1/merchants/${merchant.body.id}/keys`, {
      key: admin[mode],
      body: { name: `${mode} backend`, mode },
    });
    if (created.status !== 201) throw new Error(`${mode} key: ${JSON.stringify(created.body)}`);
    return created.body.secret;
  };
  return {
    ...server,
    merchantId: merchant.body.id,
    admin,
    merchant: { test: await keyOf('test'), live: await keyOf('live') },
    call,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
