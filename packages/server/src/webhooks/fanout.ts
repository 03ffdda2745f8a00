import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { enqueueJob } from '../platform/jobs/index.js';

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

/**
 * One delivery, and one job to send it, per endpoint that wants the event; in the event's transaction. One
 * statement whatever the number of endpoints: `molam_schedule_deliveries`, which payment creation's database
 * function calls too (the job's kind and attempts there are `DELIVER_JOB` and `enqueueDelivery`'s).
 */
export async function scheduleDeliveries(
  tx: Queryable,
  event: { id: string; tenant: Tenant; type: string },
): Promise<void> {
  await tx.query('SELECT molam_schedule_deliveries($1, $2, $3, $4)', [
    event.id,
    event.tenant.merchantId,
    event.tenant.mode,
    event.type,
  ]);
}
