import express, { type Router } from 'express';
import { authorize, contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { pageRequest } from '../platform/pagination.js';
import * as events from './service.js';

const EVENT_ID = /^evt_[0-9A-HJKMNP-TV-Z]{26}$/;

function merchantOf(req: express.Request): string {
  const { auth } = contextOf(req);
  if (auth.merchantId === null)
    throw new AppError(403, 'merchant_key_required', 'Events belong to a merchant: use a merchant API key.');
  return auth.merchantId;
}

export function eventsRouter(db: Database): Router {
  const router = express.Router();
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
