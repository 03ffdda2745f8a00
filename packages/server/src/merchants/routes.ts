import express, { type Router } from 'express';
import { authOf, contextOf, type OperationGuard, type OperationGuards } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import * as merchants from './service.js';

export const MERCHANT_ID = idPattern('mer');

/**
 * A merchant is shared by its test and live worlds, so on a production server only a live key may create or
 * change one: nothing done with a test key changes what live mode sees.
 */
export function merchantGuards(production: boolean): OperationGuards {
  const liveOnly: OperationGuard = (req) => {
    if (production && authOf(req).mode !== 'live') {
      throw new AppError(
        403,
        'live_key_required',
        'Merchants are shared by test and live mode: on a production server, change them with a live admin key.',
      );
    }
  };
  return { createMerchant: liveOnly, updateMerchant: liveOnly };
}

export function merchantsRouter(db: Database): Router {
  const router = express.Router();

  router.post('/merchants', async (req, res) => {
    const { actor } = contextOf(req);
    const merchant = await db.transaction((tx) => merchants.createMerchant(tx, actor, req.body));
    res.status(201).json(merchant);
  });

  router.get('/merchants', async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await merchants.listMerchants(db, pageRequest(req.query, MERCHANT_ID), auth.merchantId));
  });

  router.get('/merchants/:merchant_id', async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await merchants.getMerchant(db, req.params.merchant_id as string, auth.merchantId));
  });

  router.patch('/merchants/:merchant_id', async (req, res) => {
    const { actor } = contextOf(req);
    res.json(await merchants.updateMerchant(db, actor, req.params.merchant_id as string, req.body));
  });

  return router;
}
