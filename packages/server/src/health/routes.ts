import express, { type Router } from 'express';
import type { Database } from '../platform/db/index.js';
import { readMigrationFiles } from '../platform/migrations/index.js';
import { serverVersion } from '../platform/version.js';

export interface HealthState {
  /** Set when a graceful shutdown starts: load balancers should stop sending traffic. */
  shuttingDown: boolean;
  /** Kafka's connectivity, in a process that publishes or consumes. */
  kafka?: () => Promise<{ status: 'up' | 'down' }>;
}

async function databaseUp(db: Database): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

async function appliedCount(db: Database): Promise<number> {
  try {
    const { rows } = await db.query<{ applied: number }>(
      'SELECT count(*)::int AS applied FROM schema_migrations',
    );
    return rows[0]?.applied ?? 0;
  } catch {
    return 0; // no schema_migrations table yet: nothing applied
  }
}

/** `/healthz`, `/readyz`, `/livez` and the aliases the seeds' orchestration already probes. */
export function healthRouter(db: Database, state: HealthState): Router {
  const router = express.Router();
  // Read once: probes come every few seconds and the files do not change under a running server.
  const expected = readMigrationFiles().length;
  // Seed 001's `/health` is the comprehensive check: the database and, in a process that uses it, Kafka.
  router.get(['/healthz', '/health'], async (_req, res) => {
    const [up, kafka] = await Promise.all([databaseUp(db), state.kafka?.()]);
    const healthy = up && (kafka === undefined || kafka.status === 'up');
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'healthy' : 'unhealthy',
      database: up ? 'up' : 'down',
      ...(kafka ? { kafka: kafka.status } : {}),
      version: serverVersion(),
    });
  });
  const live: express.RequestHandler = (_req, res) => {
    res.status(state.shuttingDown ? 503 : 200).json({ status: state.shuttingDown ? 'shutting_down' : 'ok' });
  };
  const ready: express.RequestHandler = async (_req, res) => {
    const up = await databaseUp(db);
    const applied = up ? await appliedCount(db) : 0;
    const pending = Math.max(0, expected - applied);
    const status = state.shuttingDown ? 'shutting_down' : up && pending === 0 ? 'ready' : 'not_ready';
    res
      .status(status === 'ready' ? 200 : 503)
      .json({ status, database: up ? 'up' : 'down', migrations: { applied, pending } });
  };
  router.get(['/livez', '/health/live', '/live'], live);
  router.get(['/readyz', '/health/ready', '/ready'], ready);
  return router;
}
