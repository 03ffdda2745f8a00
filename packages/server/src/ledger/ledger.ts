import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';

/**
 * The double-entry ledger under transfers. Money moves in two phases, as TigerBeetle's pending transfers do: a
 * reservation holds funds on the debit account (`reserved`), then is posted (two entries summing to zero move
 * the balances), voided or expired (the hold is released). Every function runs inside the caller's
 * transaction and locks the accounts it touches in one fixed order (by id), so concurrent movements neither
 * deadlock nor read-then-write past each other; the database's own check refuses any customer overdraft.
 */

export interface Account {
  id: string;
  kind: 'customer' | 'funding';
  currency: string;
  balance: number;
  reserved: number;
}

export interface Reservation {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'posted' | 'voided' | 'expired';
  expires_at: Date;
}

/** Why the ledger refused: values, for the caller to turn into its own answer. */
export type LedgerRefusal =
  | 'account_not_found'
  | 'same_account'
  | 'currency_mismatch'
  | 'insufficient_funds'
  | 'reservation_not_found'
  | 'reservation_not_pending'
  | 'reservation_expired';

export type LedgerResult<T> = { ok: true; value: T } | { ok: false; refusal: LedgerRefusal };

const refuse = <T>(refusal: LedgerRefusal): LedgerResult<T> => ({ ok: false, refusal });

const ACCOUNT = 'id, kind, currency, balance::float8 AS balance, reserved::float8 AS reserved';
const RESERVATION = `id, debit_account_id, credit_account_id, amount::float8 AS amount, currency, status, expires_at`;

