import express, { type Router } from 'express';
import { type Tenant, tenantOf } from '../auth/context.js';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import { resendEvent } from '../webhooks/service.js';
import type { EventHub } from './hub.js';
import * as events from './service.js';
import { streamEvents } from './stream.js';

const EVENT_ID = idPattern('evt');

const tenant = (req: express.Request): Tenant => tenantOf(contextOf(req), 'Events belong');

export function eventsRouter(db: Database, hub: EventHub): Router {
  const router = express.Router();
  // Before /events/:event_id, which would otherwise take "stream" for an id.
  router.get('/events/stream', async (req, res) => {
    await streamEvents(db, tenant(req), req, res, hub);
  });
  router.post('/events/:event_id/resend', async (req, res) => {
    const ctx = contextOf(req);
    const event = await events.getEvent(db, tenant(req), req.params.event_id as string);
    const endpointId = (req.body as { endpoint_id?: string } | undefined)?.endpoint_id;
    res.status(202).json(await resendEvent(db, ctx, event, endpointId));
  });
  router.get('/events', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    res.json(
      await events.listEvents(db, tenant(req), pageRequest(req.query, EVENT_ID), {
        type: query.type,
        createdGte: query.created_gte,
        createdLt: query.created_lt,
      }),
    );
  });
  router.get('/events/:event_id', async (req, res) => {
    res.json(await events.getEvent(db, tenant(req), req.params.event_id as string));
  });
  return router;
}
