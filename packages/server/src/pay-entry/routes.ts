import type { Schemas } from '@molam/contract';
import express, { type Router } from 'express';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { getPayEntry, type PayEntrySettings, updatePayEntry } from './service.js';

/** Mounted at `/api/pay`: the seed's paths. */
export function payEntryRouter(db: Database, settings: PayEntrySettings): Router {
  const router = express.Router();
  router.get('/entry', async (req, res) => {
    res.json(await getPayEntry(db, settings, contextOf(req)));
  });
  router.post('/entry', async (req, res) => {
    res.json(await updatePayEntry(db, settings, contextOf(req), req.body as Schemas['PayEntryUpdate']));
  });
  return router;
}