/** The tenant's accounts among `ids`, locked in id order (the one order every movement uses). */
async function lockAccounts(tx: Queryable, tenant: Tenant, ids: string[]): Promise<Map<string, Account>> {
  const { rows } = await tx.query<Account>(
    `SELECT ${ACCOUNT} FROM accounts
      WHERE id = ANY($1::text[]) AND merchant_id = $2 AND mode = $3
      ORDER BY id FOR UPDATE`,
    [ids, tenant.merchantId, tenant.mode],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** What the account can still spend: its balance less what reservations hold (funding accounts: anything). */
const spendable = (account: Account) =>
  account.kind === 'funding' ? Number.POSITIVE_INFINITY : account.balance - account.reserved;

export interface ReserveInput {
  debitAccountId: string;
  creditAccountId: string;
  /** Minor units, > 0. */
  amount: number;
  currency: string;
  /** An unposted reservation releases its funds after this long. */
  ttlSeconds: number;
}

/** Holds `amount` on the debit account for a later post, if it can spend it. */
export async function reserve(
  tx: Queryable,
  tenant: Tenant,
  input: ReserveInput,
): Promise<LedgerResult<Reservation>> {
  if (input.debitAccountId === input.creditAccountId) return refuse('same_account');
  const accounts = await lockAccounts(tx, tenant, [input.debitAccountId, input.creditAccountId]);
  const debit = accounts.get(input.debitAccountId);
  const credit = accounts.get(input.creditAccountId);
  if (!debit || !credit) return refuse('account_not_found');
  if (debit.currency !== input.currency || credit.currency !== input.currency)
    return refuse('currency_mismatch');
  if (spendable(debit) < input.amount) return refuse('insufficient_funds');
  const id = newId('rsv');
  const { rows } = await tx.query<Reservation>(
    `WITH held AS (UPDATE accounts SET reserved = reserved + $5 WHERE id = $3)
     INSERT INTO fund_reservations (id, merchant_id, mode, debit_account_id, credit_account_id, amount, currency,
       expires_at)
     VALUES ($1, $2, $6, $3, $4, $5, $7, now() + make_interval(secs => $8))
     RETURNING ${RESERVATION}`,
    [
      id,
      tenant.merchantId,
      input.debitAccountId,
      input.creditAccountId,
      input.amount,
      tenant.mode,
      input.currency,
      input.ttlSeconds,
    ],
  );
  const reservation = rows[0];
  if (!reservation) throw new Error('a reservation insert returned no row');
  return { ok: true, value: reservation };
}

/**
 * The tenant's pending reservation, locked: resolving one is serialised with anything else resolving it.
 * Whether it has expired is the database's judgement (its clock set `expires_at`), never this process's clock.
 */
async function lockPending(
  tx: Queryable,
  tenant: Tenant,
  id: string,
): Promise<LedgerResult<Reservation & { expired: boolean }>> {
  const { rows } = await tx.query<Reservation & { expired: boolean }>(
    `SELECT ${RESERVATION}, expires_at <= now() AS expired FROM fund_reservations
      WHERE id = $1 AND merchant_id = $2 AND mode = $3 FOR UPDATE`,
    [id, tenant.merchantId, tenant.mode],
  );
  const reservation = rows[0];
  if (!reservation) return refuse('reservation_not_found');
  if (reservation.status !== 'pending') return refuse('reservation_not_pending');
  return { ok: true, value: reservation };
}

/** The one row an update of a locked reservation returns. */
function updated(rows: Reservation[], id: string): Reservation {
  const row = rows[0];
  if (!row) throw new Error(`reservation ${id} vanished under its lock`);
  return row;
}

/** Ends a pending reservation without moving money: its hold is released. */
async function release(
  tx: Queryable,
  tenant: Tenant,
  reservation: Reservation,
  status: 'voided' | 'expired',
): Promise<Reservation> {
  await lockAccounts(tx, tenant, [reservation.debit_account_id, reservation.credit_account_id]);
  const { rows } = await tx.query<Reservation>(
    `WITH released AS (UPDATE accounts SET reserved = reserved - $3 WHERE id = $2)
     UPDATE fund_reservations SET status = $4, resolved_at = now() WHERE id = $1
     RETURNING ${RESERVATION}`,
    [reservation.id, reservation.debit_account_id, reservation.amount, status],
  );
  return updated(rows, reservation.id);
}

/** The pending reservation, locked, unless its time ran out: then it is released as expired, and refused. */
async function lockUnexpired(tx: Queryable, tenant: Tenant, id: string): Promise<LedgerResult<Reservation>> {
  const pending = await lockPending(tx, tenant, id);
  if (!pending.ok) return pending;
  if (!pending.value.expired) return pending;
  await release(tx, tenant, pending.value, 'expired');
  return refuse('reservation_expired');
}

/** Moves the reserved money: one debit and one credit entry, the balances with them. */
export async function post(
  tx: Queryable,
  tenant: Tenant,
  reservationId: string,
): Promise<LedgerResult<Reservation>> {
  const pending = await lockUnexpired(tx, tenant, reservationId);
  if (!pending.ok) return pending;
  const reservation = pending.value;
  await lockAccounts(tx, tenant, [reservation.debit_account_id, reservation.credit_account_id]);
  const { rows } = await tx.query<Reservation>(
    `WITH moved AS (
       UPDATE accounts
          SET balance = balance + CASE WHEN id = $2 THEN -$4::bigint ELSE $4::bigint END,
              reserved = reserved - CASE WHEN id = $2 THEN $4::bigint ELSE 0 END
        WHERE id IN ($2, $3)),
     entries AS (
       INSERT INTO ledger_entries (reservation_id, account_id, amount, currency)
       VALUES ($1, $2, -$4::bigint, $5), ($1, $3, $4::bigint, $5))
     UPDATE fund_reservations SET status = 'posted', resolved_at = now() WHERE id = $1
     RETURNING ${RESERVATION}`,
    [
      reservation.id,
      reservation.debit_account_id,
      reservation.credit_account_id,
      reservation.amount,
      reservation.currency,
    ],
  );
  return { ok: true, value: updated(rows, reservation.id) };
}

/**
 * Keeps a pending reservation until it is posted or voided, whatever its time: money sent to another bank stays
 * held until that bank answers, however long that takes.
 */
export async function holdUntilResolved(
  tx: Queryable,
  tenant: Tenant,
  reservationId: string,
): Promise<LedgerResult<Reservation>> {
  const pending = await lockUnexpired(tx, tenant, reservationId);
  if (!pending.ok) return pending;
  const { rows } = await tx.query<Reservation>(
    `UPDATE fund_reservations SET expires_at = 'infinity' WHERE id = $1 RETURNING ${RESERVATION}`,
    [reservationId],
  );
  return { ok: true, value: updated(rows, reservationId) };
}

/** Cancels a pending reservation: its funds are free again. */
export async function voidReservation(
  tx: Queryable,
  tenant: Tenant,
  reservationId: string,
): Promise<LedgerResult<Reservation>> {
  const pending = await lockPending(tx, tenant, reservationId);
  if (!pending.ok) return pending;
  return { ok: true, value: await release(tx, tenant, pending.value, 'voided') };
}

/**
 * What the owner of a reservation does as it expires, in the same transaction, before the hold is released (its
 * transfer fails …). False: the owner is busy; the reservation is left for the next round.
 */
export type OnExpiring = (tx: Queryable, reservation: Reservation, tenant: Tenant) => Promise<boolean>;

/**
 * Releases up to `limit` reservations whose time ran out, each in its own transaction (skipping any that
 * another worker is resolving, or whose owner is busy) after `onExpiring`; returns how many it expired.
 */
export async function expireDue(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  limit = 100,
  onExpiring?: OnExpiring,
): Promise<number> {
  let expired = 0;
  const skipped: string[] = [];
  for (let n = 0; n < limit; n++) {
    const outcome = await db.transaction(async (tx): Promise<'expired' | 'skipped' | 'none'> => {
      const { rows } = await tx.query<Reservation & { merchant_id: string; mode: Tenant['mode'] }>(
        `SELECT ${RESERVATION}, merchant_id, mode FROM fund_reservations
          WHERE status = 'pending' AND expires_at <= now() AND NOT (id = ANY ($1::text[]))
          ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [skipped],
      );
      const due = rows[0];
      if (!due) return 'none';
      const tenant = { merchantId: due.merchant_id, mode: due.mode };
      if (onExpiring && !(await onExpiring(tx, due, tenant))) {
        skipped.push(due.id);
        return 'skipped';
      }
      await release(tx, tenant, due, 'expired');
      return 'expired';
    });
    if (outcome === 'none') break;
    if (outcome === 'expired') expired += 1;
  }
  return expired;
}
