import type { Command } from 'commander';
import type { App } from '../app.js';
import { resolveSettings } from '../config/settings.js';
import type { Deps } from '../deps.js';
import { CliError } from '../errors.js';
import { type GlobalOptions, readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { paint, writeJson, writeRecord } from '../output/write.js';

/** GET /healthz, without credentials. Exit 1 when the server answers "unhealthy" or does not answer. */
export async function run(options: GlobalOptions, io: IO, deps: Pick<Deps, 'createClient'>): Promise<void> {
  const { baseUrl } = await resolveSettings(options, io);
  const health = await (await deps.createClient({ apiKey: undefined, baseUrl })).health();
  const healthy = health.status === 'healthy';
  if (options.json) {
    writeJson(io, health);
  } else {
    const chalk = paint(io);
    writeRecord(io, [
      ['server', baseUrl],
      ['status', healthy ? chalk.green(health.status) : chalk.red(health.status)],
      ['database', health.database],
      ['version', health.version],
    ]);
  }
  if (!healthy) {
    throw new CliError(`The server at ${baseUrl} is unhealthy (database ${health.database}).`, {
      code: 'unhealthy',
    });
  }
}

export function register(program: Command, app: App): void {
  program
    .command('health')
    .description('Check the server and its database (GET /healthz); exit 1 when unhealthy')
    .action((_flags: object, cmd: Command) => run(readGlobals(cmd), app.io, app.deps));
}
