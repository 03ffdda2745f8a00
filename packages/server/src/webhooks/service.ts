import type { Schemas } from '@molam/contract';
import { writeAudit } from '../audit/audit.js';
import { type RequestContext, type Tenant, tenantOf } from '../auth/context.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import { wakeDispatchers } from './queue-store.js';
import { generateWebhookSecret } from './signing.js';
import type { EndpointRow } from './store.js';
import * as store from './store.js';
import { checkEndpointUrl, type WebhookEgress } from './url-policy.js';

const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export const presentEndpoint = (row: EndpointRow): Schemas['WebhookEndpoint'] => ({
  id: row.id,
  object: 'webhook_endpoint' as const,
  url: row.url,
  enabled_events: row.enabled_events,
  description: row.description,
  status: row.status,
  disabled_reason: row.disabled_reason,
  created_at: iso(row.created_at)!,
  updated_at: iso(row.updated_at)!,
});

const tenant = (ctx: RequestContext): Tenant => tenantOf(ctx, 'Webhook endpoints belong');

async function ownEndpoint(
  db: Queryable,
  ctx: RequestContext,
  id: string,
  forUpdate = false,
): Promise<EndpointRow> {
  const row = await store.findEndpoint(db, tenant(ctx), id, forUpdate);
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

export async function createEndpoint(
  db: Database,
  ctx: RequestContext,
  egress: WebhookEgress,
  input: { url: string; enabled_events: string[]; description?: string },
) {
  const { merchantId, mode } = tenant(ctx);
  const url = checkEndpointUrl(input.url, mode, egress).toString();
  return db.transaction(async (tx) => {
    const secret = generateWebhookSecret();
    const row = await store.insertEndpoint(tx, {
      id: newId('we'),
      merchant_id: merchantId,
      mode,
      url,
      description: input.description ?? null,
      enabled_events: input.enabled_events,
      secret,
    });
    const endpoint = presentEndpoint(row);
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId,
      action: 'webhook_endpoint.created',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      newValues: endpoint,
    });
    return { ...endpoint, secret };
  });
}

export async function getEndpoint(db: Queryable, ctx: RequestContext, id: string) {
  return presentEndpoint(await ownEndpoint(db, ctx, id));
}

export async function listEndpoints(
  db: Queryable,
  ctx: RequestContext,
  page: PageRequest,
): Promise<Schemas['WebhookEndpointList']> {
  const rows = await store.listEndpoints(db, tenant(ctx), page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, presentEndpoint);
}

export async function updateEndpoint(
  db: Database,
  ctx: RequestContext,
  egress: WebhookEgress,
  id: string,
  changes: {
    url?: string;
    enabled_events?: string[];
    description?: string | null;
    status?: 'enabled' | 'disabled';
  },
) {
  return db.transaction(async (tx) => {
    const before = await ownEndpoint(tx, ctx, id, true);
    const next: Parameters<typeof store.updateEndpoint>[2] = {};
    if (changes.url !== undefined) next.url = checkEndpointUrl(changes.url, before.mode, egress).toString();
    if (changes.enabled_events !== undefined) next.enabled_events = changes.enabled_events;
    if (changes.description !== undefined) next.description = changes.description;
    if (changes.status !== undefined) {
      next.status = changes.status;
      // Re-enabling clears the platform's verdict and starts the failure clock afresh.
      if (changes.status === 'enabled') Object.assign(next, { disabled_reason: null, failing_since: null });
    }
    const after = presentEndpoint(await store.updateEndpoint(tx, id, next));
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: before.merchant_id,
      action: 'webhook_endpoint.updated',
      entityType: 'webhook_endpoint',
      entityId: id,
      oldValues: presentEndpoint(before),
      newValues: after,
    });
    return after;
  });
}

export async function deleteEndpoint(db: Database, ctx: RequestContext, id: string) {
  return db.transaction(async (tx) => {
    const before = await ownEndpoint(tx, ctx, id, true);
    await store.updateEndpoint(tx, id, { deleted: true, status: 'disabled' });
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: before.merchant_id,
      action: 'webhook_endpoint.deleted',
      entityType: 'webhook_endpoint',
      entityId: id,
      oldValues: presentEndpoint(before),
    });
    return { id, object: 'webhook_endpoint', deleted: true as const };
  });
}

