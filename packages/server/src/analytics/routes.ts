import type { Schemas } from '@molam/contract';
import express, { type Request, type Router } from 'express';
import { type Tenant, tenantOf } from '../auth/context.js';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import * as dashboard from './dashboard.js';
import { ingestBatch, ingestOne } from './ingest.js';
import { aggregateStatus, createReplay, getReplay } from './replays.js';

const tenant = (req: Request): Tenant => tenantOf(contextOf(req), 'Analytics belong');

type Query = Record<string, string | undefined>;
const numberOr = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);

/**
 * Mounted at `/api`: each operation answers at its `/api/v1/…` path and at the seed's path (`/api/events/…`,
 * `/api/dashboard/…`), with one handler, as the spec lists both.
 */
export function analyticsRouter(db: Database): Router {
  const router = express.Router();
  router.post(['/v1/transaction-events', '/events/transaction'], async (req, res) => {
    const result = await ingestOne(db, tenant(req), req.body as Schemas['TransactionEventCreate']);
    res.status(result.status).json(result.body);
  });
  router.post(['/v1/transaction-events/batch', '/events/transaction/batch'], async (req, res) => {
    res.json(await ingestBatch(db, tenant(req), req.body as Schemas['TransactionEventBatch']));
  });
  router.get(['/v1/analytics/overview', '/dashboard/overview'], async (req, res) => {
    res.json(await dashboard.overview(db, tenant(req), (req.query as Query).currency));
  });
  router.get(['/v1/analytics/series', '/dashboard/analytics'], async (req, res) => {
    res.json(await dashboard.series(db, tenant(req), req.query as unknown as dashboard.SeriesQuery));
  });
  router.get(['/v1/analytics/payment-methods', '/dashboard/payment-methods'], async (req, res) => {
    const query = req.query as Query;
    res.json(
      await dashboard.paymentMethods(db, tenant(req), {
        days: numberOr(query.days),
        currency: query.currency,
      }),
    );
  });
  router.get(['/v1/analytics/top-products', '/dashboard/top-products'], async (req, res) => {
    const query = req.query as Query;
    res.json(
      await dashboard.topProducts(db, tenant(req), {
        days: numberOr(query.days),
        limit: numberOr(query.limit),
        currency: query.currency,
      }),
    );
  });
  router.get(['/v1/analytics/customers', '/dashboard/customers'], async (req, res) => {
    const query = req.query as Query;
    res.json(
      await dashboard.customers(db, tenant(req), { limit: numberOr(query.limit), currency: query.currency }),
    );
  });
  router.post('/v1/admin/aggregates/replays', async (req, res) => {
    res
      .status(202)
      .json(await createReplay(db, contextOf(req), req.body as Schemas['AggregateReplayCreate']));
  });
  router.get('/v1/admin/aggregates/replays/:replay_id', async (req, res) => {
    res.json(await getReplay(db, contextOf(req), req.params.replay_id as string));
  });
  router.get('/v1/admin/aggregates/status', async (req, res) => {
    res.json(await aggregateStatus(db, contextOf(req)));
  });
  return router;
}
