import type { Command } from 'commander';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { success } from '../../output/write.js';
import { addListFlags, fetchList, type ListFlags, writeList } from '../shared/list.js';
import { deliveryColumns, writeDelivery } from './render.js';

export interface DeliveriesListOptions extends GlobalOptions, ListFlags {
  endpointId: string;
}

export interface DeliveryOptions extends GlobalOptions {
  endpointId: string;
  deliveryId: string;
}

export async function runList(
  options: DeliveriesListOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const page = await fetchList(
    (params) => client.webhookEndpoints.listDeliveries(options.endpointId, params),
    options,
  );
  await writeList(io, options.json, page, deliveryColumns(io), 'deliveries');
}

export async function runGet(
  options: DeliveryOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  await writeDelivery(
    io,
    options.json,
    await client.webhookEndpoints.getDelivery(options.endpointId, options.deliveryId),
  );
}

/** Sends the delivery again now, whatever its state; no confirmation: receivers must handle repeats anyway. */
export async function runRetry(
  options: DeliveryOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const { client } = await connect(options, io, deps);
  const delivery = await client.webhookEndpoints.retryDelivery(options.endpointId, options.deliveryId);
  await writeDelivery(io, options.json, delivery);
  if (!options.json) success(io, `Delivery ${delivery.id} is queued again (${delivery.event_type}).`);
}

export function register(parent: Command, app: App): void {
  const deliveries = parent
    .command('deliveries')
    .description('The deliveries made to an endpoint, with every attempt; send one again');
  const list = deliveries
    .command('list')
    .description('Deliveries to an endpoint, newest first')
    .argument('<endpoint_id>', 'the endpoint id (we_…)');
  addListFlags(list).action((endpointId: string, flags: ListFlags, cmd: Command) =>
    runList({ ...readGlobals(cmd), ...flags, endpointId }, app.io, app.deps),
  );
  deliveries
    .command('get')
    .description('One delivery with every attempt: time, HTTP status, duration, error')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .argument('<delivery_id>', 'the delivery id (del_…)')
    .action((endpointId: string, deliveryId: string, _flags: object, cmd: Command) =>
      runGet({ ...readGlobals(cmd), endpointId, deliveryId }, app.io, app.deps),
    );
  deliveries
    .command('retry')
    .description('Send a delivery again now, whatever its state')
    .argument('<endpoint_id>', 'the endpoint id (we_…)')
    .argument('<delivery_id>', 'the delivery id (del_…)')
    .action((endpointId: string, deliveryId: string, _flags: object, cmd: Command) =>
      runRetry({ ...readGlobals(cmd), endpointId, deliveryId }, app.io, app.deps),
    );
}
