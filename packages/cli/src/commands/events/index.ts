import { type Command, Option } from 'commander';
import type { EventType } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeTable } from '../../output/table.js';
import { note, success, writeJson } from '../../output/write.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { idempotencyKey, timestamp } from '../shared/parse.js';
import { EVENT_TYPES } from '../webhooks/options.js';
import { deliveryColumns, eventColumns, writeEvent } from '../webhooks/render.js';
import { type EventsIngestOptions, runIngest } from './ingest.js';

export interface EventsListOptions extends GlobalOptions, ListFlags {
  type?: EventType | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface EventsGetOptions extends GlobalOptions {
  eventId: string;
}

export interface EventsResendOptions extends EventsGetOptions {
  endpoint?: string | undefined;
  idempotencyKey?: string | undefined;
}

export async function runList(
  options: EventsListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new UsageError(`--since (${options.since}) must be before --until (${options.until}).`);
  }
  const filters = {
    ...(options.type !== undefined ? { type: options.type } : {}),
    ...(options.since !== undefined ? { created_gte: options.since } : {}),
    ...(options.until !== undefined ? { created_lt: options.until } : {}),
  };
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.events.list({ ...params, ...filters }), options);
  await writeList(io, options.json, page, eventColumns, 'events');
}

export async function runGet(
  options: EventsGetOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  writeEvent(io, options.json, await client.events.get(options.eventId));
}

/** Queues the event again for one endpoint, or for every endpoint that wants its type. */
export async function runResend(
  options: EventsResendOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const params = options.endpoint !== undefined ? { endpoint_id: options.endpoint } : undefined;
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  const queued = await client.events.resend(options.eventId, params, requestOptions);
  if (options.json) {
    writeJson(io, queued);
    return;
  }
  if (queued.data.length === 0) {
    note(io, `No endpoint wants ${options.eventId}: nothing was queued.`);
    return;
  }
  await writeTable(io, queued.data, deliveryColumns(io));
  const noun = queued.data.length === 1 ? 'delivery' : 'deliveries';
  success(io, `Queued ${queued.data.length} ${noun} of ${options.eventId}.`);
}

export function register(program: Command, app: App): void {
  const events = program
    .command('events')
    .description(
      'What happened to your payments and keys (kept 30 days): list, get, resend; ingest for analytics',
    );
  events
    .command('ingest')
    .description('Record transaction events for the analytics from an NDJSON or CSV file, 1000 per request')
    .argument(
      '<file>',
      'one JSON event per line, or CSV with a header row (transaction_id,event_type,amount,…)',
    )
    .addOption(
      new Option('--format <format>', 'how the file is written (default: from its extension)').choices([
        'ndjson',
        'csv',
      ]),
    )
    .action((file: string, flags: Pick<EventsIngestOptions, 'format'>, cmd: Command) =>
      runIngest({ ...readGlobals(cmd), file, ...flags }, app.io, app.deps),
    );
  const list = events
    .command('list')
    .description('List events, newest first')
    .addOption(new Option('--type <type>', 'only events of this type').choices(EVENT_TYPES))
    .option('--since <time>', 'created at or after this RFC 3339 time', timestamp)
    .option('--until <time>', 'created before this RFC 3339 time', timestamp);
  addListFlags(list).action((flags: Omit<EventsListOptions, keyof GlobalOptions>, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  events
    .command('get')
    .description('Show an event and the object it is about, as it was then')
    .argument('<event_id>', 'the event id (evt_…)')
    .action((eventId: string, _flags: object, cmd: Command) =>
      runGet({ ...readGlobals(cmd), eventId }, app.io, app.deps),
    );
  events
    .command('resend')
    .description('Deliver an event again, to one endpoint or to every endpoint that wants its type')
    .argument('<event_id>', 'the event id (evt_…)')
    .option('--endpoint <endpoint_id>', 'only to this endpoint (we_…)')
    .option(
      '--idempotency-key <key>',
      'make a retried request safe (8-255 printable characters)',
      idempotencyKey,
    )
    .action((eventId: string, flags: Omit<EventsResendOptions, keyof EventsGetOptions>, cmd: Command) =>
      runResend({ ...readGlobals(cmd), eventId, ...flags }, app.io, app.deps),
    );
}
