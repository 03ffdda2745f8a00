import type { Schemas } from '@molam/contract';
import type { RequestContext } from '../auth/context.js';
import { findMerchant } from '../merchants/store.js';
import type { Database } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { PAST_CURSOR, queryWaiting } from './aggregator.js';
import { findReplay, lastReplay, queueReplay, type ReplayRow } from './replay.js';

/** About ten years: longer is a typo, not a replay. */
const MAX_REPLAY_DAYS = 3660;

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export const presentReplay = (row: ReplayRow): Schemas['AggregateReplay'] => ({
  id: row.id,
  object: 'aggregate_replay',
  mode: row.mode,
  merchant_id: row.merchant_id,
  from: row.from_date,
  to: row.to_date,
  verify: row.verify,
  status: row.status,
  merchants_total: row.merchants_total,
  merchants_done: row.merchants_done,
  events_replayed: Number(row.events_replayed),
  differences: row.differences,
  error: row.error,
  created_at: row.created_at.toISOString(),
  started_at: iso(row.started_at),
  finished_at: iso(row.finished_at),
});

export async function createReplay(
  db: Database,
  ctx: RequestContext,
  input: Schemas['AggregateReplayCreate'],
): Promise<Schemas['AggregateReplay']> {
  const span = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (span < 1 || span > MAX_REPLAY_DAYS) {
    throw new AppError(
      400,
      'invalid_date_range',
      span < 1
        ? `to ${input.to} is before from ${input.from}.`
        : `A replay covers at most ${MAX_REPLAY_DAYS} days.`,
      {
        errors: [
          {
            field: 'body.to',
            message: `from 0 to ${MAX_REPLAY_DAYS - 1} days after from`,
            code: 'invalid_date_range',
          },
        ],
      },
    );
  }
  if (input.merchant_id !== undefined && !(await findMerchant(db, input.merchant_id))) {
    throw notFound('merchant', input.merchant_id);
  }
  const row = await db.transaction((tx) =>
    queueReplay(tx, {
      mode: ctx.auth.mode,
      merchantId: input.merchant_id ?? null,
      from: input.from,
      to: input.to,
      verify: input.verify ?? false,
    }),
  );
  return presentReplay(row);
}

export async function getReplay(
  db: Database,
  ctx: RequestContext,
  id: string,
): Promise<Schemas['AggregateReplay']> {
  const row = await findReplay(db, id, ctx.auth.mode);
  if (!row) throw notFound('replay', id);
  return presentReplay(row);
}

export async function aggregateStatus(
  db: Database,
  ctx: RequestContext,
): Promise<Schemas['AggregateStatus']> {
  const rows = await queryWaiting<{ unprocessed: string; oldest: Date | null }>(
    db,
    `SELECT count(*) AS unprocessed, min(e.received_at) AS oldest
     FROM transaction_events e WHERE ${PAST_CURSOR} AND e.mode = $3`,
    [ctx.auth.mode],
  );
  const { unprocessed, oldest } = rows[0]!;
  const last = await lastReplay(db, ctx.auth.mode);
  return {
    object: 'aggregate_status',
    mode: ctx.auth.mode,
    unprocessed_events: Number(unprocessed),
    oldest_unprocessed_at: iso(oldest),
    lag_seconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000),
    last_replay: last ? presentReplay(last) : null,
  };
}
