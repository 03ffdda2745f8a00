import { checkId, type EventStreamOptions, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type { Event, EventListParams, EventResendParams, WebhookDeliveryList } from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';
import { type EventStream, eventStream } from './event-stream.js';

/** What happened to the merchant's resources (kept 30 days), as webhooks deliver it. Needs `webhooks:manage`. */
export interface EventsResource {
  /** Newest first; filters (`type`, `created_gte`, `created_lt`) apply to every page. */
  list(params?: EventListParams, opts?: RequestOptions): PagePromise<Event>;
  get(eventId: string, opts?: RequestOptions): Promise<Event>;
  /**
   * Delivers the event again, to `endpoint_id` only, or without it to every endpoint that wants its type;
   * answers with the deliveries queued (`data`).
   */
  resend(eventId: string, params?: EventResendParams, opts?: RequestOptions): Promise<WebhookDeliveryList>;
  /**
   * Events as they happen, over one Server-Sent Events connection opened by the first turn of `for await`.
   * Ends when the server closes it; never reconnects by itself (resume with `lastEventId`). Options are
   * checked at once: a bad one throws a TypeError.
   */
  stream(opts?: EventStreamOptions): EventStream;
}

const EVENT_FILTERS = [
  'type',
  'created_gte',
  'created_lt',
] as const satisfies readonly (keyof EventListParams)[];

function resendBody(params: unknown, where: string): EventResendParams | undefined {
  if (params === undefined) return undefined;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError(`${where}: the parameters must be an object such as { endpoint_id }.`);
  }
  const { endpoint_id, ...rest } = params as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined)
    throw new TypeError(`${where}: unknown parameter \`${unknown}\` (takes \`endpoint_id\`).`);
  // Without an endpoint no body is sent: the server resends to every endpoint that wants the event.
  return endpoint_id === undefined ? undefined : { endpoint_id: checkId(endpoint_id, 'endpoint_id', where) };
}

export function eventsResource(context: ResourceContext): EventsResource {
  const { client } = context;
  return {
    list(params, opts) {
      return paginate<Event, EventListParams>(
        params,
        'events.list',
        async (query) => {
          const init = callInit(context, opts, 'events.list');
          return bodyOf(await client.GET('/api/v1/events', { params: { query }, ...init }));
        },
        EVENT_FILTERS,
      );
    },

    async get(eventId, opts) {
      const path = { event_id: checkId(eventId, 'eventId', 'events.get') };
      const init = callInit(context, opts, 'events.get');
      return bodyOf(await client.GET('/api/v1/events/{event_id}', { params: { path }, ...init }));
    },

    async resend(eventId, params, opts) {
      const where = 'events.resend';
      const path = { event_id: checkId(eventId, 'eventId', where) };
      const body = resendBody(params, where);
      const init = callInit(context, opts, where);
      return bodyOf(
        await client.POST('/api/v1/events/{event_id}/resend', { params: { path }, body, ...init }),
      );
    },

    stream: (opts) => eventStream(context, opts),
  };
}
