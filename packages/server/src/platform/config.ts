import { z } from 'zod';
import { parseThresholds } from '../transfers/risk.js';
import { AppError } from './errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL with a host');

/** A comma-separated list of pay entry module names (`wallet,connect`). */
const moduleList = (defaults: string) =>
  z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,31}(,[a-z][a-z0-9_]{0,31})*$/,
      'must be comma-separated module names (a-z, 0-9, _)',
    )
    .default(defaults)
    .transform((list) => [...new Set(list.split(','))]);

/** Kafka (seed 001): without brokers the outbox stays in the database and nothing consumes requests. */
const kafkaVariables = {
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'must be comma-separated host:port pairs')
    .transform((list) => list.split(','))
    .optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('molam-server'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN']).default('SCRAM-SHA-512'),
  KAFKA_SSL: bool.default(false),
  // PEM file of the certificate authorities that sign the brokers' certificates (default: the system's).
  KAFKA_SSL_CA_LOCATION: z.string().min(1).optional(),
  KAFKA_CONSUMER_GROUP: z.string().min(1).default('molam-payments'),
  KAFKA_DEAD_LETTER_TOPIC: z.string().min(1).default('payments.payment-requested.dlq'),
  // How long a consumer that stopped answering keeps its partitions before the group reassigns them.
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  // How long the producer keeps trying to deliver one message before the relay retries the batch.
  KAFKA_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  OUTBOX_RELAY_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  OUTBOX_RELAY_POLL_MS: z.coerce.number().int().min(10).default(200),
  // Published rows are kept this long for `molam outbox replay` (unpublished ones only where no relay ever ran).
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
};

