import type { JobWorker } from '../platform/jobs/index.js';

/** The job kind servers before migration 0016 queued for each delivery. */
export const LEGACY_DELIVER_JOB = 'webhook.deliver';

declare module '../platform/jobs/tasks.js' {
  interface JobTasks {
    [LEGACY_DELIVER_JOB]: { deliveryId: string };
  }
}

/**
 * During a rolling upgrade, servers of the previous release still queue a job per delivery. The delivery itself
 * is pending and due, so the dispatchers send it; its job only has to go, rather than wait in the queue forever
 * (and count in `jobs_ready`). Kept for one release.
 */
export function registerLegacyDeliveryJobs(worker: JobWorker): void {
  worker.register(LEGACY_DELIVER_JOB, async () => undefined);
}
