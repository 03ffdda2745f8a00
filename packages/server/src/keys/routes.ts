import express, { type Request, type Router } from 'express';
import { authOf, contextOf, type OperationGuards } from '../auth/middleware.js';
import { getMerchant } from '../merchants/service.js';
import type { Database } from '../platform/db/index.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import {
  assertMayGrant,
  assertMayManage,
  assertModeAvailable,
  expiryFor,
  type Grantor,
  type KeyPolicy,
  requestedMode,
  scopesFor,
} from './authority.js';
import * as keys from './service.js';
import { DEFAULT_ROTATION_GRACE_SECONDS, type NewKeyInput } from './service.js';
import type { KeyOwner } from './store.js';

export const KEY_ID = idPattern('key');

/** The caller's own keys: its merchant's (or the platform's, for admin keys), in its mode. */
const ownKeys = (req: Request): KeyOwner => {
  const auth = authOf(req);
  return { merchantId: auth.merchantId, mode: auth.mode };
};

const grantorOf = (req: Request): Grantor => authOf(req);

/**
 * Authority that depends on the request, checked before an idempotent replay is served: the key being made
 * or rotated must be of the caller's mode and hold only scopes the caller holds.
 */
export function keyGuards(db: Database, policy: KeyPolicy): OperationGuards {
  const assertMayCreate = (req: Request, owner: KeyOwner) => {
    const input = req.body as NewKeyInput;
    const grantor = grantorOf(req);
    assertModeAvailable(owner.mode, policy);
    const expiresAt = expiryFor(input.expires_at, grantor);
    assertMayGrant(grantor, { mode: owner.mode, scopes: scopesFor(owner, input.scopes), expiresAt });
  };
  return {
    createKey: (req) => {
      const owner = { ...ownKeys(req), mode: requestedMode(req.body as NewKeyInput, grantorOf(req)) };
      assertMayCreate(req, owner);
    },
    createMerchantKey: (req, params) => {
      const mode = requestedMode(req.body as NewKeyInput, grantorOf(req));
      assertMayCreate(req, { merchantId: params.merchant_id ?? '', mode });
    },
    revokeKey: async (req, params) => {
      assertMayManage(grantorOf(req), await keys.ownedKey(db, ownKeys(req), params.key_id ?? ''));
    },
    rotateKey: async (req, params) => {
      const row = await keys.ownedKey(db, ownKeys(req), params.key_id ?? '');
      assertMayGrant(grantorOf(req), { mode: row.mode, scopes: row.scopes, expiresAt: row.expires_at });
    },
  };
}

export function keysRouter(db: Database, policy: KeyPolicy): Router {
  const router = express.Router();

  router.post('/merchants/:merchant_id/keys', async (req, res) => {
    const { actor } = contextOf(req);
    const merchantId = req.params.merchant_id as string;
    res
      .status(201)
      .json(await keys.createMerchantKey(db, actor, grantorOf(req), merchantId, req.body, policy));
  });

  router.get('/merchants/:merchant_id/keys', async (req, res) => {
    const merchantId = req.params.merchant_id as string;
    await getMerchant(db, merchantId, null); // 404 for an unknown merchant rather than an empty list
    const owner = { merchantId, mode: authOf(req).mode };
    res.json(await keys.listKeys(db, owner, pageRequest(req.query, KEY_ID)));
  });

  router.get('/keys', async (req, res) => {
    res.json(await keys.listKeys(db, ownKeys(req), pageRequest(req.query, KEY_ID)));
  });

  router.post('/keys', async (req, res) => {
    const { actor } = contextOf(req);
    const input = req.body as NewKeyInput;
    const grantor = grantorOf(req);
    const owner = { ...ownKeys(req), mode: requestedMode(input, grantor) };
    res
      .status(201)
      .json(await db.transaction((tx) => keys.createKey(tx, actor, owner, input, policy, grantor)));
  });

  router.get('/keys/:key_id', async (req, res) => {
    res.json(await keys.getKey(db, ownKeys(req), req.params.key_id as string));
  });

  router.post('/keys/:key_id/revoke', async (req, res) => {
    const { actor } = contextOf(req);
    res.json(await keys.revokeKey(db, actor, grantorOf(req), ownKeys(req), req.params.key_id as string));
  });

  router.post('/keys/:key_id/rotate', async (req, res) => {
    const { actor } = contextOf(req);
    const grace = (req.body as { grace_period_seconds?: number } | undefined)?.grace_period_seconds;
    const rotated = await keys.rotateKey(
      db,
      actor,
      grantorOf(req),
      ownKeys(req),
      req.params.key_id as string,
      grace ?? DEFAULT_ROTATION_GRACE_SECONDS,
    );
    res.status(201).json(rotated);
  });

  return router;
}
