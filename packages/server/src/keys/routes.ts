import express, { type Router } from 'express';
import { authorize, contextOf } from '../auth/middleware.js';
import { getMerchant } from '../merchants/service.js';
import type { Database } from '../platform/db/index.js';
import { pageRequest } from '../platform/pagination.js';
import * as keys from './service.js';
import { DEFAULT_ROTATION_GRACE_SECONDS, type KeyPolicy } from './service.js';

export const KEY_ID = /^key_[0-9A-HJKMNP-TV-Z]{26}$/;

export function keysRouter(db: Database, policy: KeyPolicy): Router {
  const router = express.Router();

  router.post('/merchants/:merchant_id/keys', authorize('createMerchantKey'), async (req, res) => {
    const { actor } = contextOf(req);
    res
      .status(201)
      .json(await keys.createMerchantKey(db, actor, req.params.merchant_id as string, req.body, policy));
  });

  router.get('/merchants/:merchant_id/keys', authorize('listMerchantKeys'), async (req, res) => {
    const merchantId = req.params.merchant_id as string;
    await getMerchant(db, merchantId, null); // 404 for an unknown merchant rather than an empty list
    res.json(await keys.listKeys(db, merchantId, pageRequest(req.query, KEY_ID)));
  });

  router.get('/keys', authorize('listKeys'), async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await keys.listKeys(db, auth.merchantId, pageRequest(req.query, KEY_ID)));
  });

  router.post('/keys', authorize('createKey'), async (req, res) => {
    const { auth, actor } = contextOf(req);
    const created = await db.transaction((tx) =>
      keys.createKey(tx, actor, auth.merchantId, req.body, policy, auth.scopes),
    );
    res.status(201).json(created);
  });

  router.get('/keys/:key_id', authorize('getKey'), async (req, res) => {
    const { auth } = contextOf(req);
    res.json(await keys.getKey(db, auth.merchantId, req.params.key_id as string));
  });

  router.post('/keys/:key_id/revoke', authorize('revokeKey'), async (req, res) => {
    const { auth, actor } = contextOf(req);
    res.json(await keys.revokeKey(db, actor, auth.merchantId, req.params.key_id as string));
  });

  router.post('/keys/:key_id/rotate', authorize('rotateKey'), async (req, res) => {
    const { auth, actor } = contextOf(req);
    const grace = (req.body as { grace_period_seconds?: number } | undefined)?.grace_period_seconds;
    const rotated = await keys.rotateKey(
      db,
      actor,
      auth.merchantId,
      req.params.key_id as string,
      grace ?? DEFAULT_ROTATION_GRACE_SECONDS,
      policy,
    );
    res.status(201).json(rotated);
  });

  return router;
}
