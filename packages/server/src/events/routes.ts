import express, { type Router } from 'express';
import { authorize, contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { pageRequest } from '../platform/pagination.js';
import { resendEvent } from '../webhooks/service.js';
import * as events from './service.js';
import { type StreamOptions, streamEvents } from './stream.js';

const EVENT_ID = /^evt_[0-9A-HJKMNP-TV-Z]{26}$/;

function merchantOf(req: express.Request): string {
  const { auth } = contextOf(req);
  if (auth.merchantId === null)
    throw new AppError(403, 'merchant_key_required', 'Events belong to a merchant: use a merchant API key.');
  return auth.merchantId;
}

export function eventsRouter(db: Database, stream: StreamOptions): Router {
  const router = express.Router();
  // Before /events/:event_id, which would otherwise take "stream" for an id.
  router.get('/events/stream', authorize('streamEvents'), async (req, res) => {
    await streamEvents(db, merchantOf(req), req, res, stream);
  });
  router.post('/events/:event_id/resend', authorize('resendEvent'), async (req, res) => {
    const ctx = contextOf(req);
    const event = await events.getEvent(db, merchantOf(req), req.params.event_id as string);
    const endpointId = (req.body as { endpoint_id?: string } | undefined)?.endpoint_id;
    res.status(202).json(await resendEvent(db, ctx, event, endpointId));
  });
  router.get('/events', authorize('listEvents'), async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    res.json(
      await events.listEvents(db, merchantOf(req), pageRequest(req.query, EVENT_ID), {
        type: query.type,
        createdGte: query.created_gte,
        createdLt: query.created_lt,
      }),
    );
  });
  router.get('/events/:event_id', authorize('getEvent'), async (req, res) => {
    res.json(await events.getEvent(db, merchantOf(req), req.params.event_id as string));
  });
  return router;
}
