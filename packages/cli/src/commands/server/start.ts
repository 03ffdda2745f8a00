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
import { molamCommand } from './how-to-run.js';
import { type SavedProfiles, saveSandboxProfiles } from './sandbox-profiles.js';

type Role = 'api' | 'worker' | 'all' | 'relay' | 'consumer';

export interface ServerStartOptions extends GlobalOptions, DatabaseFlags {
  port?: number | undefined;
  host?: string | undefined;
  role?: Role | undefined;
  /** Warnings and errors only. */
  quiet?: boolean | undefined;
  /** Debug lines too. */
  verbose?: boolean | undefined;
}

/** Only the flags given are passed; the server reads the rest (PORT, MOLAM_ROLE …) from the environment. */
export function startOptions(options: ServerStartOptions, io: IO): StartOptions {
  if (options.databaseUrl && options.dataDir)
    throw new UsageError('Use --database-url or --data-dir, not both.');
  if (options.quiet && options.verbose) throw new UsageError('Use --quiet or --verbose, not both.');
  const env = { ...io.env };
  if (options.quiet) env.LOG_LEVEL = 'warn';
  if (options.verbose) env.LOG_LEVEL = 'debug';
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

/** A one-click sign-in link for the sandbox merchant, or null when it cannot be made (the page still works). */
async function dashboardSignInUrl(
  running: RunningServer,
  sandbox: NonNullable<RunningServer['sandbox']>,
  deps: Pick<Deps, 'createClient'>,
): Promise<string | null> {
  try {
    const client = await deps.createClient({ apiKey: sandbox.adminKey, baseUrl: running.url });
    const link = await client.auth.createSignInLink({ merchant_id: sandbox.merchantId });
    return `${running.url}${link.path}`;
  } catch {
    return null;
  }
}

async function announce(
  running: RunningServer,
  options: ServerStartOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { sandbox } = running;
  let saved: SavedProfiles | null = null;
  if (sandbox) {
    try {
      saved = await saveSandboxProfiles(io, sandbox, deps);
    } catch (error) {
      note(
        io,
        `Could not save the sandbox profiles: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  // A server without the dashboard built (or a worker) has no page to link to.
  const signInUrl = sandbox && running.dashboard ? await dashboardSignInUrl(running, sandbox, deps) : null;
  if (options.json) {
    // One line, so a script can read it while the server keeps running.
    const profiles = saved ? [saved.merchant, saved.admin] : [];
    const { url, port, role, database } = running;
    const dashboard = signInUrl === null ? {} : { dashboard_sign_in_url: signInUrl };
    io.stdout.write(`${JSON.stringify({ url, port, role, database, sandbox, profiles, ...dashboard })}\n`);
    return;
  }
  const chalk = paint(io);
  success(io, `Molam server listening on ${running.url} (role ${running.role}; ${running.database})`);
  if (running.role === 'api' || running.role === 'all') {
    note(io, `API reference: ${running.url}/docs`);
    if (running.dashboard) {
      note(
        io,
        signInUrl === null
          ? `Dashboard:     ${running.url}/dashboard`
          : `Dashboard:     ${signInUrl} (signs in once, within 15 minutes; \`molam dev sign-in-link\` makes another)`,
      );
    }
  }
  if (sandbox) {
    note(io, chalk.yellow('Sandbox credentials (test mode, kept in the data folder):'));
    writeRecord(io, [
      ['admin key', sandbox.adminKey],
      ['merchant id', sandbox.merchantId],
      ['merchant key', sandbox.merchantKey],
    ]);
    if (saved) {
      if (saved.kept) {
        note(
          io,
          chalk.yellow(
            `Profile "${saved.kept.profile}" points at ${saved.kept.baseUrl}, which is still running or is not a local sandbox; this one is saved under its own names.`,
          ),
        );
      }
      if (saved.replaced) {
        note(
          io,
          `Profile "${saved.replaced.profile}" pointed at ${saved.replaced.baseUrl}, which no longer answers; it now points here.`,
        );
      }
      note(io, `Saved as profiles "${saved.merchant}" (merchant key) and "${saved.admin}" (admin key).`);
      const molam = molamCommand(io.env.INIT_CWD || process.cwd());
      note(io, 'Try:');
      note(
        io,
        `  ${molam} --profile ${saved.merchant} payments create --payer 260971234567 --amount 1250 --currency ZMW --wait`,
      );
      note(io, `  ${molam} --profile ${saved.merchant} payments list`);
      note(io, `  ${molam} --profile ${saved.admin} merchants list`);
    }
  }
  note(io, 'Press Ctrl-C to stop.');
}

/** Runs the reference server in this process until SIGINT or SIGTERM, then shuts it down gracefully. */
export async function run(
  options: ServerStartOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer' | 'createClient'>,
): Promise<void> {
  const start = startOptions(options, io);
  const server = await deps.loadServer();
  await server.runServerUntilSignal({
    ...start,
    onReady: (running) => announce(running, options, io, deps),
  });
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
    .option('-q, --quiet', 'log warnings and errors only')
    .option('-v, --verbose', 'log debug lines too')
    .addOption(
      new Option(
        '--role <role>',
        'what this process runs (env MOLAM_ROLE; default all): relay and consumer need KAFKA_BROKERS',
      ).choices(['all', 'api', 'worker', 'relay', 'consumer']),
    );
  addDatabaseFlags(start).action((flags: Omit<ServerStartOptions, keyof GlobalOptions>, cmd: Command) =>
    run({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