/** A new secret; the old one keeps signing alongside it for 24 hours so receivers can switch over. */
export async function rotateSecret(db: Database, ctx: RequestContext, id: string) {
  return db.transaction(async (tx) => {
    const before = await ownEndpoint(tx, ctx, id, true);
    const secret = generateWebhookSecret();
    const row = await store.updateEndpoint(tx, id, {
      secret,
      previous_secret: before.secret,
      previous_secret_expires_at: new Date(Date.now() + ROTATION_OVERLAP_MS),
    });
    await writeAudit(tx, {
      actor: ctx.actor,
      merchantId: before.merchant_id,
      action: 'webhook_endpoint.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: id,
    });
    return { ...presentEndpoint(row), secret };
  });
}

const presentDelivery = (row: store.DeliveryWithAttempts): Schemas['WebhookDelivery'] => ({
  id: row.id,
  object: 'webhook_delivery' as const,
  endpoint_id: row.endpoint_id,
  event_id: row.event_id,
  event_type: row.event_type,
  status: row.status,
  attempt_count: row.attempt_count,
  next_attempt_at: iso(row.next_attempt_at),
  attempts: row.attempts.map((attempt) => ({
    ...attempt,
    attempted_at: new Date(attempt.attempted_at).toISOString(),
  })),
  created_at: iso(row.created_at)!,
});

export async function listDeliveries(
  db: Queryable,
  ctx: RequestContext,
  endpointId: string,
  page: PageRequest,
): Promise<Schemas['WebhookDeliveryList']> {
  const endpoint = await ownEndpoint(db, ctx, endpointId);
  const rows = await store.listDeliveries(db, endpoint.id, page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, presentDelivery);
}

export async function getDelivery(
  db: Queryable,
  ctx: RequestContext,
  endpointId: string,
  deliveryId: string,
) {
  const endpoint = await ownEndpoint(db, ctx, endpointId);
  const [row] = await store.listDeliveries(db, endpoint.id, 1, undefined, deliveryId);
  if (!row) throw notFound('delivery', deliveryId);
  return presentDelivery(row);
}

function requireEnabled(endpoint: EndpointRow): void {
  if (endpoint.status !== 'enabled') {
    throw new AppError(
      409,
      'endpoint_disabled',
      `Webhook endpoint ${endpoint.id} is disabled; enable it before sending to it again.`,
    );
  }
}

/** Sends one delivery again now, whatever its state: a new attempt. */
export async function retryDelivery(
  db: Database,
  ctx: RequestContext,
  endpointId: string,
  deliveryId: string,
) {
  const endpoint = await ownEndpoint(db, ctx, endpointId);
  requireEnabled(endpoint);
  await db.transaction(async (tx) => {
    const [row] = await store.listDeliveries(tx, endpoint.id, 1, undefined, deliveryId);
    if (!row) throw notFound('delivery', deliveryId);
    await store.requeueDelivery(tx, deliveryId);
    await wakeDispatchers(tx);
  });
  return getDelivery(db, ctx, endpointId, deliveryId);
}

/** Sends again every delivery to the endpoint that failed since `since`. */
export async function recoverEndpoint(db: Database, ctx: RequestContext, endpointId: string, since: string) {
  const endpoint = await ownEndpoint(db, ctx, endpointId);
  requireEnabled(endpoint);
  const queued = await db.transaction(async (tx) => {
    const ids = await store.failedDeliveriesSince(tx, endpoint.id, since);
    for (const id of ids) await store.requeueDelivery(tx, id);
    if (ids.length > 0) await wakeDispatchers(tx);
    return ids.length;
  });
  return { object: 'webhook_recovery' as const, queued };
}

/**
 * Delivers an event again: to one endpoint (which must be enabled), or to every enabled endpoint that wants it.
 * An endpoint that already had a delivery of it gets that delivery re-sent, so `webhook-id` stays the same.
 */
export async function resendEvent(
  db: Database,
  ctx: RequestContext,
  event: { id: string; type: string },
  endpointId?: string,
) {
  const { merchantId } = tenant(ctx);
  const targets = endpointId
    ? [await ownEndpoint(db, ctx, endpointId)]
    : await Promise.all(
        (await store.subscribedEndpoints(db, tenant(ctx), event.type)).map((id) => ownEndpoint(db, ctx, id)),
      );
  for (const target of targets) requireEnabled(target);
  const deliveryIds = await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const target of targets) {
      const id = await store.upsertDelivery(tx, {
        id: newId('del'),
        endpoint_id: target.id,
        event_id: event.id,
        merchant_id: merchantId,
      });
      ids.push(id);
    }
    await wakeDispatchers(tx);
    return ids;
  });
  const rows = await Promise.all(
    deliveryIds.map(
      async (id, index) => (await store.listDeliveries(db, targets[index]!.id, 1, undefined, id))[0]!,
    ),
  );
  return { object: 'list' as const, data: rows.map(presentDelivery), has_more: false, next_cursor: null };
}
