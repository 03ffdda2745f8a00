import type { WebhookVerifyOptions } from '../options.js';
import type { WebhookEvent } from '../webhooks/events.js';
import {
  signWebhookAs,
  verifyWebhookAs,
  type WebhookHeaders,
  type WebhookRawBody,
  type WebhookRequestHeaders,
  type WebhookSignParams,
} from '../webhooks/verify.js';

/**
 * Webhook deliveries (Standard Webhooks). Local computation only: nothing is sent and no API key is
 * needed, so `verifyWebhook` and `signWebhook` do the same without a client.
 */
export interface WebhooksResource {
  /**
   * Verifies a delivery against the endpoint's `whsec_…` secret and returns its event. `rawBody` must be
   * the body exactly as received. Rejects with a `WebhookVerificationError` (see its `reason`).
   */
  verify(
    rawBody: WebhookRawBody,
    headers: WebhookRequestHeaders,
    secret: string,
    options?: WebhookVerifyOptions,
  ): Promise<WebhookEvent>;
  /** The headers Molam would send with `body`: for your own tests of your webhook endpoint. */
  sign(message: WebhookSignParams, secret: string): Promise<WebhookHeaders>;
}

export function webhooksResource(): WebhooksResource {
  return {
    verify: (rawBody, headers, secret, options) =>
      verifyWebhookAs('webhooks.verify', rawBody, headers, secret, options),
    sign: (message, secret) => signWebhookAs('webhooks.sign', message, secret),
  };
}
