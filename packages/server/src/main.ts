import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { Aggregator } from './analytics/aggregator.js';
import { analyticsMetrics } from './analytics/metrics.js';
import { registerAnalyticsJobs } from './analytics/replay.js';
import { buildApp } from './app.js';
import { eventHubWithMetrics } from './events/metrics.js';
import { deleteExpiredEvents } from './events/retention.js';
import type { HealthState } from './health/routes.js';
import { deleteExpiredRevocations } from './identity/revocations.js';
import { loadIdentity } from './identity/service.js';
import { type KafkaRuntime, startKafka } from './kafka/index.js';
import { expireDue } from './ledger/ledger.js';
import { registerNotificationJobs } from './notifications/jobs.js';
import { sendersFromConfig } from './notifications/senders.js';
import { sweepOutbox } from './outbox/store.js';
import { partnerBanksFromConfig } from './partner-bank/gateway.js';
import { payEntryFromConfig } from './pay-entry/setup.js';
import { ProviderBreakers } from './payments/breakers.js';
import { PaymentMetrics } from './payments/metrics.js';
import { registerPaymentJobs } from './payments/processor.js';
import { closeProviders, createProviders, type ProviderRegistry } from './payments/providers/registry.js';
import { type Config, loadConfig } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { AppError } from './platform/errors.js';
import { answerClientErrors } from './platform/http/client-errors.js';
import { dashboardFolder } from './platform/http/dashboard.js';
import { humanLog } from './platform/http/log-format.js';
import { createLogger, type LogDestination } from './platform/http/logger.js';
import { createMetrics } from './platform/http/metrics.js';
import { deleteExpiredIdempotencyKeys } from './platform/idempotency-keys.js';
import { JobWorker, registerJobMetrics } from './platform/jobs/index.js';
import { maskUrlPassword } from './platform/mask-url.js';
import { migrateUp } from './platform/migrations/index.js';
import { dutiesOf, type ServerRole } from './platform/roles.js';
import { bootstrapSandbox, type SandboxCredentials } from './sandbox/bootstrap.js';
import { registerBankTransferJobs } from './transfers/bank-settlement.js';
import { failExpiredTransfer } from './transfers/service.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { registerLegacyDeliveryJobs } from './webhooks/legacy-jobs.js';
import { WebhookMetrics } from './webhooks/metrics.js';

export type { SandboxCredentials } from './sandbox/bootstrap.js';

export interface StartOptions {
  port?: number;
  host?: string;
  role?: ServerRole;
  /** The embedded database's folder; `memory://` keeps it in memory. */
  dataDir?: string;
  databaseUrl?: string;
  /** Environment to read the configuration from; default `process.env`. Options above win over it. */
  env?: Record<string, string | undefined>;
  /** Where log lines go; default stdout. `molam server start` sends them to stderr. */
  logDestination?: LogDestination & { isTTY?: boolean };
}

/** JSON lines, or (`LOG_FORMAT`, a terminal by default) one short human line per entry. */
function logDestinationFor(
  config: Config,
  env: Record<string, string | undefined>,
  destination: StartOptions['logDestination'],
): LogDestination | undefined {
  const target = destination ?? process.stdout;
  const terminal = target.isTTY === true;
  // `auto` is for people trying a sandbox; a production container with a terminal (`docker -t`) keeps JSON.
  const pretty =
    config.LOG_FORMAT === 'pretty' ||
    (config.LOG_FORMAT === 'auto' && terminal && config.MOLAM_MODE === 'sandbox');
  if (!pretty) return destination;
  return humanLog(target, { color: terminal && !env.NO_COLOR });
}

export interface RunningServer {
  url: string;
  port: number;
  role: ServerRole;
  /** Where the data lives (password masked). */
  database: string;
  sandbox: SandboxCredentials | null;
  /** Whether this server serves the dashboard (an API server with the dashboard built). */
  dashboard: boolean;
  /** The server's database handle, for embedding and tests; closed by `close()`. */
  db: Database;
  /** The Kafka relay and request consumer this process runs (its role, KAFKA_BROKERS); undefined when none. */
  kafka: KafkaRuntime | undefined;
  /** Graceful shutdown: stop accepting, let in-flight requests finish (within the deadline), close the pool. */
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/** One line for the log: `providers: sandbox ✓, mtn –, airtel –, zamtel – (set MTN_*, … to enable)`. */
function providerSummary(registry: ProviderRegistry): string {
  const marks = [
    ...[...registry.adapters.keys()].map((name) => `${name} ✓`),
    ...[...registry.disabled.keys()].map((name) => `${name} –`),
  ];
  const toEnable = [...registry.disabled.keys()].map((name) => `${name.toUpperCase()}_*`);
  const hint =
    toEnable.length === 0 ? '' : ` (set ${toEnable.join(', ')} to enable; see the providers README)`;
  return `providers: ${marks.join(', ')}${hint}`;
}

function trackInFlight(server: Server): () => number {
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
  });
  return () => inFlight;
}

