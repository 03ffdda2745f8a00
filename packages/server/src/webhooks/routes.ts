import express, { type Router } from 'express';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import * as webhooks from './service.js';
import type { WebhookEgress } from './url-policy.js';

const ENDPOINT_ID = idPattern('we');
const DELIVERY_ID = idPattern('del');

export function webhooksRouter(db: Database, egress: WebhookEgress): Router {
  const router = express.Router();
  router.post('/webhook-endpoints', async (req, res) => {
    res.status(201).json(await webhooks.createEndpoint(db, contextOf(req), egress, req.body));
  });
  router.get('/webhook-endpoints', async (req, res) => {
    res.json(await webhooks.listEndpoints(db, contextOf(req), pageRequest(req.query, ENDPOINT_ID)));
  });
  router.get('/webhook-endpoints/:endpoint_id', async (req, res) => {
    res.json(await webhooks.getEndpoint(db, contextOf(req), req.params.endpoint_id as string));
  });
  router.patch('/webhook-endpoints/:endpoint_id', async (req, res) => {
    res.json(
      await webhooks.updateEndpoint(db, contextOf(req), egress, req.params.endpoint_id as string, req.body),
    );
  });
  router.delete('/webhook-endpoints/:endpoint_id', async (req, res) => {
    res.json(await webhooks.deleteEndpoint(db, contextOf(req), req.params.endpoint_id as string));
  });
  router.post('/webhook-endpoints/:endpoint_id/rotate-secret', async (req, res) => {
    res.json(await webhooks.rotateSecret(db, contextOf(req), req.params.endpoint_id as string));
  });
  router.get('/webhook-endpoints/:endpoint_id/deliveries', async (req, res) => {
    res.json(
      await webhooks.listDeliveries(
        db,
        contextOf(req),
        req.params.endpoint_id as string,
        pageRequest(req.query, DELIVERY_ID),
      ),
    );
  });
  router.get('/webhook-endpoints/:endpoint_id/deliveries/:delivery_id', async (req, res) => {
    res.json(
      await webhooks.getDelivery(
        db,
        contextOf(req),
        req.params.endpoint_id as string,
        req.params.delivery_id as string,
      ),
    );
  });
  router.post('/webhook-endpoints/:endpoint_id/deliveries/:delivery_id/retry', async (req, res) => {
    res
      .status(202)
      .json(
        await webhooks.retryDelivery(
          db,
          contextOf(req),
          req.params.endpoint_id as string,
          req.params.delivery_id as string,
        ),
      );
  });
  router.post('/webhook-endpoints/:endpoint_id/recover', async (req, res) => {
    const { since } = req.body as { since: string };
    res
      .status(202)
      .json(await webhooks.recoverEndpoint(db, contextOf(req), req.params.endpoint_id as string, since));
  });
  return router;
}
