import { LIMITS } from '@molam/contract';
import { type Command, Option } from 'commander';
import type { WebhookEndpoint } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success, writeJson } from '../../output/write.js';
import { confirmOrAbort, valueOrAsk } from '../../prompt.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { idempotencyKey } from '../shared/parse.js';
import { type EnabledEvent, EVENT_TYPES, enabledEventList } from './options.js';
import { endpointColumns, writeEndpoint, writeEndpointWithSecret } from './render.js';

type EndpointStatus = WebhookEndpoint['status'];

export interface EndpointsCreateOptions extends GlobalOptions {
  url?: string | undefined;
  events?: EnabledEvent[] | undefined;
  description?: string | undefined;
  idempotencyKey?: string | undefined;
}

export interface EndpointsListOptions extends GlobalOptions, ListFlags {}

export interface EndpointOptions extends GlobalOptions {
  endpointId: string;
}

export interface EndpointsUpdateOptions extends EndpointOptions {
  url?: string | undefined;
  events?: EnabledEvent[] | undefined;
  description?: string | undefined;
  clearDescription?: boolean | undefined;
  status?: EndpointStatus | undefined;
}

export interface EndpointConfirmOptions extends EndpointOptions {
  yes?: boolean | undefined;
}

const STATUSES = ['enabled', 'disabled'] as const satisfies readonly EndpointStatus[];

/** An http(s) URL, or what is wrong with it (the server checks the rest: https and public for live keys). */
function urlRule(value: string): string | true {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? true
      : 'must be an http:// or https:// URL';
  } catch {
    return 'must be a URL, such as https://shop.example.com/hooks/molam';
  }
}

function descriptionRule(value: string): string | true {
  const max = LIMITS.webhookEndpoint.descriptionMax;
  return value.length > max ? `at most ${max} characters` : true;
}

function checked(flag: string, value: string | undefined, rule: (value: string) => string | true): void {
  if (value === undefined) return;
  const verdict = rule(value);
  if (verdict !== true) throw new UsageError(`${flag}: ${verdict}.`);
}

export async function runCreate(
  options: EndpointsCreateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  checked('--description', options.description, descriptionRule);
  const url = await valueOrAsk(
    options.url,
    { flag: '--url', message: 'Endpoint URL (where Molam POSTs your events):', validate: urlRule },
    io,
    deps,
  );
  const { client } = await connect(options, io, deps);
  const everyType: EnabledEvent[] = ['*'];
  const body = {
    url,
    enabled_events: options.events && options.events.length > 0 ? options.events : everyType,
    ...(options.description !== undefined ? { description: options.description } : {}),
  };
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined;
  writeEndpointWithSecret(io, options.json, await client.webhookEndpoints.create(body, requestOptions));
}

export async function runList(
  options: EndpointsListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const page = await fetchList((params) => client.webhookEndpoints.list(params), options);
  await writeList(io, options.json, page, endpointColumns(io), 'webhook endpoints');
}

export async function runGet(
  options: EndpointOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  writeEndpoint(io, options.json, await client.webhookEndpoints.get(options.endpointId));
}

export async function runUpdate(
  options: EndpointsUpdateOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  if (options.description !== undefined && options.clearDescription === true) {
    throw new UsageError('Use --description or --clear-description, not both.');
  }
  checked('--url', options.url, urlRule);
  checked('--description', options.description, descriptionRule);
  const body = {
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.events !== undefined ? { enabled_events: options.events } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.clearDescription === true ? { description: null } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
  };
  if (Object.keys(body).length === 0) {
    throw new UsageError(
      'Nothing to update: give --url, --events, --description, --clear-description or --status.',
    );
  }
  const { client } = await connect(options, io, deps);
  writeEndpoint(io, options.json, await client.webhookEndpoints.update(options.endpointId, body));
}

export async function runDelete(
  options: EndpointConfirmOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  await confirmOrAbort(
    options.yes === true,
    `Delete webhook endpoint ${options.endpointId}? Its pending deliveries stop and it cannot be restored.`,
    io,
    deps,
  );
  const deleted = await client.webhookEndpoints.delete(options.endpointId);
  if (options.json) writeJson(io, deleted);
  else success(io, `Deleted webhook endpoint ${deleted.id}.`);
}

export async function runRotateSecret(
  options: EndpointConfirmOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'prompter'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  await confirmOrAbort(
    options.yes === true,
    `Rotate the signing secret of ${options.endpointId}? The old secret keeps signing for 24 hours.`,
    io,
    deps,
  );
  writeEndpointWithSecret(
    io,
    options.json,
    await client.webhookEndpoints.rotateSecret(options.endpointId),
    true,
  );
}

function eventsOption(description: string): Option {
  return new Option('--events <types>', description)
    .choices(['*', ...EVENT_TYPES])
    .argParser(enabledEventList);
}

export function register(parent: Command, app: App): void {
  const endpoints = parent
    .command('endpoints')
    .description(
      'Manage the URLs Molam sends your events to: create, list, get, update, delete, rotate-secret',
    );
  endpoints
    .command('create')
    .description('Create a webhook endpoint; prints its signing secret once')
    .option('--url <url>', 'where to POST events (prompted when missing on a terminal)')
    .addOption(eventsOption('event types to send; repeat or separate with commas (default: *, every type)'))
    .option('--description <text>', 'what the endpoint is for (at most 500 characters)')
    .option(
      '--idempotency-key <key>',
      'make a retried create safe (8-255 printable characters)',
      idempotencyKey,
    )
    .action((flags: Omit<EndpointsCreateOptions, keyof GlobalOptions>, cmd: Command) =>
      runCreate({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
    );
  const list = endpoints.command('list').description('List your webhook endpoints, newest first');
  addListFlags(list).action((flags: ListFlags, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags }, app.io, app.deps),
  );
  endpoints
    .command('get')
    .description('Show a webhook endpoint (never its secret)')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .action((endpointId: string, _flags: object, cmd: Command) =>
      runGet({ ...readGlobals(cmd), endpointId }, app.io, app.deps),
    );
  endpoints
    .command('update')
    .description('Change the URL, the events, the description or the status of a webhook endpoint')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .option('--url <url>', 'new URL')
    .addOption(eventsOption('the event types to send instead (* for every type)'))
    .option('--description <text>', 'new description')
    .option('--clear-description', 'remove the description')
    .addOption(
      new Option('--status <status>', 'disabled endpoints receive nothing until enabled again').choices(
        STATUSES,
      ),
    )
    .action((endpointId: string, flags: Omit<EndpointsUpdateOptions, keyof EndpointOptions>, cmd: Command) =>
      runUpdate({ ...readGlobals(cmd), endpointId, ...flags }, app.io, app.deps),
    );
  endpoints
    .command('delete')
    .description('Delete a webhook endpoint; its pending deliveries stop (asks first; --yes to skip)')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .option('-y, --yes', 'do not ask for confirmation')
    .action((endpointId: string, flags: { yes?: boolean }, cmd: Command) =>
      runDelete({ ...readGlobals(cmd), endpointId, yes: flags.yes }, app.io, app.deps),
    );
  endpoints
    .command('rotate-secret')
    .description('Issue a new signing secret, printed once; the old one signs too for 24 hours (asks first)')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .option('-y, --yes', 'do not ask for confirmation')
    .action((endpointId: string, flags: { yes?: boolean }, cmd: Command) =>
      runRotateSecret({ ...readGlobals(cmd), endpointId, yes: flags.yes }, app.io, app.deps),
    );
}
