import { type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, paint, writeJson, writeRecord } from '../../output/write.js';
import type { KeyCreateFlags } from './options.js';

export interface AdminKeyOptions extends GlobalOptions, KeyCreateFlags, DatabaseFlags {}

/**
 * The runbook's first step: no admin key exists yet to call the API with, so this one is written straight
 * into the database with the server's own code.
 */
export async function createAdminKeyInDatabase(
  options: AdminKeyOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  if (options.scope || options.expiresAt || options.idempotencyKey) {
    throw new UsageError(
      '--admin keys hold the admin scope and do not expire: drop --scope, --expires-at and --idempotency-key.',
    );
  }
  const target = databaseTarget(options, io);
  const name = options.name ?? 'admin';
  const created = await withDatabase(target, deps, (server, db) => {
    if (!options.json) note(io, `Creating an admin key in ${db.description} …`);
    // Admin keys act in their own mode only: a production deployment manages live keys with a live admin key.
    return server.createAdminKey(db, { name, mode: options.mode ?? 'test' });
  });
  if (options.json) {
    writeJson(io, { ...created.key, secret: created.secret });
    return;
  }
  writeRecord(io, [
    ['id', created.key.id],
    ['name', name],
    ['mode', created.key.mode],
    ['prefix', `${created.key.prefix}…`],
    ['scopes', created.key.scopes.join(', ')],
    ['secret', paint(io).bold(created.secret)],
  ]);
  note(io, paint(io).yellow('Store the secret now: it is not shown again.'));
}
