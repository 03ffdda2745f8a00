// The events webhooks deliver: the spec's discriminated `Event` schemas, so `switch (event.type)` narrows
// `data.object` with the generated types.
import type { components } from '@molam/contract';

type Schemas = components['schemas'];

/** The envelope every event shares; `data.object` is the resource as it was when the event happened. */
export interface WebhookEventEnvelope<TType extends string, TObject> {
  /** `evt_…`: the same on every delivery attempt of the event, so use it to ignore duplicates. */
  id: string;
  object: 'event';
  type: TType;
  /** When the event happened (ISO 8601). */
  created: string;
  data: { object: TObject };
}

export type PaymentCreatedEvent = Schemas['PaymentCreatedEvent'];
export type PaymentSucceededEvent = Schemas['PaymentSucceededEvent'];
export type PaymentFailedEvent = Schemas['PaymentFailedEvent'];
export type ApiKeyCreatedEvent = Schemas['ApiKeyCreatedEvent'];
export type ApiKeyRevokedEvent = Schemas['ApiKeyRevokedEvent'];
/** The endpoint that stopped receiving events, and why (410 Gone, or failing for 5 days). */
export type DisabledWebhookEndpoint = Schemas['DisabledWebhookEndpoint'];
export type WebhookEndpointDisabledEvent = Schemas['WebhookEndpointDisabledEvent'];

/**
 * Every event, told apart by `type`: `switch (event.type)` narrows `data.object`. The server may add
 * event types before this SDK knows them, and `verifyWebhook` returns those too: ignore the types you
 * do not handle rather than failing on them.
 */
export type WebhookEvent =
  | PaymentCreatedEvent
  | PaymentSucceededEvent
  | PaymentFailedEvent
  | ApiKeyCreatedEvent
  | ApiKeyRevokedEvent
  | WebhookEndpointDisabledEvent;

export type WebhookEventType = WebhookEvent['type'];
