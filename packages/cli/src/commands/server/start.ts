import { type Command, Option } from 'commander';
import type { RunningServer, StartOptions } from '../../api/server.js';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags } from '../../database.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { note, paint, success, writeRecord } from '../../output/write.js';
import { integerBetween } from '../shared/parse.js';
import { SANDBOX_ADMIN_PROFILE, SANDBOX_PROFILE, saveSandboxProfiles } from './sandbox-profiles.js';

type Role = 'api' | 'worker' | 'all';

export interface ServerStartOptions extends GlobalOptions, DatabaseFlags {
  port?: number | undefined;
  host?: string | undefined;
  role?: Role | undefined;
}

/** Only the flags given are passed; the server reads the rest (PORT, MOLAM_ROLE …) from the environment. */
export function startOptions(options: ServerStartOptions, io: IO): StartOptions {
  if (options.databaseUrl && options.dataDir)
    throw new UsageError('Use --database-url or --data-dir, not both.');
  const env = { ...io.env };
  // An explicit --data-dir beats a DATABASE_URL left in the environment.
  if (options.dataDir) delete env.DATABASE_URL;
  return {
    env,
    // Log lines go to stderr: stdout carries only the command's result (the ready line with --json).
    logDestination: io.stderr,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  };
}

async function announce(running: RunningServer, options: ServerStartOptions, io: IO): Promise<void> {
  const { sandbox } = running;
  let saved = false;
  if (sandbox) {
    try {
      await saveSandboxProfiles(io, sandbox);
      saved = true;
    } catch (error) {
      note(
        io,
        `Could not save the sandbox profiles: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (options.json) {
    // One line, so a script can read it while the server keeps running.
    const profiles = saved ? [SANDBOX_PROFILE, SANDBOX_ADMIN_PROFILE] : [];
    const { url, port, role, database } = running;
    io.stdout.write(`${JSON.stringify({ url, port, role, database, sandbox, profiles })}\n`);
    return;
  }
  success(io, `Molam server listening on ${running.url} (role ${running.role}; ${running.database})`);
  if (sandbox) {
    note(io, paint(io).yellow('Sandbox credentials (test mode, kept in the data folder):'));
    writeRecord(io, [
      ['admin key', sandbox.adminKey],
      ['merchant id', sandbox.merchantId],
      ['merchant key', sandbox.merchantKey],
    ]);
    if (saved) {
      note(
        io,
        `Saved as profiles "${SANDBOX_PROFILE}" (merchant key) and "${SANDBOX_ADMIN_PROFILE}" (admin key).`,
      );
      note(io, `Try: molam --profile ${SANDBOX_PROFILE} merchants list`);
    }
  }
  note(io, 'Press Ctrl-C to stop.');
}

/** Runs the reference server in this process until SIGINT or SIGTERM, then shuts it down gracefully. */
export async function run(
  options: ServerStartOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const start = startOptions(options, io);
  const server = await deps.loadServer();
  await server.runServerUntilSignal({ ...start, onReady: (running) => announce(running, options, io) });
  if (!options.json) note(io, 'Server stopped.');
}

export function register(program: Command, app: App): void {
  const serverCommand = program.command('server').description('Run the Molam reference server');
  const start = serverCommand
    .command('start')
    .description(
      'Start the API and/or workers in this process until Ctrl-C (saves sandbox profiles on first start)',
    )
    .option(
      '--port <port>',
      'port to listen on, 0 for any free one (env PORT; default 8080)',
      integerBetween(0, 65_535),
    )
    .option('--host <host>', 'address to listen on (env HOST; default 127.0.0.1)')
    .addOption(
      new Option('--role <role>', 'what this process runs (env MOLAM_ROLE; default all)').choices([
        'api',
        'worker',
        'all',
      ]),
    );
  addDatabaseFlags(start).action((flags: Omit<ServerStartOptions, keyof GlobalOptions>, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
