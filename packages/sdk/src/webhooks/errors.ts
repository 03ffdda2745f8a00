import { defineKind, isMolamKind } from '../errors.js';

export type WebhookHeaderName = 'webhook-id' | 'webhook-timestamp' | 'webhook-signature';

/**
 * - `missing_header`: `header` names the one absent or empty;
 * - `invalid_timestamp`: `webhook-timestamp` is not a whole number of seconds;
 * - `timestamp_too_old` / `timestamp_in_future`: signed, but outside the tolerance (a replay, or a clock off);
 * - `no_matching_signature`: no `v1` signature matches: a wrong secret, a changed body, or a forgery;
 * - `invalid_secret`: the secret is not a `whsec_` secret;
 * - `body_reserialized`: the body was parsed (and maybe serialised again) before verification: pass the raw one;
 * - `invalid_json`: signed, but not a JSON webhook event.
 */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_matching_signature'
  | 'invalid_secret'
  | 'body_reserialized'
  | 'invalid_json';

/**
 * A webhook request failed verification: answer it with a 400 and do not act on it.
 *
 * Deliberately not a `MolamError`: it describes a request your server received, not an answer of the
 * Molam API, so it has no HTTP status, request id or `Retry-After`, nothing ever retries it, and code
 * that handles API failures (`catch (e) { if (e instanceof MolamError) … }`) does not mistake it for one.
 */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationReason;
  /** For `missing_header`: the header that is absent or empty. */
  readonly header: WebhookHeaderName | undefined;

  constructor(reason: WebhookVerificationReason, detail: string, header?: WebhookHeaderName) {
    super(`${detail} (reason ${reason})`);
    // Keeps the prototype when the code is compiled down to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
    this.reason = reason;
    this.header = header;
  }
}
defineKind(WebhookVerificationError, 'WebhookVerificationError');
Object.defineProperty(WebhookVerificationError, Symbol.hasInstance, { value: isMolamKind });