async function connectRedis(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  // Reconnection is ioredis's job; without a listener an outage would crash the process.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      503,
      'redis_unreachable',
      `Cannot connect to Redis at ${maskUrlPassword(url)}: ${reason}`,
      { cause: error },
    );
  }
  return redis;
}

/**
 * Stops Kafka's relay and consumer, or the webhook dispatcher, waiting at most `ms` (a publish, a connect or a
 * delivery in flight cannot be cut).
 */
async function stopWithin(runtime: { stop(): Promise<void> }, ms: number): Promise<void> {
  const deadline = new AbortController();
  await Promise.race([
    runtime
      .stop()
      .catch(() => {})
      .finally(() => deadline.abort()),
    sleep(ms, undefined, { signal: deadline.signal }).catch(() => {}),
  ]);
  deadline.abort();
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = { ...(options.env ?? process.env) };
  if (options.port !== undefined) env.PORT = String(options.port);
  if (options.host !== undefined) env.HOST = options.host;
  if (options.role !== undefined) env.MOLAM_ROLE = options.role;
  if (options.dataDir !== undefined) env.MOLAM_DATA_DIR = options.dataDir;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL, logDestinationFor(config, env, options.logDestination));
  const duties = dutiesOf(config.MOLAM_ROLE, config.KAFKA_BROKERS !== undefined);

  const db: Database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.MOLAM_DATA_DIR,
    poolMax: config.DB_POOL_MAX,
    // The template is a migrated database: only for a server that would migrate it anyway (not one whose
    // deployment runs the migration step itself).
    fromTemplate: config.MOLAM_AUTO_MIGRATE,
  });
  let redis: Redis | undefined;
  let kafka: KafkaRuntime | undefined;
  try {
    if (config.MOLAM_AUTO_MIGRATE) await migrateUp(db);
    const sandbox =
      config.MOLAM_MODE === 'sandbox'
        ? await bootstrapSandbox(db, config.DATABASE_URL ? null : config.MOLAM_DATA_DIR)
        : null;
    if (config.REDIS_URL) redis = await connectRedis(config.REDIS_URL);

    const health: HealthState = { shuttingDown: false };
    const metrics = createMetrics(db);
    registerJobMetrics(metrics.registry, db);
    const paymentMetrics = new PaymentMetrics(metrics.registry);
    const registry = createProviders(env);
    logger.info(
      { providers: [...registry.adapters.keys()], disabled: Object.fromEntries(registry.disabled) },
      providerSummary(registry),
    );
    const breakers = new ProviderBreakers({
      threshold: config.CIRCUIT_BREAKER_THRESHOLD,
      halfOpenAfterMs: config.CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS,
      onStateChange: (provider, state) => {
        paymentMetrics.recordBreaker(provider, state);
        logger.warn({ provider, state }, 'provider circuit changed state');
      },
    });
    const payments = {
      registry,
      breakers,
      metrics: paymentMetrics,
      webhookSecrets: {
        mtn: config.MTN_WEBHOOK_SECRET,
        airtel: config.AIRTEL_WEBHOOK_SECRET,
        zamtel: config.ZAMTEL_WEBHOOK_SECRET,
      },
    };
    // Only a process that serves the API verifies (or, in the sandbox, signs) user tokens.
    const identity = duties.api ? await loadIdentity(config, db, redis) : undefined;
    const payEntry = duties.api ? payEntryFromConfig(config, metrics.registry, logger) : undefined;
    const partnerBanks = partnerBanksFromConfig(config, (bank, state) =>
      logger.warn({ bank, state }, 'partner bank circuit changed state'),
    );
    const eventHub = eventHubWithMetrics(db, config, metrics.registry, () => health.shuttingDown);
    const app = buildApp({
      config,
      db,
      logger,
      redis,
      identity,
      health,
      metrics,
      payments,
      payEntry,
      partnerBanks,
      eventHub,
      api: duties.api,
    });
    const server = app.listen(config.PORT, config.HOST);
    answerClientErrors(server);
    await once(server, 'listening');
    const inFlight = trackInFlight(server);
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const url = config.MOLAM_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    // Two workers on the one jobs table, each claiming only its own kinds, so a burst of payments never
    // makes webhook deliveries wait behind it (and the reverse).
    const newWorker = () =>
      new JobWorker(db, {
        logger,
        concurrency: config.JOB_CONCURRENCY,
        pollMs: config.JOB_POLL_MS,
        leaseSeconds: config.JOB_LEASE_SECONDS,
      });
    const workers = duties.jobs ? [newWorker(), newWorker()] : [];
    const senders = sendersFromConfig(config);
    const [paymentsWorker, webhooksWorker] = workers;
    if (paymentsWorker && webhooksWorker) {
      registerPaymentJobs(paymentsWorker, {
        db,
        registry,
        breakers,
        metrics: paymentMetrics,
        logger,
        callbackBaseUrl: config.MOLAM_PUBLIC_URL,
        pendingWindowMs: config.PAYMENT_PENDING_WINDOW_SECONDS * 1000,
      });
      registerLegacyDeliveryJobs(webhooksWorker);
      registerAnalyticsJobs(webhooksWorker, { db, logger });
      registerNotificationJobs(webhooksWorker, { db, logger, senders });
      registerBankTransferJobs(paymentsWorker, { db, logger, gateway: partnerBanks });
      for (const worker of workers) await worker.start();
    }
    // Webhook deliveries are a queue of their own (webhook_deliveries), claimed in batches.
    const dispatcher = !duties.jobs
      ? undefined
      : new WebhookDispatcher({
          db,
          logger,
          metrics: new WebhookMetrics(metrics.registry, db),
          retryDelaysMs: config.WEBHOOK_RETRY_DELAYS_MS,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          egress: { allowLoopback: config.EGRESS_ALLOW_LOOPBACK },
          concurrency: config.WEBHOOK_CONCURRENCY,
          perEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY,
          leaseSeconds: config.JOB_LEASE_SECONDS,
          pollMs: config.JOB_POLL_MS,
        });
    await dispatcher?.start();
    const aggregator =
      !duties.jobs || !config.ANALYTICS_AGGREGATOR
        ? undefined
        : new Aggregator(db, {
            logger,
            pollMs: config.ANALYTICS_POLL_MS,
            onBatch: analyticsMetrics(metrics.registry, db),
          });
    await aggregator?.start();
    // Only processes that publish or consume talk to Kafka (an API pod's health does not hang on it).
    if (duties.relay || duties.consumer) {
      kafka = await startKafka(config, {
        db,
        payments: { db, registry, breakers },
        logger,
        registry: metrics.registry,
        runRelay: duties.relay,
        runConsumer: duties.consumer,
      });
      health.kafka = kafka.health;
    }

    const timers = !duties.jobs
      ? []
      : [
          setInterval(
            () =>
              void Promise.all([
                deleteExpiredIdempotencyKeys(db),
                deleteExpiredRevocations(db),
                deleteExpiredEvents(db, config.EVENT_RETENTION_DAYS),
                sweepOutbox(db, config.OUTBOX_RETENTION_HOURS),
              ]).catch((err: unknown) => logger.warn({ err }, 'hourly cleanup failed')),
            HOUR,
          ),
          // Holds whose code never came are released, and their transfers fail.
          setInterval(
            () =>
              void expireDue(db, 100, failExpiredTransfer).catch((err: unknown) =>
                logger.warn({ err }, 'releasing expired transfer holds failed'),
              ),
            config.TRANSFER_EXPIRY_POLL_MS,
          ),
        ];
    for (const timer of timers) timer.unref();

    logger.info({ url, role: config.MOLAM_ROLE, database: db.description }, 'molam server started');

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        health.shuttingDown = true;
        for (const timer of timers) clearInterval(timer);
        const closed = once(server, 'close');
        server.close();
        server.closeIdleConnections();
        const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
        while (inFlight() > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          server.closeIdleConnections();
        }
        server.closeAllConnections();
        await closed;
        await Promise.all([
          // A batch in flight may take a whole delivery timeout: do not let it hold the rest of the shutdown.
          kafka && stopWithin(kafka, config.SHUTDOWN_TIMEOUT_MS),
          ...workers.map((worker) => worker.stop()),
          // Deliveries still being sent at the deadline stay leased, and are sent again once the lease runs out.
          dispatcher && stopWithin(dispatcher, config.SHUTDOWN_TIMEOUT_MS),
          aggregator?.stop(),
          eventHub.stop(),
        ]);
        await closeProviders(registry);
        await senders.close();
        await payEntry?.settings.sira?.close();
        await redis?.quit().catch(() => {});
        await db.close();
        logger.info('molam server stopped');
      })();
      return closing;
    };

    return {
      url,
      port,
      role: config.MOLAM_ROLE,
      database: db.description,
      sandbox: sandbox ? { baseUrl: url, ...sandbox } : null,
      dashboard: duties.api && dashboardFolder() !== null,
      db,
      kafka,
      close,
    };
  } catch (error) {
    if (kafka) await stopWithin(kafka, config.SHUTDOWN_TIMEOUT_MS);
    redis?.disconnect();
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * Runs until SIGTERM or SIGINT, then shuts down gracefully and resolves. The handlers are installed before
 * start-up, so a signal during start-up still ends in a clean shutdown; a second signal forces exit 1.
 */
export async function runServerUntilSignal(
  options: StartOptions & { onReady?: (server: RunningServer) => void | Promise<void> },
): Promise<void> {
  let signals = 0;
  let requestStop = () => {};
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const onSignal = () => {
    signals += 1;
    if (signals > 1) process.exit(1);
    requestStop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const server = await startServer(options);
    try {
      await options.onReady?.(server);
      await stopRequested;
    } finally {
      await server.close();
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
