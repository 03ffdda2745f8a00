import type { Merchant } from '../../api/client.js';
import type { IO } from '../../io.js';
import type { Column } from '../../output/table.js';
import { orDash, writeJson, writeRecord } from '../../output/write.js';

export const merchantColumns: readonly Column<Merchant>[] = [
  { header: 'ID', value: (merchant) => merchant.id },
  { header: 'NAME', value: (merchant) => merchant.name },
  { header: 'COUNTRY', value: (merchant) => merchant.country },
  { header: 'CURRENCY', value: (merchant) => merchant.default_currency },
  { header: 'STATUS', value: (merchant) => merchant.status },
  { header: 'EMAIL', value: (merchant) => orDash(merchant.email) },
  { header: 'CREATED', value: (merchant) => merchant.created_at },
];

export function writeMerchant(io: IO, json: boolean, merchant: Merchant): void {
  if (json) {
    writeJson(io, merchant);
    return;
  }
  writeRecord(io, [
    ['id', merchant.id],
    ['name', merchant.name],
    ['email', orDash(merchant.email)],
    ['country', merchant.country],
    ['currency', merchant.default_currency],
    ['status', merchant.status],
    ['created', merchant.created_at],
    ['updated', merchant.updated_at],
  ]);
}
