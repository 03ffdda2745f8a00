import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as createKey } from '../src/commands/keys/create.js';
import { run as migrateDown } from '../src/commands/migrate/down.js';
import { run as migrateStatus } from '../src/commands/migrate/status.js';
import { run as migrateUp } from '../src/commands/migrate/up.js';
import { databaseTarget } from '../src/database.js';
import { UsageError } from '../src/errors.js';
import { fakeDatabase, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';
import { apiKeyWithSecret, record, SECRET } from './helpers/fixtures.js';

const STATES = [
  {
    version: 1,
    name: 'platform',
    applied: true,
    appliedAt: '2026-11-22T09:00:00.000Z',
    checksumMatches: true,
  },
  { version: 2, name: 'payments', applied: false, appliedAt: null, checksumMatches: null },
];

describe('databaseTarget', () => {
  const io = (env: Record<string, string> = {}) => fakeIO({ env });

  it('takes flags first, then DATABASE_URL, then MOLAM_DATA_DIR, then ./.molam/data', () => {
    const env = { DATABASE_URL: 'postgres://db/env', MOLAM_DATA_DIR: '/data' };
    expect(databaseTarget({ databaseUrl: 'postgres://db/flag' }, io(env))).toEqual({
      databaseUrl: 'postgres://db/flag',
    });
    expect(databaseTarget({ dataDir: './here' }, io(env))).toEqual({ dataDir: './here' });
    expect(databaseTarget({}, io(env))).toEqual({ databaseUrl: 'postgres://db/env' });
    expect(databaseTarget({}, io({ MOLAM_DATA_DIR: '/data' }))).toEqual({ dataDir: '/data' });
    expect(databaseTarget({}, io())).toEqual({ dataDir: './.molam/data' });
  });

  it('rejects both flags at once and URLs that are not PostgreSQL', () => {
    expect(() => databaseTarget({ databaseUrl: 'postgres://x', dataDir: 'y' }, io())).toThrow(UsageError);
    expect(() => databaseTarget({ databaseUrl: 'mysql://x' }, io())).toThrow(UsageError);
  });
});

describe('database commands', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dataDir: string;

  beforeEach(async () => {
    dir = await tempDir();
    dataDir = join(dir.path, 'data');
    await mkdir(dataDir);
  });
  afterEach(() => dir.cleanup());

  it('keys create --admin writes the key into the database and prints the secret once', async () => {
    const db = fakeDatabase();
    const opened: unknown[] = [];
    const names: string[] = [];
    const deps = fakeDeps({
      server: {
        openDatabase: async (target) => record(opened, target, db),
        createAdminKey: async (_db, input) =>
          record(names, input.name, {
            key: { ...apiKeyWithSecret({ scopes: ['admin'] }), secret: SECRET },
            secret: SECRET,
          }),
      },
    });
    const io = fakeIO();
    await createKey({ json: true, admin: true, dataDir }, io, deps);
    expect(opened).toEqual([{ dataDir }]);
    expect(names).toEqual(['admin']);
    expect(db.closed).toBe(true);
    expect(JSON.parse(io.out())).toMatchObject({ scopes: ['admin'], secret: SECRET });
  });

  it('keys create --admin refuses flags that do not apply, and database flags need --admin', async () => {
    await expect(
      createKey({ json: false, admin: true, dataDir, scope: ['payments:read'] }, fakeIO(), fakeDeps()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      createKey({ json: false, admin: false, name: 'x', dataDir }, fakeIO(), fakeDeps()),
    ).rejects.toThrow(/only apply with --admin/);
  });

  it('refuses to create an empty embedded database except for migrate up', async () => {
    const missing = join(dir.path, 'nowhere');
    await expect(
      migrateStatus({ json: false, dataDir: missing }, fakeIO(), fakeDeps()),
    ).rejects.toMatchObject({ code: 'database_not_found' });
    const deps = fakeDeps({
      server: {
        openDatabase: async () => fakeDatabase(),
        migrateUp: async () => ({ applied: ['0001_platform.sql'] }),
      },
    });
    const io = fakeIO();
    await migrateUp({ json: false, dataDir: missing }, io, deps);
    expect(io.err()).toContain('Applied 0001_platform.sql');
  });

  it('migrate status prints a table of states, and JSON in snake_case', async () => {
    const deps = fakeDeps({
      server: { openDatabase: async () => fakeDatabase(), migrationStatus: async () => STATES },
    });
    const io = fakeIO();
    await migrateStatus({ json: false, dataDir }, io, deps);
    expect(io.out()).toBe('1\tplatform\tyes\t2026-11-22T09:00:00.000Z\tok\n2\tpayments\tno\t-\t-\n');
    expect(io.err()).toContain('1 pending');
    const json = fakeIO();
    await migrateStatus({ json: true, dataDir }, json, deps);
    expect(JSON.parse(json.out())).toMatchObject({
      pending: 1,
      migrations: [{ version: 1, applied_at: '2026-11-22T09:00:00.000Z', checksum_matches: true }, {}],
    });
  });

  it('migrate down needs --yes without a terminal, before opening anything', async () => {
    const deps = fakeDeps();
    await expect(migrateDown({ json: false, dataDir, yes: false }, fakeIO(), deps)).rejects.toMatchObject({
      code: 'confirmation_required',
    });
  });

  it('migrate down names the migration it reverts when asking', async () => {
    const reverted: string[] = [];
    const deps = fakeDeps({
      answers: { confirm: [true] },
      server: {
        openDatabase: async () => fakeDatabase(),
        migrationStatus: async () => STATES,
        migrateDown: async () => record(reverted, 'yes', { reverted: '0001_platform.sql' }),
      },
    });
    const io = fakeIO({ stdinTTY: true });
    await migrateDown({ json: false, dataDir, yes: false }, io, deps);
    expect(deps.questions[0]).toContain('1 (platform)');
    expect(reverted).toEqual(['yes']);
    expect(io.err()).toContain('Reverted 0001_platform.sql');
  });
});
