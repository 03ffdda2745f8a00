import { parseArgs } from 'node:util';
import { runServerUntilSignal, type StartOptions } from './main.js';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/index.js';
import { AppError } from './platform/errors.js';
import { migrateUp } from './platform/migrations/index.js';
import { isServerRole, SERVER_ROLES } from './platform/roles.js';

const USAGE = `Usage: molam-server [options]
       molam-server migrate [--data-dir <dir> | DATABASE_URL=…]

Runs the Molam API server and its workers. \`migrate\` applies the pending migrations and exits: the one-shot
step of a deployment (a compose service, a Kubernetes Job) before servers start with MOLAM_AUTO_MIGRATE=false.

Options:
  --port <n>            port to listen on (env PORT, default 8080)
  --host <addr>         address to bind (env HOST, default 127.0.0.1)
  --role <role>         all | api | worker | relay | consumer (env MOLAM_ROLE, default all); worker runs the
                        Kafka relay and consumer too when KAFKA_BROKERS is set, relay and consumer only those
  --data-dir <dir>      embedded database folder (env MOLAM_DATA_DIR, default ./.molam/data)
  --database-url <url>  PostgreSQL URL; prefer the DATABASE_URL environment variable, which ps cannot show
  -h, --help            show this help
`;

/** Applies the pending migrations of the configured database, prints what it applied, and returns. */
async function migrate(options: StartOptions): Promise<void> {
  const env = { ...process.env };
  if (options.dataDir !== undefined) env.MOLAM_DATA_DIR = options.dataDir;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  const config = loadConfig(env);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.MOLAM_DATA_DIR,
    poolMax: 1,
  });
  try {
    const { applied } = await migrateUp(db);
    process.stderr.write(
      applied.length === 0
        ? 'molam-server: migrations up to date.\n'
        : `molam-server: applied ${applied.join(', ')}\n`,
    );
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      role: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, ...extra] = positionals;
  if ((command !== undefined && command !== 'migrate') || extra.length > 0) {
    throw new AppError(2, 'usage', `unknown command ${positionals.join(' ')} (see --help).`);
  }
  const role = values.role;
  if (role !== undefined && !isServerRole(role)) {
    throw new AppError(2, 'usage', `--role must be ${SERVER_ROLES.join(', ')} (got ${role}).`);
  }
  const options: StartOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new AppError(2, 'usage', `--port must be 0 to 65535 (got ${values.port}).`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (role !== undefined) options.role = role;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['database-url'] !== undefined) options.databaseUrl = values['database-url'];
  if (command === 'migrate') return migrate(options);
  await runServerUntilSignal({
    ...options,
    onReady(server) {
      process.stderr.write(
        `Molam server (${server.role}) listening on ${server.url}, data: ${server.database}\n`,
      );
      if (server.sandbox) {
        process.stderr.write(
          `Sandbox credentials (test mode):\n  admin key:     ${server.sandbox.adminKey}\n  merchant:      ${server.sandbox.merchantId}\n  merchant key:  ${server.sandbox.merchantKey}\n`,
        );
      }
    },
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof AppError) {
      process.stderr.write(`molam-server: ${error.detail}\n`);
      process.exit(error.status === 2 ? 2 : 1);
    }
    const usage = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`molam-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(usage ? 2 : 1);
  },
);