/** SASL needs both halves; a username alone would connect unauthenticated and fail far from the cause. */
function checkSaslPair(
  config: { KAFKA_SASL_USERNAME?: string | undefined; KAFKA_SASL_PASSWORD?: string | undefined },
  context: z.RefinementCtx,
): void {
  if ((config.KAFKA_SASL_USERNAME === undefined) !== (config.KAFKA_SASL_PASSWORD === undefined)) {
    context.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_PASSWORD'],
      message: 'set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD together',
    });
  }
}

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: postgresUrl.optional(),
    MOLAM_DATA_DIR: z.string().min(1).default('./.molam/data'),
    MOLAM_MODE: z.enum(['sandbox', 'production']).default('sandbox'),
    // `worker` runs the jobs, and the outbox relay and Kafka consumer when KAFKA_BROKERS is set; `relay` and
    // `consumer` run only those, for deployments that scale them apart.
    MOLAM_ROLE: z.enum(['api', 'worker', 'all', 'relay', 'consumer']).default('all'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // `auto`: one short line per entry on a terminal, JSON lines anywhere else (files, pipes, collectors).
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    CORS_ORIGIN: z.string().min(1).default('*'),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    RATE_LIMIT_REDIS_PREFIX: z.string().min(1).default('molam:rl:'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    MOLAM_VALIDATE_RESPONSES: bool.default(false),
    MOLAM_AUTO_MIGRATE: bool.default(true),
    MOLAM_PUBLIC_URL: z.url().optional(),
    PAYMENT_PENDING_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    JOB_LEASE_SECONDS: z.coerce.number().int().min(1).default(120),
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    JOB_POLL_MS: z.coerce.number().int().min(50).default(1000),
    /** Off: transaction events wait until something (a test, an operator) runs the aggregation itself. */
    ANALYTICS_AGGREGATOR: bool.default(true),
    ANALYTICS_POLL_MS: z.coerce.number().int().min(50).default(1000),
    CIRCUIT_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
    CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(100).default(30_000),
    WEBHOOK_RETRY_DELAYS_MS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of milliseconds')
      .default('5000,300000,1800000,7200000,18000000,36000000,36000000')
      .transform((list) => list.split(',').map(Number)),
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(30).default(30),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
    // Event streams wake on NOTIFY; they also read this often, in case a notification was lost.
    EVENT_STREAM_FALLBACK_MS: z.coerce.number().int().min(100).default(5_000),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    // Deliveries in flight per process, and of those to one endpoint at most (so one slow endpoint cannot take all).
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
    // Webhooks to 127.0.0.1 / localhost, for a developer's own machine. Never private ranges; never production.
    EGRESS_ALLOW_LOOPBACK: bool.default(false),
    // Molam ID user tokens (RS256): the public key as PEM (`\n` escapes allowed), or a JWKS URL; not both.
    MOLAM_ID_JWT_PUBLIC: z
      .string()
      .transform((pem) => pem.replaceAll('\\n', '\n'))
      .refine(
        (pem) => pem.includes('-----BEGIN PUBLIC KEY-----'),
        'must be a PEM public key (BEGIN PUBLIC KEY)',
      )
      .optional(),
    MOLAM_ID_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    // After a key set fetch, how long an unknown key id is refused without fetching again (a flood of forged
    // key ids must not become a flood of fetches).
    MOLAM_ID_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
    MOLAM_ID_ISSUER: z.string().min(1).default('molam-id'),
    MOLAM_ID_AUDIENCE: z.string().min(1).default('molam-pay'),
    // Pay Entry (seed 000): the modules this server knows, those a new user starts with, and SIRA's hints.
    PAY_ENTRY_MODULES: moduleList('wallet,connect,eats,shop,talk,ads,free'),
    PAY_ENTRY_DEFAULT_MODULES: moduleList('wallet,connect'),
    SIRA_URL: z.url({ protocol: /^https?$/ }).optional(),
    // The hard budget of one SIRA call, connection included: the seed's 2 s at most.
    SIRA_TIMEOUT_MS: z.coerce.number().int().min(50).max(2000).default(2000),
    // Transfers (seed 002): the risk table's amount thresholds per currency, in minor units (the seed's USD
    // 5 000 and 10 000 by default); a currency without thresholds takes no transfers.
    TRANSFER_RISK_THRESHOLDS: z
      .string()
      .default('USD:500000:1000000')
      .transform((text, context) => {
        try {
          return parseThresholds(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    // The seed's 100 requests per 15 minutes per address, on transfer confirmation and sign-in.
    TRANSFER_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(100),
    TRANSFER_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(900_000),
    // The budget of one call to a partner bank (its breaker shares CIRCUIT_BREAKER_*).
    PARTNER_BANK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // How often the worker releases the holds of transfers whose code never came.
    TRANSFER_EXPIRY_POLL_MS: z.coerce.number().int().min(100).default(30_000),
    // Live notifications (OTPs) go to this messaging gateway, signed with the secret; test ones stay readable.
    NOTIFICATIONS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    NOTIFICATIONS_GATEWAY_SECRET: z.string().min(16).optional(),
    ...kafkaVariables,
    MTN_WEBHOOK_SECRET: z.string().min(1).optional(),
    AIRTEL_WEBHOOK_SECRET: z.string().min(1).optional(),
    ZAMTEL_WEBHOOK_SECRET: z.string().min(1).optional(),
  })
  .superRefine((config, context) => {
    if (config.MOLAM_MODE === 'production' && config.MOLAM_ID_JWKS_URL?.startsWith('http:')) {
      context.addIssue({
        code: 'custom',
        path: ['MOLAM_ID_JWKS_URL'],
        message:
          'must be https:// with MOLAM_MODE=production: whoever can change the keys can forge any user',
      });
    }
    checkSaslPair(config, context);
    if (
      config.MOLAM_MODE === 'production' &&
      config.KAFKA_SASL_MECHANISM === 'PLAIN' &&
      config.KAFKA_SASL_USERNAME !== undefined &&
      !config.KAFKA_SSL
    ) {
      context.addIssue({
        code: 'custom',
        path: ['KAFKA_SSL'],
        message: 'must be true with SASL PLAIN in production: PLAIN sends the password as it is',
      });
    }
    if ((config.MOLAM_ROLE === 'relay' || config.MOLAM_ROLE === 'consumer') && !config.KAFKA_BROKERS) {
      context.addIssue({
        code: 'custom',
        path: ['KAFKA_BROKERS'],
        message: `is required with MOLAM_ROLE=${config.MOLAM_ROLE}`,
      });
    }
    if (config.MOLAM_ID_JWT_PUBLIC && config.MOLAM_ID_JWKS_URL) {
      context.addIssue({
        code: 'custom',
        path: ['MOLAM_ID_JWKS_URL'],
        message: 'set MOLAM_ID_JWT_PUBLIC or MOLAM_ID_JWKS_URL, not both',
      });
    }
    const unknownDefaults = config.PAY_ENTRY_DEFAULT_MODULES.filter(
      (module) => !config.PAY_ENTRY_MODULES.includes(module),
    );
    if (unknownDefaults.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['PAY_ENTRY_DEFAULT_MODULES'],
        message: `names modules missing from PAY_ENTRY_MODULES: ${unknownDefaults.join(', ')}`,
      });
    }
    if (config.MOLAM_MODE === 'production' && config.EGRESS_ALLOW_LOOPBACK) {
      context.addIssue({
        code: 'custom',
        path: ['EGRESS_ALLOW_LOOPBACK'],
        message: 'must not be set with MOLAM_MODE=production: webhooks never reach the server’s own machine',
      });
    }
  });

export type Config = z.infer<typeof schema>;

/** Every variable the server reads: deployment files may set these and no others (a test checks them). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/**
 * Reads the configuration from the environment. Every bad variable is named in one error, with what was
 * expected, so an operator fixes them all in one go. Empty strings count as unset.
 */
/** Names whose values never appear in an error: the message would put a credential in a log. */
const isSecretName = (name: string) =>
  name === 'DATABASE_URL' || name === 'REDIS_URL' || name.endsWith('_SECRET') || name.endsWith('_PASSWORD');

/** Parses the variables `names` lists out of `env`; an invalid one is an `invalid_config` error naming it. */
function parseVariables<T>(
  parser: z.ZodType<T>,
  names: readonly string[],
  env: Record<string, string | undefined>,
): { data: T; present: Record<string, string | undefined> } {
  const present = Object.fromEntries(
    names
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = parser.safeParse(present);
  if (parsed.success) return { data: parsed.data, present };
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const got = isSecretName(name) ? '' : ` (got ${JSON.stringify(present[name])})`;
    return { field: name, message: `${issue.message}${got}` };
  });
  throw new AppError(
    500,
    'invalid_config',
    `Invalid configuration:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`,
    { errors: problems },
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const { data, present } = parseVariables(schema, Object.keys(schema.shape), env);
  // A production server on the default embedded folder is almost always a forgotten DATABASE_URL.
  if (data.MOLAM_MODE === 'production' && !data.DATABASE_URL && !present.MOLAM_DATA_DIR) {
    throw new AppError(
      500,
      'invalid_config',
      'Invalid configuration:\n  DATABASE_URL: required with MOLAM_MODE=production (set MOLAM_DATA_DIR to run production on an embedded database on purpose)',
      { errors: [{ field: 'DATABASE_URL', message: 'required with MOLAM_MODE=production' }] },
    );
  }
  return data;
}

const kafkaSchema = z.object(kafkaVariables).superRefine(checkSaslPair);
export type KafkaConfig = z.infer<typeof kafkaSchema>;

/** Only the Kafka variables: for `molam kafka check`, which needs no database or other setting. */
export function loadKafkaConfig(env: Record<string, string | undefined> = process.env): KafkaConfig {
  return parseVariables(kafkaSchema, Object.keys(kafkaVariables), env).data;
}
