import cors from 'cors';
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { analyticsRouter } from './analytics/routes.js';
import { authenticate, authorizeOperations } from './auth/middleware.js';
import { authRouter } from './auth/routes.js';
import { EventHub } from './events/hub.js';
import { eventsRouter } from './events/routes.js';
import { type HealthState, healthRouter } from './health/routes.js';
import { identityRouter, seedAuthRouter, wellKnownRouter } from './identity/routes.js';
import { type Identity, withoutUserTokens } from './identity/service.js';
import { keyGuards, keysRouter } from './keys/routes.js';
import { merchantGuards, merchantsRouter } from './merchants/routes.js';
import { notificationsRouter } from './notifications/routes.js';
import { type BankGateway, partnerBanksFromConfig } from './partner-bank/gateway.js';
import { payEntryRouter } from './pay-entry/routes.js';
import { type PayEntryDeps, payEntryFromConfig } from './pay-entry/setup.js';
import { ProviderBreakers } from './payments/breakers.js';
import { PaymentMetrics } from './payments/metrics.js';
import { createProviders } from './payments/providers/registry.js';
import { type PaymentsRouterDeps, paymentsRouter } from './payments/routes.js';
import type { Config } from './platform/config.js';
import { isCalendarDate, isSaneDateTime } from './platform/date-time.js';
import type { Database } from './platform/db/index.js';
import {
  refuseInvalidText,
  refuseUnexpectedBodies,
  refuseUnreadableBodies,
  SPEC_PREFIXES,
} from './platform/http/body-rules.js';
import { dashboardRouter } from './platform/http/dashboard.js';
import { docsRouter } from './platform/http/docs.js';
import { idempotency } from './platform/http/idempotency.js';
import { createMetrics, type Metrics, rememberMountPath } from './platform/http/metrics.js';
import { lastResortHandler, problemHandler, routeNotFound } from './platform/http/problem.js';
import { perIpLimit, perKeyLimit } from './platform/http/rate-limit.js';
import { requestId } from './platform/http/request-id.js';
import { sandboxRouter } from './sandbox/routes.js';
import { SignInLinks } from './sandbox/sign-in-links.js';
import { demoMerchant } from './sandbox/transfer-demo.js';
import { confirmHandler, transfersRouter } from './transfers/routes.js';
import { webhooksRouter } from './webhooks/routes.js';
import './platform/http/types.js';
import { loadSpec } from './platform/spec.js';

/** Documented in the spec (413) and the README. */
export const BODY_LIMIT_BYTES = 100 * 1024;
/** A batch of 1000 transaction events needs more room. */
export const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;
const BATCH_PATHS = ['/api/v1/transaction-events/batch', '/api/events/transaction/batch'];
/** Where the API answers: its versioned paths, and the seeds' (analytics, pay entry, sign-in). */
const API_PATHS = ['/api/v1', '/api/events', '/api/dashboard', '/api/pay', '/auth', '/payment'];
/** Seed 002's stricter per-address limit (100 per 15 minutes) covers these, besides the general one. */
const CONFIRM_AND_LOGIN = ['/api/v1/transfers', '/payment/confirm', '/auth/login'];
const PAY_ENTRY_PATH = '/api/pay/entry';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  redis?: Redis | undefined;
  health?: HealthState;
  /** False for `--role worker`: only health and metrics are served. */
  api?: boolean;
  /** Shared with the workers so one /metrics shows both; made here when absent. */
  metrics?: Metrics;
  /** Molam ID user tokens; default: none verified (`loadIdentity` in `main` makes the real one). */
  identity?: Identity;
  /** Providers, circuit breakers and payment metrics; default: the sandbox provider only. */
  payments?: Omit<PaymentsRouterDeps, 'db'>;
  /** Pay entry's metrics and SIRA client; default: from the configuration, without SIRA (nothing to close). */
  payEntry?: PayEntryDeps;
  /** The partner banks transfers may pay into; default: from the configuration (the test-mode simulator). */
  partnerBanks?: BankGateway;
  /** The process's event streams (one LISTEN for all); `main` makes it to stop it on shutdown. */
  eventHub?: EventHub;
}

/** Builds the HTTP app without listening, so tests and `main` wire it the same way. */
export function buildApp(deps: AppDeps): Express {
  const { config, db, logger, health = { shuttingDown: false }, api = true } = deps;
  const app = express();
  const metrics = deps.metrics ?? createMetrics(db);
  app.disable('x-powered-by');
  // Express's own last-resort page prints stack traces outside production; ours never reaches it anyway.
  app.set('env', 'production');
  app.set('trust proxy', false);

  app.use(requestId);
  app.use(pinoHttp({ logger, genReqId: (req) => (req as express.Request).requestId, quietReqLogger: true }));
  app.use(metrics.middleware);
  app.use(helmet());
  app.use(
    cors({
      origin: config.CORS_ORIGIN === '*' ? '*' : config.CORS_ORIGIN.split(','),
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
    }),
  );
  // During a graceful shutdown, keep-alive clients are told to reconnect elsewhere.
  app.use((_req, res, next) => {
    if (health.shuttingDown) res.setHeader('Connection', 'close');
    next();
  });

  // Every body is read or refused, on every route: the probes and docs too.
  app.use(refuseUnreadableBodies);
  app.use(healthRouter(db, health));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(docsRouter());
  if (api) {
    app.use(dashboardRouter());
    const identity = deps.identity ?? withoutUserTokens(db);
    app.use(wellKnownRouter(identity));
    mountApi(app, {
      ...deps,
      metrics,
      identity,
      payEntry: deps.payEntry ?? payEntryFromConfig(config, metrics.registry, logger, { sira: false }),
      health,
      payments: deps.payments ?? {
        registry: createProviders({}),
        breakers: new ProviderBreakers(),
        metrics: new PaymentMetrics(metrics.registry),
        webhookSecrets: {},
      },
    });
  }

  app.use(routeNotFound);
  app.use(problemHandler(logger));
  app.use(lastResortHandler(logger));
  return app;
}

