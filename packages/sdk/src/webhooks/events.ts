// The events webhooks deliver. Written by hand for now: once the OpenAPI document defines the event
// schemas, these become aliases of the generated types (in types.ts), like every other API type.
import type { ApiKey, Payment } from '../types.js';

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

export type PaymentCreatedEvent = WebhookEventEnvelope<'payment.created', Payment>;
export type PaymentSucceededEvent = WebhookEventEnvelope<'payment.succeeded', Payment>;
export type PaymentFailedEvent = WebhookEventEnvelope<'payment.failed', Payment>;
export type ApiKeyCreatedEvent = WebhookEventEnvelope<'api_key.created', ApiKey>;
export type ApiKeyRevokedEvent = WebhookEventEnvelope<'api_key.revoked', ApiKey>;

/** The endpoint that stopped receiving events, and why (after repeated failed deliveries, say). */
export interface DisabledWebhookEndpoint {
  id: string;
  url: string;
  reason: string;
}
export type WebhookEndpointDisabledEvent = WebhookEventEnvelope<
  'webhook_endpoint.disabled',
  DisabledWebhookEndpoint
>;

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
