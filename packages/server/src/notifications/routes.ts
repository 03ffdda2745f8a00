import express, { type Router } from 'express';
import { tenantOf } from '../auth/context.js';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest, toPage } from '../platform/pagination.js';
import { listNotifications, presentNotification } from './store.js';

export function notificationsRouter(db: Database): Router {
  const router = express.Router();
  router.get('/notifications', async (req, res) => {
    const page = pageRequest(req.query, idPattern('ntf'));
    const rows = await listNotifications(db, tenantOf(contextOf(req), 'Notifications belong'), {
      limit: page.limit + 1,
      startingAfter: page.startingAfter,
      recipient: req.query.recipient as string | undefined,
    });
    res.json(toPage(rows, page.limit, presentNotification));
  });
  return router;
}
