import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** `whsec_` and 24 random bytes in base64, as the Standard Webhooks spec suggests. */
export const generateWebhookSecret = (): string => `${PREFIX}${randomBytes(24).toString('base64')}`;

const keyOf = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (the event id, the same on every retry),
 * `webhook-timestamp` (this attempt's time) and one `v1,` signature per secret (two while a rotated secret is
 * still honoured), each the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
 */
export function signDelivery(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', keyOf(secret)).update(content).digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}