function mountApi(
  app: Express,
  {
    config,
    db,
    redis,
    payments,
    identity,
    payEntry,
    partnerBanks = partnerBanksFromConfig(config),
    eventHub,
    health = { shuttingDown: false },
  }: AppDeps & Required<Pick<AppDeps, 'payments' | 'identity' | 'payEntry'>>,
): void {
  // First, so that every answer is counted, refusals included.
  app.use(PAY_ENTRY_PATH, payEntry.metrics.middleware(PAY_ENTRY_PATH));
  const limits = {
    max: config.RATE_LIMIT_MAX,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    redis,
    redisPrefix: config.RATE_LIMIT_REDIS_PREFIX,
  };

  app.use(SPEC_PREFIXES, perIpLimit(limits));
  app.post(
    CONFIRM_AND_LOGIN,
    perIpLimit(
      { ...limits, max: config.TRANSFER_RATE_LIMIT_MAX, windowMs: config.TRANSFER_RATE_LIMIT_WINDOW_MS },
      'confirm',
    ),
  );
  app.use(API_PATHS, authenticate(db, identity.verify), perKeyLimit(limits));
  const json = (limit: number) =>
    express.json({
      limit,
      type: ['application/json', 'application/*+json'],
      inflate: false,
      // Provider callbacks are signed over the exact bytes received.
      verify: (req, _res, buffer) => {
        (req as express.Request).rawBody = buffer;
      },
    });
  // The first parser to read a body wins: batches get the larger limit, everything else the default.
  app.use(BATCH_PATHS, json(BATCH_BODY_LIMIT_BYTES));
  app.use(SPEC_PREFIXES, json(BODY_LIMIT_BYTES));
  app.use(SPEC_PREFIXES, refuseInvalidText);
  app.use(
    SPEC_PREFIXES,
    OpenApiValidator.middleware({
      apiSpec: structuredClone(loadSpec().document) as never,
      // The spec is linted before it ships (Redocly, two rule sets, in CI); checking it again against the OpenAPI
      // schema took every start (and every test server) about 0.4 s of compiling.
      validateApiSpec: false,
      validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
      validateResponses: config.MOLAM_VALIDATE_RESPONSES,
      validateSecurity: false,
      validateFormats: true,
      formats: {
        'date-time': { type: 'string', validate: isSaneDateTime },
        date: { type: 'string', validate: isCalendarDate },
      },
    }),
  );
  app.use(SPEC_PREFIXES, refuseUnexpectedBodies);
  const production = config.MOLAM_MODE === 'production';
  const keyPolicy = { liveKeysAllowed: production };
  app.use(API_PATHS, authorizeOperations({ ...keyGuards(db, keyPolicy), ...merchantGuards(production) }));
  // Before the generic idempotency middleware: a transfer keeps its key in its own transaction (OTP step).
  app.post(
    ['/api/v1/transfers', '/payment/confirm'],
    rememberMountPath,
    confirmHandler({ db, thresholds: config.TRANSFER_RISK_THRESHOLDS, banks: partnerBanks }),
  );
  app.use(
    '/api/v1',
    rememberMountPath,
    // Before the generic idempotency middleware: payment creation stores its response in its own transaction.
    paymentsRouter({ ...payments, db }),
    // Before it too: minting a token or logging out twice changes nothing, and a token is never stored.
    identityRouter(identity),
    // Before it too: a sign-in code is spent once and its key shown once; neither is ever stored for a replay.
    sandboxRouter(config.MOLAM_MODE === 'sandbox' ? new SignInLinks(db) : null),
    idempotency(db),
    eventsRouter(
      db,
      eventHub ??
        new EventHub(db, {
          heartbeatMs: config.SSE_HEARTBEAT_MS,
          fallbackMs: config.EVENT_STREAM_FALLBACK_MS,
          isShuttingDown: () => health.shuttingDown,
        }),
    ),
    webhooksRouter(db, { allowLoopback: config.EGRESS_ALLOW_LOOPBACK }),
    authRouter(),
    merchantsRouter(db),
    keysRouter(db, keyPolicy),
    transfersRouter(db),
    notificationsRouter(db),
  );
  app.use('/api', analyticsRouter(db));
  app.use('/api/pay', rememberMountPath, payEntryRouter(db, payEntry.settings));
  app.use(
    '/auth',
    seedAuthRouter(identity, () => demoMerchant(db)),
  );
}
