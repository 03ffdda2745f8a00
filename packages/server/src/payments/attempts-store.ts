import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import type { ProviderCall, ProviderName } from './providers/types.js';

export interface AttemptRow {
  id: string;
  payment_id: string;
  provider: ProviderName;
  operation: string;
  method: string;
  url: string;
  http_status: number | null;
  decision: string;
  duration_ms: number;
  request: unknown;
  response: unknown;
  error: string | null;
  created_at: Date;
}

/** Records provider exchanges, already redacted by the adapters. */
export async function insertAttempts(
  db: Queryable,
  paymentId: string,
  merchantId: string,
  calls: readonly ProviderCall[],
): Promise<void> {
  for (const call of calls) {
    await db.query(
      `INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, operation, method, url, http_status, decision,
         duration_ms, request, response, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        newId('att'),
        paymentId,
        merchantId,
        call.provider,
        call.operation,
        call.method,
        call.url,
        call.httpStatus,
        call.decision,
        Math.round(call.durationMs),
        call.requestBody === undefined ? null : JSON.stringify(call.requestBody),
        call.responseBody === undefined ? null : JSON.stringify(call.responseBody),
        call.error ?? null,
      ],
    );
  }
}

export async function listAttempts(
  db: Queryable,
  paymentId: string,
  limit: number,
  startingAfter: string | undefined,
): Promise<AttemptRow[]> {
  const { rows } = await db.query<AttemptRow>(
    `SELECT id, payment_id, provider, operation, method, url, http_status, decision, duration_ms, request, response, error, created_at
     FROM payment_attempts WHERE payment_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [paymentId, startingAfter ?? null, limit],
  );
  return rows;
}
