import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/index.js';

export interface Metrics {
  registry: Registry;
  middleware: RequestHandler;
}

/** A trivial query with a deadline: a scrape must not hang on a database that does not answer. */
async function databaseAnswers(db: Database): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), 2000);
  });
  try {
    return await Promise.race([db.query('SELECT 1').then(() => true as const), deadline]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** A registry per app (not prom-client's global one), so several apps can live in one test process. */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  poolGauge('pg_pool_size', 'Database connections open.', () => db.poolStats().total);
  poolGauge('pg_pool_idle', 'Database connections idle.', () => db.poolStats().idle);
  poolGauge('pg_pool_waiting', 'Queries waiting for a database connection.', () => db.poolStats().waiting);
  new Gauge({
    name: 'molam_database_up',
    help: 'Whether the database answered a trivial query within 2 s at scrape time (1) or not (0).',
    registers: [registry],
    async collect() {
      this.set((await databaseAnswers(db)) ? 1 : 0);
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The route template, never the raw path: ids in paths would explode the label set.
      const template: unknown = req.route?.path;
      // Express resets req.baseUrl when a route's handler fails, so the mount path is remembered on the way in.
      const mountPath = typeof res.locals.mountPath === 'string' ? res.locals.mountPath : req.baseUrl;
      const route =
        typeof template === 'string'
          ? `${mountPath}${template}`
          : Array.isArray(template)
            ? req.path
            : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  return { registry, middleware };
}

/** Mounted with a router: records where it is mounted, for the `route` label of the request's metrics. */
export const rememberMountPath: RequestHandler = (req, res, next) => {
  res.locals.mountPath = req.baseUrl;
  next();
};
