import { type Command, Option } from 'commander';
import type { App } from '../../app.js';
import { addDatabaseFlags, type DatabaseFlags, databaseTarget, withDatabase } from '../../database.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { type Column, writeTable } from '../../output/table.js';
import { note, success, writeJson } from '../../output/write.js';
import { instantOrAgo } from '../shared/dates.js';

type TopicStatus = Awaited<ReturnType<Awaited<ReturnType<Deps['loadServer']>>['outboxStatus']>>[number];

export interface ReplayOptions extends GlobalOptions, DatabaseFlags {
  since?: string | undefined;
  until?: string | undefined;
  topic?: string | undefined;
}

const TOPICS = ['payments.payment-processed', 'payments.payment-failed', 'audit.payment-events'];

/** `95 s`, `12 min`, `3.5 h`: how long the oldest row has waited. */
function age(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const COLUMNS: Column<TopicStatus>[] = [
  { header: 'TOPIC', value: (row) => row.topic },
  { header: 'WAITING', value: (row) => String(row.unpublished) },
  { header: 'OLDEST WAITING', value: (row) => age(row.oldest_unpublished_seconds) },
  { header: 'PUBLISHED (KEPT)', value: (row) => String(row.published) },
  {
    header: 'LAST PUBLISHED',
    value: (row) => (row.last_published_at === null ? '-' : new Date(row.last_published_at).toISOString()),
  },
];

/** Per topic: what waits for the relay, how long the oldest has waited, what went out (straight from the database). */
export async function runStatus(
  options: GlobalOptions & DatabaseFlags,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const topics = await withDatabase(databaseTarget(options, io), deps, (server, db) =>
    server.outboxStatus(db),
  );
  if (options.json) return writeJson(io, { object: 'list', data: topics });
  if (topics.length === 0) return note(io, 'The outbox is empty.');
  await writeTable(io, topics, COLUMNS);
  if (topics.some((row) => row.unpublished > 0)) {
    note(
      io,
      'Waiting rows go out when a relay runs: molam-server --role relay (or worker) with KAFKA_BROKERS set.',
    );
  }
}

/** Marks a window of kept messages unpublished, so the relay sends them again (for a consumer that lost data). */
export async function runReplay(
  options: ReplayOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  if (options.since === undefined)
    throw new UsageError('Say where the window starts: --since 2h (or a date-time).');
  const since = new Date(options.since);
  const until = options.until === undefined ? undefined : new Date(options.until);
  if (until && until <= since) throw new UsageError('--until must be after --since.');
  const replayed = await withDatabase(databaseTarget(options, io), deps, (server, db) =>
    server.replayOutbox(db, { since, until, topic: options.topic }),
  );
  if (options.json) {
    return writeJson(io, {
      replayed,
      since: since.toISOString(),
      until: until?.toISOString() ?? null,
      topic: options.topic ?? null,
    });
  }
  if (replayed === 0) {
    note(
      io,
      'No published message in that window: nothing to send again (rows older than the retention are gone).',
    );
  } else {
    success(
      io,
      `Marked ${replayed} message${replayed === 1 ? '' : 's'} to publish again; the relay sends them next.`,
    );
    note(io, 'Consumers see them a second time: they deduplicate on the event-id header.');
  }
}

export function register(program: Command, app: App): void {
  const outbox = program
    .command('outbox')
    .description('The event outbox the relay publishes to Kafka (straight in the database)');
  addDatabaseFlags(
    outbox.command('status').description('What waits for the relay, per topic, and how long'),
  ).action((flags: DatabaseFlags, cmd: Command) =>
    runStatus({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  addDatabaseFlags(
    outbox
      .command('replay')
      .description('Publish a window of messages again, for a consumer that lost data')
      .option('--since <when>', 'start of the window: a date-time, or a time ago (30m, 2h, 7d)', (value) =>
        instantOrAgo(value),
      )
      .option('--until <when>', 'end of the window (default: now)', (value) => instantOrAgo(value))
      .addOption(new Option('--topic <topic>', 'only this topic').choices(TOPICS)),
  ).action((flags: Omit<ReplayOptions, keyof GlobalOptions>, cmd: Command) =>
    runReplay({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
}
