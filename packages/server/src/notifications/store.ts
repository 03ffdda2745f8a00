import type { Schemas } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';

export type Notification = Schemas['Notification'];
export type Channel = Notification['channel'];

/** A notification as stored: the API's shape (without `object`), its merchant, and times as dates. */
export type NotificationRow = Omit<Notification, 'object' | 'created_at' | 'sent_at'> & {
  merchant_id: string;
  created_at: Date;
  sent_at: Date | null;
};

export const SEND_JOB = 'notification.send';

declare module '../platform/jobs/tasks.js' {
  interface JobTasks {
    [SEND_JOB]: { notificationId: string };
  }
}

const COLUMNS =
  'id, merchant_id, mode, channel, recipient, purpose, subject, body, status, attempts, last_error, created_at, sent_at';

/**
 * Queues a message in the caller's transaction (the outbox pattern): it is sent exactly when the change that
 * needs it commits, by the worker, with retries.
 */
export async function queueNotification(
  tx: Queryable,
  tenant: Tenant,
  message: {
    channel: Channel;
    recipient: string;
    purpose: NotificationRow['purpose'];
    subject: string;
    body: string;
  },
): Promise<string> {
  const id = newId('ntf');
  await tx.query(
    `INSERT INTO notifications (id, merchant_id, mode, channel, recipient, purpose, subject, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      tenant.merchantId,
      tenant.mode,
      message.channel,
      message.recipient,
      message.purpose,
      message.subject,
      message.body,
    ],
  );
  // A code is good for minutes: a message that cannot leave within a few tries is better failed and visible.
  await enqueueJob(tx, SEND_JOB, { notificationId: id }, { maxAttempts: 5 });
  return id;
}

export async function findNotification(q: Queryable, id: string): Promise<NotificationRow | undefined> {
  const { rows } = await q.query<NotificationRow>(`SELECT ${COLUMNS} FROM notifications WHERE id = $1`, [id]);
  return rows[0];
}

/** Sent: a live message's text is erased (it may hold a code); a test one keeps it for the sandbox. */
export async function markSent(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
       body = CASE WHEN mode = 'live' THEN NULL ELSE body END
     WHERE id = $1`,
    [id],
  );
}

export async function markAttemptFailed(
  q: Queryable,
  id: string,
  error: string,
  final: boolean,
): Promise<void> {
  await q.query(
    `UPDATE notifications SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3 THEN 'failed' ELSE status END,
       body = CASE WHEN $3 AND mode = 'live' THEN NULL ELSE body END
     WHERE id = $1`,
    [id, error, final],
  );
}

export async function listNotifications(
  q: Queryable,
  tenant: Tenant,
  filters: { limit: number; startingAfter?: string | undefined; recipient?: string | undefined },
): Promise<NotificationRow[]> {
  const { rows } = await q.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications
      WHERE merchant_id = $1 AND mode = $2 AND ($3::text IS NULL OR id < $3) AND ($4::text IS NULL OR recipient = $4)
      ORDER BY id DESC LIMIT $5`,
    [tenant.merchantId, tenant.mode, filters.startingAfter ?? null, filters.recipient ?? null, filters.limit],
  );
  return rows;
}

export const presentNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  object: 'notification',
  channel: row.channel,
  recipient: row.recipient,
  purpose: row.purpose,
  subject: row.subject,
  // A live message may hold a code for a customer's eyes only: its text is never shown, sent or not.
  body: row.mode === 'live' ? null : row.body,
  status: row.status,
  attempts: row.attempts,
  last_error: row.last_error,
  mode: row.mode,
  created_at: new Date(row.created_at).toISOString(),
  sent_at: row.sent_at === null ? null : new Date(row.sent_at).toISOString(),
});
