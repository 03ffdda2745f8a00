import type { Logger } from 'pino';
import type { Database } from '../platform/db/index.js';
import type { JobWorker } from '../platform/jobs/index.js';
import type { Senders } from './senders.js';
import { findNotification, markAttemptFailed, markSent, SEND_JOB } from './store.js';

/** Sends queued notifications; a failure is recorded on the message and retried by the job's backoff. */
export function registerNotificationJobs(
  worker: JobWorker,
  deps: { db: Database; senders: Senders; logger: Logger },
): void {
  worker.register(SEND_JOB, async ({ notificationId }, job) => {
    const row = await findNotification(deps.db, notificationId);
    if (row?.status !== 'queued' || row.body === null) return undefined;
    try {
      await deps.senders
        .forMode(row.mode)
        .send({ id: row.id, channel: row.channel, recipient: row.recipient, body: row.body });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attempts >= job.max_attempts;
      await markAttemptFailed(deps.db, row.id, message, final);
      deps.logger.warn(
        { notification_id: row.id, channel: row.channel, err: message },
        'notification not sent',
      );
      throw error;
    }
    await markSent(deps.db, row.id);
    return undefined;
  });
}
