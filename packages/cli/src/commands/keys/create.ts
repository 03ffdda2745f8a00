import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import { addDatabaseFlags } from '../../database.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { valueOrAsk } from '../../prompt.js';
import { nameRule } from '../shared/parse.js';
import { type AdminKeyOptions, createAdminKeyInDatabase } from './create-admin.js';
import { addKeyCreateFlags, keyCreateBody } from './options.js';
import { writeNewKey } from './render.js';

export interface KeysCreateOptions extends AdminKeyOptions {
  admin?: boolean | undefined;
}

export async function run(options: KeysCreateOptions, io: IO, deps: Deps): Promise<void> {
  if (options.admin === true) return createAdminKeyInDatabase(options, io, deps);
  if (options.databaseUrl || options.dataDir) {
    throw new UsageError('--database-url and --data-dir only apply with --admin.');
  }
  const name = await valueOrAsk(
    options.name,
    { flag: '--name', message: 'Key name:', validate: nameRule(100) },
    io,
    deps,
  );
  const { client } = await connect(options, io, deps);
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  writeNewKey(io, options.json, await client.keys.create(keyCreateBody(name, options), requestOptions));
}

export function register(parent: Command, app: App): void {
  const command = parent
    .command('create')
    .description(
      'Create an API key for your own merchant, or with --admin the first admin key in the database',
    )
    .option('--admin', 'create a platform admin key directly in the database (no server needed)');
  addKeyCreateFlags(command);
  addDatabaseFlags(command);
  command.action((flags: Omit<KeysCreateOptions, 'json' | 'profile' | 'baseUrl'>, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
