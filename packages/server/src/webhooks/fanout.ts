import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';
import { insertDelivery, subscribedEndpoints } from './store.js';

export const DELIVER_JOB = 'webhook.deliver';

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
    await enqueueJob(tx, DELIVER_JOB, { deliveryId: id }, { maxAttempts: 1000 });
  }
}
