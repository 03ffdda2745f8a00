import type { Schemas } from '@molam/contract';
import express, { type Router } from 'express';
import { actorOf, authOf } from '../auth/middleware.js';
import { AppError } from '../platform/errors.js';
import type { SignInLinks } from './sign-in-links.js';

/** Mounted at `/api/v1` on every server; answers only on sandbox servers (403 `sandbox_only` elsewhere). */
export function sandboxRouter(links: SignInLinks | null): Router {
  const router = express.Router();
  const sandbox = (): SignInLinks => {
    if (links === null) {
      throw new AppError(403, 'sandbox_only', 'Only sandbox servers sign people in with links; paste a key.');
    }
    return links;
  };
  router.post('/dev/sign-in-links', async (req, res) => {
    const { merchant_id } = req.body as Schemas['SignInLinkCreate'];
    const auth = authOf(req);
    res.status(201).json(await sandbox().mint(merchant_id, auth, actorOf(req)));
  });
  router.post('/dev/sign-in-links/redeem', async (req, res) => {
    const { code } = req.body as Schemas['SignInRedeem'];
    const { ip, userAgent, requestId } = actorOf(req);
    res.status(201).json(await sandbox().redeem(code, { ip, userAgent, requestId }));
  });
  return router;
}
