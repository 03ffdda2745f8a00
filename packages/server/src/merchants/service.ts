import type { Schemas } from '@molam/contract';
import { replayWholeHistory } from '../analytics/replay.js';
import { type Actor, writeAudit } from '../audit/audit.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, type FieldError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { currencyExponent, isCountry } from '../platform/iso.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import type { MerchantRow } from './store.js';
import * as store from './store.js';

export type Merchant = Schemas['Merchant'];

export type NewMerchantInput = Schemas['MerchantCreate'];

export type MerchantChanges = Schemas['MerchantUpdate'];

export const presentMerchant = (row: MerchantRow): Merchant => ({
  id: row.id,
  object: 'merchant',
  name: row.name,
  email: row.email,
  country: row.country.trim(),
  default_currency: row.default_currency.trim(),
  time_zone: row.time_zone,
  status: row.status,
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});

/** The database's time zone names are the authority: analytics compute local days with them. */
async function checkTimeZone(db: Queryable, timeZone: string): Promise<void> {
  const { rows } = await db.query<{ known: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS known',
    [timeZone],
  );
  if (!rows[0]?.known) {
    throw new AppError(400, 'validation_failed', `${timeZone} is not an IANA time zone.`, {
      errors: [
        {
          field: 'body.time_zone',
          message: 'not an IANA time zone, such as Africa/Lusaka',
          code: 'time_zone',
        },
      ],
    });
  }
}

/** Country and currency must be real ISO codes, not merely two and three capital letters. */
function checkCodes(input: NewMerchantInput): void {
  const errors: FieldError[] = [];
  if (!isCountry(input.country)) {
    errors.push({
      field: 'body.country',
      message: 'not an ISO 3166-1 alpha-2 country',
      code: 'unknown_country',
    });
  }
  if (currencyExponent(input.default_currency) === undefined) {
    errors.push({
      field: 'body.default_currency',
      message: 'not an ISO 4217 currency that payments can use',
      code: 'currency_not_supported',
    });
  }
  if (errors.length > 0) {
    throw new AppError(
      400,
      'validation_failed',
      `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
      {
        errors,
      },
    );
  }
}

export async function createMerchant(
  tx: Queryable,
  actor: Actor,
  input: NewMerchantInput,
): Promise<Merchant> {
  checkCodes(input);
  if (input.time_zone !== undefined) await checkTimeZone(tx, input.time_zone);
  const row = await store.insertMerchant(tx, {
    id: newId('mer'),
    name: input.name,
    email: input.email ?? null,
    country: input.country,
    default_currency: input.default_currency,
    time_zone: input.time_zone ?? 'UTC',
  });
  const merchant = presentMerchant(row);
  await writeAudit(tx, {
    actor,
    merchantId: merchant.id,
    action: 'merchant.created',
    entityType: 'merchant',
    entityId: merchant.id,
    newValues: merchant,
  });
  return merchant;
}

/** `visibleTo` is the caller's merchant (null for admins): another tenant's merchant is a 404. */
export async function getMerchant(db: Queryable, id: string, visibleTo: string | null): Promise<Merchant> {
  const row = visibleTo === null || visibleTo === id ? await store.findMerchant(db, id) : undefined;
  if (!row) throw notFound('merchant', id);
  return presentMerchant(row);
}

export async function listMerchants(
  db: Queryable,
  page: PageRequest,
  visibleTo: string | null,
): Promise<Schemas['MerchantList']> {
  const rows = await store.listMerchants(db, {
    limit: page.limit + 1,
    startingAfter: page.startingAfter,
    onlyId: visibleTo ?? undefined,
  });
  return toPage(rows, page.limit, presentMerchant);
}

export async function updateMerchant(
  db: Database,
  actor: Actor,
  id: string,
  changes: MerchantChanges,
): Promise<Merchant> {
  return db.transaction(async (tx) => {
    const before = await store.findMerchant(tx, id, true);
    if (!before) throw notFound('merchant', id);
    if (before.status === 'closed' && changes.status !== undefined && changes.status !== 'closed') {
      throw new AppError(
        409,
        'merchant_closed',
        `Merchant ${id} is closed; a closed merchant cannot be reopened.`,
      );
    }
    if (changes.time_zone !== undefined) await checkTimeZone(tx, changes.time_zone);
    const after = presentMerchant(await store.updateMerchant(tx, id, changes));
    if (after.time_zone !== before.time_zone) {
      // Days and hours are the merchant's local ones: rebuild them in the new zone.
      await replayWholeHistory(tx, id);
    }
    await writeAudit(tx, {
      actor,
      merchantId: id,
      action: 'merchant.updated',
      entityType: 'merchant',
      entityId: id,
      oldValues: presentMerchant(before),
      newValues: after,
    });
    return after;
  });
}
