import express, { type Router } from 'express';
import { writeAudit } from '../audit/audit.js';
import type { Tenant } from '../auth/context.js';
import { contextOf } from '../auth/middleware.js';
import { getMerchant } from '../merchants/service.js';
import { AppError } from '../platform/errors.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import { receiveCallback } from './callbacks.js';
import type { PaymentMetrics } from './metrics.js';
import type { ProviderName } from './providers/types.js';
import { checkRoutingPreference } from './routing.js';
import { findRouting, saveRouting } from './routing-store.js';
import type { PaymentsDeps } from './service.js';
import * as payments from './service.js';

const PAYMENT_ID = idPattern('pay');
const ATTEMPT_ID = idPattern('att');

export interface PaymentsRouterDeps extends PaymentsDeps {
  metrics: PaymentMetrics;
  /** Webhook secrets by provider (`MTN_WEBHOOK_SECRET` …); absent = unsigned callbacks accepted. */
  webhookSecrets: Partial<Record<ProviderName, string>>;
}

export function paymentsRouter(deps: PaymentsRouterDeps): Router {
  const { db } = deps;
  const router = express.Router();

  router.post('/payments', async (req, res) => {
    const ctx = contextOf(req);
    const result = await payments.createPayment(deps, ctx, req.body, req.get('idempotency-key') as string);
    if (result.replayed) {
      deps.metrics.idempotentReplays.inc();
      res.setHeader('Idempotent-Replayed', 'true');
    }
    res.status(result.status);
    if (result.status >= 400) res.type('application/problem+json');
    res.json(result.body);
  });

  router.get('/payments', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    res.json(
      await payments.listPayments(db, contextOf(req), pageRequest(req.query, PAYMENT_ID), {
        status: query.status as 'pending' | undefined,
        provider: query.provider as ProviderName | undefined,
        flow: query.flow as 'collection' | undefined,
        createdGte: query.created_gte,
        createdLt: query.created_lt,
      }),
    );
  });

  router.get('/payments/:payment_id', async (req, res) => {
    res.json(await payments.getPayment(db, contextOf(req), req.params.payment_id as string));
  });

  router.get('/payments/:payment_id/attempts', async (req, res) => {
    res.json(
      await payments.listPaymentAttempts(
        db,
        contextOf(req),
        req.params.payment_id as string,
        pageRequest(req.query, ATTEMPT_ID),
      ),
    );
  });

  /** A merchant key reaches its own routing only, an admin any merchant's; each in the caller's mode. */
  const routingTenant = async (req: express.Request): Promise<Tenant> => {
    const { auth } = contextOf(req);
    const merchant = await getMerchant(db, req.params.merchant_id as string, auth.merchantId);
    return { merchantId: merchant.id, mode: auth.mode };
  };

  router.get('/merchants/:merchant_id/routing', async (req, res) => {
    const tenant = await routingTenant(req);
    const routing = await findRouting(db, tenant);
    res.json({
      object: 'routing',
      merchant_id: tenant.merchantId,
      currencies: routing?.currencies ?? {},
      updated_at: routing ? new Date(routing.updated_at).toISOString() : null,
    });
  });

  router.put('/merchants/:merchant_id/routing', async (req, res) => {
    const tenant = await routingTenant(req);
    const { currencies } = req.body as { currencies: Record<string, ProviderName[]> };
    checkRoutingPreference(deps.registry, tenant.mode, currencies);
    const { actor } = contextOf(req);
    const updatedAt = await db.transaction(async (tx) => {
      const before = await findRouting(tx, tenant);
      const at = await saveRouting(tx, tenant, currencies);
      await writeAudit(tx, {
        actor,
        merchantId: tenant.merchantId,
        action: 'routing.updated',
        entityType: 'routing',
        entityId: tenant.merchantId,
        oldValues: before ? { mode: tenant.mode, currencies: before.currencies } : null,
        newValues: { mode: tenant.mode, currencies },
      });
      return at;
    });
    res.json({
      object: 'routing',
      merchant_id: tenant.merchantId,
      currencies,
      updated_at: new Date(updatedAt).toISOString(),
    });
  });

  router.get('/webhooks/mtn/health', (_req, res) => {
    res.json({
      status: 'ok',
      provider: 'mtn',
      enabled: deps.registry.adapters.has('mtn'),
      signature_required: deps.webhookSecrets.mtn !== undefined,
    });
  });

  const callback: express.RequestHandler = async (req, res) => {
    const provider = req.params.provider as ProviderName;
    if (!deps.registry.adapters.has(provider)) {
      throw new AppError(404, 'provider_disabled', `${provider} is not enabled on this server.`);
    }
    const { paymentId } = await receiveCallback(db, {
      provider,
      rawBody: req.rawBody,
      body: req.body,
      signature: req.get('x-signature-256'),
      secret: deps.webhookSecrets[provider],
    });
    res.json({ received: true, payment_id: paymentId });
  };
  router.put('/webhooks/:provider', callback);
  router.post('/webhooks/:provider', callback);

  return router;
}
