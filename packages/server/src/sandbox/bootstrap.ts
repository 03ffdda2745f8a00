import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Actor } from '../audit/audit.js';
import { authenticateSecret, createKey } from '../keys/service.js';
import { countAdminKeys } from '../keys/store.js';
import { createMerchant } from '../merchants/service.js';
import type { Database } from '../platform/db/index.js';
import { seedTransferDemo } from './transfer-demo.js';

export interface SandboxCredentials {
  baseUrl: string;
  adminKey: string;
  merchantId: string;
  merchantKey: string;
}

type StoredCredentials = Omit<SandboxCredentials, 'baseUrl'>;

const SYSTEM: Actor = { id: 'system' };
const FILE_NAME = 'sandbox.json';

/**
 * On a sandbox's first start (no admin key yet) creates an admin key, a test merchant and its test key, and seed
 * 002's demo customers and accounts, so a newcomer can call the API at once. The secrets are kept beside the embedded data (file mode 0600) so that
 * every later start can print them again; they are test-mode keys of a local sandbox, never live ones.
 * `dataDir` is null on a PostgreSQL server: the secrets are then printed once and kept nowhere.
 */
export async function bootstrapSandbox(
  db: Database,
  dataDir: string | null,
): Promise<StoredCredentials | null> {
  const file = dataDir === null || dataDir === 'memory://' ? null : join(resolve(dataDir), FILE_NAME);
  if ((await countAdminKeys(db)) === 0) {
    const created = await db.transaction(async (tx) => {
      const sandboxPolicy = { liveKeysAllowed: false };
      const admin = await createKey(
        tx,
        SYSTEM,
        { merchantId: null, mode: 'test' },
        { name: 'sandbox admin' },
        sandboxPolicy,
        null,
      );
      const merchant = await createMerchant(tx, SYSTEM, {
        name: 'Sandbox Merchant',
        email: 'sandbox@example.com',
        country: 'ZM',
        default_currency: 'ZMW',
      });
      const key = await createKey(
        tx,
        SYSTEM,
        { merchantId: merchant.id, mode: 'test' },
        { name: 'sandbox' },
        sandboxPolicy,
        null,
      );
      await seedTransferDemo(tx, merchant.id, SYSTEM);
      return { adminKey: admin.secret, merchantId: merchant.id, merchantKey: key.secret };
    });
    if (file) {
      writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return created;
  }
  if (!file || !existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredCredentials;
  // Keys revoked since are not worth printing: the operator has moved on from the sandbox defaults.
  const stillValid = await Promise.all(
    [stored.adminKey, stored.merchantKey].map((secret) =>
      authenticateSecret(db, secret).then(
        () => true,
        () => false,
      ),
    ),
  );
  return stillValid.every(Boolean) ? stored : null;
}
