import { checkId, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type {
  DeletedObject,
  ListParams,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
  WebhookRecoverParams,
  WebhookRecoverResult,
} from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';

/**
 * The URLs Molam delivers the merchant's events to, and the deliveries made to each. Needs a key with
 * the `webhooks:manage` scope. To check a delivery's signature where you receive it, see `verifyWebhook`.
 */
export interface WebhookEndpointsResource {
  /** `enabled_events` lists the event types to send, or `['*']` for all. The answer holds `secret`, shown this once. */
  create(body: WebhookEndpointCreateParams, opts?: RequestOptions): Promise<WebhookEndpointWithSecret>;
  /** Newest first, never with their secrets. */
  list(params?: ListParams, opts?: RequestOptions): PagePromise<WebhookEndpoint>;
  get(endpointId: string, opts?: RequestOptions): Promise<WebhookEndpoint>;
  /** Changes `url`, `enabled_events`, `description` or `status` (`'disabled'` pauses deliveries). */
  update(
    endpointId: string,
    body: WebhookEndpointUpdateParams,
    opts?: RequestOptions,
  ): Promise<WebhookEndpoint>;
  /** Deletes the endpoint; its pending deliveries stop. */
  delete(endpointId: string, opts?: RequestOptions): Promise<DeletedObject>;
  /**
   * Issues a new signing secret, in the answer only. For 24 hours deliveries carry a signature with each
   * secret, so the receiver can switch to the new one without missing any.
   */
  rotateSecret(endpointId: string, opts?: RequestOptions): Promise<WebhookEndpointWithSecret>;
  /** Deliveries to the endpoint, newest first, each with all its attempts. */
  listDeliveries(
    endpointId: string,
    params?: ListParams,
    opts?: RequestOptions,
  ): PagePromise<WebhookDelivery>;
  getDelivery(endpointId: string, deliveryId: string, opts?: RequestOptions): Promise<WebhookDelivery>;
  /** Sends the delivery again now, whatever its state; answers with it `pending`. */
  retryDelivery(endpointId: string, deliveryId: string, opts?: RequestOptions): Promise<WebhookDelivery>;
  /**
   * Sends again every delivery to the endpoint that failed since `since` (ISO 8601: `date.toISOString()`),
   * after an outage of your receiver, say; answers how many were queued.
   */
  recover(
    endpointId: string,
    body: WebhookRecoverParams,
    opts?: RequestOptions,
  ): Promise<WebhookRecoverResult>;
}

export function webhookEndpointsResource(context: ResourceContext): WebhookEndpointsResource {
  const { client } = context;
  const endpointPath = (endpointId: string, where: string) => ({
    endpoint_id: checkId(endpointId, 'endpointId', where),
  });
  const deliveryPath = (endpointId: string, deliveryId: string, where: string) => ({
    ...endpointPath(endpointId, where),
    delivery_id: checkId(deliveryId, 'deliveryId', where),
  });

  return {
    async create(body, opts) {
      const init = callInit(context, opts, 'webhookEndpoints.create');
      return bodyOf(await client.POST('/api/v1/webhook-endpoints', { body, ...init }));
    },

    list(params, opts) {
      return paginate(params, 'webhookEndpoints.list', async (query) => {
        const init = callInit(context, opts, 'webhookEndpoints.list');
        return bodyOf(await client.GET('/api/v1/webhook-endpoints', { params: { query }, ...init }));
      });
    },

    async get(endpointId, opts) {
      const path = endpointPath(endpointId, 'webhookEndpoints.get');
      const init = callInit(context, opts, 'webhookEndpoints.get');
      return bodyOf(
        await client.GET('/api/v1/webhook-endpoints/{endpoint_id}', { params: { path }, ...init }),
      );
    },

    async update(endpointId, body, opts) {
      const path = endpointPath(endpointId, 'webhookEndpoints.update');
      const init = callInit(context, opts, 'webhookEndpoints.update');
      return bodyOf(
        await client.PATCH('/api/v1/webhook-endpoints/{endpoint_id}', { params: { path }, body, ...init }),
      );
    },

    async delete(endpointId, opts) {
      const path = endpointPath(endpointId, 'webhookEndpoints.delete');
      const init = callInit(context, opts, 'webhookEndpoints.delete');
      return bodyOf(
        await client.DELETE('/api/v1/webhook-endpoints/{endpoint_id}', { params: { path }, ...init }),
      );
    },

    async rotateSecret(endpointId, opts) {
      const path = endpointPath(endpointId, 'webhookEndpoints.rotateSecret');
      const init = callInit(context, opts, 'webhookEndpoints.rotateSecret');
      return bodyOf(
        await client.POST('/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret', {
          params: { path },
          ...init,
        }),
      );
    },

    listDeliveries(endpointId, params, opts) {
      return paginate(params, 'webhookEndpoints.listDeliveries', async (query) => {
        const path = endpointPath(endpointId, 'webhookEndpoints.listDeliveries');
        const init = callInit(context, opts, 'webhookEndpoints.listDeliveries');
        return bodyOf(
          await client.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
            params: { path, query },
            ...init,
          }),
        );
      });
    },

    async getDelivery(endpointId, deliveryId, opts) {
      const path = deliveryPath(endpointId, deliveryId, 'webhookEndpoints.getDelivery');
      const init = callInit(context, opts, 'webhookEndpoints.getDelivery');
      return bodyOf(
        await client.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}', {
          params: { path },
          ...init,
        }),
      );
    },

    async retryDelivery(endpointId, deliveryId, opts) {
      const path = deliveryPath(endpointId, deliveryId, 'webhookEndpoints.retryDelivery');
      const init = callInit(context, opts, 'webhookEndpoints.retryDelivery');
      return bodyOf(
        await client.POST('/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/retry', {
          params: { path },
          ...init,
        }),
      );
    },

    async recover(endpointId, body, opts) {
      const path = endpointPath(endpointId, 'webhookEndpoints.recover');
      const init = callInit(context, opts, 'webhookEndpoints.recover');
      return bodyOf(
        await client.POST('/api/v1/webhook-endpoints/{endpoint_id}/recover', {
          params: { path },
          body,
          ...init,
        }),
      );
    },
  };
}
