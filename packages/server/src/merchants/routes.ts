import express, { type Router } from 'express';
import { authorize, contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { pageRequest } from '../platform/pagination.js';
import * as merchants from './service.js';

export const MERCHANT_ID = /^mer_[0-9A-HJKMNP-TV-Z]{26}$/;

export function merchantsRouter(db: Database): Router {
  const router = express.Router();

  router.post('/merchants', authorize('createMerchant'), async (req, res) => {
    const { actor } = contextOf(req);
    const merchant = await db.transaction((tx) => merchants.createMerchant(tx, actor, req.body));
    res.status(201).json(merchant);
  });

  router.get('/merchants', authorize('listMerchants'), async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await merchants.listMerchants(db, pageRequest(req.query, MERCHANT_ID), auth.merchantId));
  });

  router.get('/merchants/:merchant_id', authorize('getMerchant'), async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await merchants.getMerchant(db, req.params.merchant_id as string, auth.merchantId));
  });

  router.patch('/merchants/:merchant_id', authorize('updateMerchant'), async (req, res) => {
    const { actor } = contextOf(req);
    res.json(await merchants.updateMerchant(db, actor, req.params.merchant_id as string, req.body));
  });

  return router;
}
