import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';
import { insertDelivery, subscribedEndpoints } from './store.js';

export const DELIVER_JOB = 'webhook.deliver';

declare module '../platform/jobs/tasks.js' {
  interface JobTasks {
    [DELIVER_JOB]: { deliveryId: string };
  }
}

/**
 * Queues one attempt at a delivery. Its schedule of retries is the delivery's own (`webhook_deliveries`), so the
 * job itself may run as often as that schedule asks.
 */
export const enqueueDelivery = (tx: Queryable, deliveryId: string): Promise<void> =>
  enqueueJob(tx, DELIVER_JOB, { deliveryId }, { maxAttempts: 1000 });

/** One delivery, and one job to send it, per endpoint that wants the event; in the event's transaction. */
export async function scheduleDeliveries(
  tx: Queryable,
  event: { id: string; tenant: Tenant; type: string },
): Promise<void> {
  for (const endpointId of await subscribedEndpoints(tx, event.tenant, event.type)) {
    const id = newId('del');
    await insertDelivery(tx, {
      id,
      endpoint_id: endpointId,
      event_id: event.id,
      merchant_id: event.tenant.merchantId,
    });
    await enqueueDelivery(tx, id);
  }
}
