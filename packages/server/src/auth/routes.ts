import express, { type Router } from 'express';
import { authOf } from './middleware.js';

export function authRouter(): Router {
  const router = express.Router();
  router.get('/whoami', (req, res) => {
    const auth = authOf(req);
    res.json({
      key_id: auth.user === null ? auth.keyId : null,
      user_id: auth.user?.userId ?? null,
      merchant_id: auth.merchantId,
      mode: auth.mode,
      scopes: auth.scopes,
    });
  });
  return router;
}
