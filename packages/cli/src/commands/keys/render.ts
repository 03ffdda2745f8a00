import type { ApiKey, ApiKeyWithSecret } from '../../api/client.js';
import type { IO } from '../../io.js';
import type { Column } from '../../output/table.js';
import { type Field, note, orDash, paint, secretField, writeJson, writeRecord } from '../../output/write.js';

export const keyColumns: readonly Column<ApiKey>[] = [
  { header: 'ID', value: (key) => key.id },
  { header: 'NAME', value: (key) => key.name },
  { header: 'MODE', value: (key) => key.mode },
  { header: 'PREFIX', value: (key) => `${key.prefix}…` },
  { header: 'SCOPES', value: (key) => key.scopes.join(',') },
  { header: 'STATUS', value: (key) => key.status },
  { header: 'LAST USED', value: (key) => orDash(key.last_used_at) },
  { header: 'CREATED', value: (key) => key.created_at },
];

export function keyFields(key: ApiKey): Field[] {
  return [
    ['id', key.id],
    ['name', key.name],
    ['merchant', orDash(key.merchant_id)],
    ['mode', key.mode],
    ['prefix', `${key.prefix}…`],
    ['scopes', key.scopes.join(', ')],
    ['status', key.status],
    ['expires', orDash(key.expires_at)],
    ['last used', orDash(key.last_used_at)],
    ['revoked', orDash(key.revoked_at)],
    ['created', key.created_at],
  ];
}

export function writeKey(io: IO, json: boolean, key: ApiKey): void {
  if (json) writeJson(io, key);
  else writeRecord(io, keyFields(key));
}

/** The one time a secret is printed in full: this is the command's whole purpose. */
export function writeNewKey(io: IO, json: boolean, key: ApiKeyWithSecret): void {
  if (json) {
    writeJson(io, key);
    return;
  }
  const fields = keyFields(key).filter(([label]) => !['last used', 'revoked'].includes(label));
  writeRecord(io, [...fields, secretField(io, key.secret)]);
  if (key.replaces)
    note(io, `The old key ${key.replaces.id} keeps working until ${key.replaces.expires_at}.`);
  if (key.secret === null) note(io, 'Lost the secret? Rotate the key to get a new one.');
  else note(io, paint(io).yellow('Store the secret now: it is not shown again.'));
}
