import type { Command } from 'commander';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { type Column, writeTable } from '../../output/table.js';
import { note, success, writeJson } from '../../output/write.js';
import { redactSecrets } from '../../secrets.js';
import { integerBetween } from '../shared/parse.js';

export interface JobsOptions extends GlobalOptions, DatabaseFlags {
  kind?: string | undefined;
  limit?: number | undefined;
  all?: boolean | undefined;
}

interface DeadJobRow {
  id: string;
  kind: string;
  attempts: number;
  last_error: string | null;
  died_at: Date | string;
}

const COLUMNS: Column<DeadJobRow>[] = [
  { header: 'ID', value: (job) => job.id },
  { header: 'KIND', value: (job) => job.kind },
  { header: 'ATTEMPTS', value: (job) => String(job.attempts) },
  { header: 'DIED', value: (job) => new Date(job.died_at).toISOString() },
  { header: 'LAST ERROR', value: (job) => redactSecrets(job.last_error ?? '-').slice(0, 80) },
];

/** Jobs that ran out of attempts (straight from the database: a runbook tool for when things went wrong). */
export async function runList(options: JobsOptions, io: IO, deps: Pick<Deps, 'loadServer'>): Promise<void> {
  const jobs = await withDatabase(databaseTarget(options, io), deps, (server, db) =>
    server.listDeadJobs(db, { kind: options.kind, limit: options.limit }),
  );
  if (options.json) {
    return writeJson(io, {
      object: 'list',
      data: jobs.map((job) => ({
        ...job,
        last_error: job.last_error === null ? null : redactSecrets(job.last_error),
      })),
    });
  }
  if (jobs.length === 0) return note(io, 'No dead jobs.');
  await writeTable(io, jobs, COLUMNS);
  note(io, 'Fix the cause, then re-queue them: molam jobs retry <id>… (or --kind K, or --all).');
}

/** Re-queues dead jobs with a fresh attempt budget: those named, those of a kind, or all of them. */
export async function runRetry(
  ids: string[],
  options: JobsOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const bad = ids.filter((id) => !/^\d{1,18}$/.test(id));
  if (bad.length > 0) throw new UsageError(`Not job ids: ${bad.join(', ')} (see molam jobs list).`);
  if (ids.length === 0 && options.kind === undefined && !options.all) {
    throw new UsageError('Name the jobs to re-queue: their ids, --kind K, or --all.');
  }
  if (options.all && (ids.length > 0 || options.kind !== undefined)) {
    throw new UsageError('--all re-queues every dead job: give it alone.');
  }
  const requeued = await withDatabase(databaseTarget(options, io), deps, (server, db) =>
    server.redriveDeadJobs(db, { kind: options.kind, ids: ids.length > 0 ? ids : undefined }),
  );
  if (options.json) return writeJson(io, { requeued });
  if (requeued === 0) note(io, 'No dead job matched: nothing was re-queued.');
  else success(io, `Re-queued ${requeued} job${requeued === 1 ? '' : 's'}; the workers take them at once.`);
}

export function register(program: Command, app: App): void {
  const jobs = program
    .command('jobs')
    .description('Background jobs that ran out of attempts (straight in the database)');
  addDatabaseFlags(
    jobs
      .command('list')
      .description('List dead jobs, the most recent first')
      .option('--kind <kind>', 'only jobs of this kind (payment.submit:mtn, notification.send …)')
      .option('--limit <n>', 'at most this many (1 to 1000, default 100)', integerBetween(1, 1000)),
  ).action((flags: Omit<JobsOptions, keyof GlobalOptions>, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  addDatabaseFlags(
    jobs
      .command('retry [ids...]')
      .description('Re-queue dead jobs with a fresh attempt budget (after the cause is fixed)')
      .option('--kind <kind>', 'every dead job of this kind')
      .option('--all', 'every dead job'),
  ).action((ids: string[], flags: Omit<JobsOptions, keyof GlobalOptions>, cmd: Command) =>
    runRetry(ids, { ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
