import type { KeyMode } from '@molam/contract';
import { writeAudit } from './audit/audit.js';
import { type ApiKeyWithSecret, createKey } from './keys/service.js';
import type { Database } from './platform/db/index.js';
import { AppError } from './platform/errors.js';

export { type AppDeps, BODY_LIMIT_BYTES, buildApp } from './app.js';
export { checkKafka, type KafkaCheck } from './kafka/check.js';
export {
  type RunningServer,
  runServerUntilSignal,
  type SandboxCredentials,
  type StartOptions,
  startServer,
} from './main.js';
export {
  outboxStatus,
  type ReplayWindow,
  replayWindow as replayOutbox,
  type TopicStatus,
} from './outbox/store.js';
export { type Config, loadConfig } from './platform/config.js';
export {
  currentTemplateManifest,
  type Database,
  type OpenDatabaseOptions,
  openDatabase,
  templateArchivePath,
  templateManifestPath,
  usableTemplate,
} from './platform/db/index.js';
export { AppError, type FieldError } from './platform/errors.js';
export { createLogger } from './platform/http/logger.js';
export { type DeadJob, listDeadJobs, redriveDeadJobs } from './platform/jobs/index.js';
export { maskUrlPassword } from './platform/mask-url.js';
export { type MigrationState, migrateDown, migrateUp, migrationStatus } from './platform/migrations/index.js';
export { SERVER_NODE_FLAGS } from './platform/node-flags.js';
export { serverVersion } from './platform/version.js';
export {
  nameKey,
  parseSdnRows,
  replaceSanctionsList,
  screenName,
  screenNames,
} from './screening/sanctions.js';
export { writeAudit };

const UNDEFINED_TABLE = '42P01';

/**
 * Creates a platform (admin) key directly in the database: the runbook's first step on a new deployment,
 * before any key exists to call the API with. Audited as done by `cli`.
 */
export async function createAdminKey(
  db: Database,
  input: { name: string; mode?: KeyMode },
): Promise<{ key: ApiKeyWithSecret; secret: string }> {
  try {
    // An operator on the database itself grants the key: there is no calling key to limit it. Admin keys act in
    // their own mode only, so a production deployment needs a live one to manage live keys.
    const owner = { merchantId: null, mode: input.mode ?? 'test' } as const;
    const key = await db.transaction((tx) =>
      createKey(tx, { id: 'cli' }, owner, { name: input.name }, { liveKeysAllowed: true }, null),
    );
    return { key, secret: key.secret };
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) {
      throw new AppError(
        409,
        'migrations_pending',
        'The database has no Molam tables yet: run `molam migrate up` first.',
      );
    }
    throw error;
  }
}
