import { createHmac } from 'node:crypto';
import type { KeyMode } from '../keys/secrets.js';
import { JsonHttpClient } from '../platform/outbound/json-client.js';
import type { Channel } from './store.js';

export interface OutgoingMessage {
  id: string;
  channel: Channel;
  recipient: string;
  body: string;
}

/** One way of sending sms, e-mail or push messages; a failure throws, and the job retries. */
export interface NotificationSender {
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * Test mode: nothing leaves the server. The message stays readable in `notifications` (`molam notifications
 * list`), which is how a developer reads a sandbox OTP.
 */
export const sandboxSender: NotificationSender = {
  send: async () => {},
  close: async () => {},
};

/**
 * Live mode: each message is POSTed as JSON to the operator's messaging gateway (an SMS aggregator, an e-mail
 * relay, a push service, behind one URL), signed with HMAC-SHA256 over the body so the gateway can tell it came
 * from this server. Any answer but 2xx is a failure, retried by the job.
 */
export function gatewaySender(url: string, secret: string, timeoutMs = 10_000): NotificationSender {
  const target = new URL(url);
  const client = new JsonHttpClient({ baseUrl: target.origin, timeoutMs });
  return {
    async send(message) {
      const payload = { id: message.id, channel: message.channel, to: message.recipient, body: message.body };
      const signature = createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex');
      const exchange = await client.request({
        method: 'POST',
        path: target.pathname,
        headers: { 'x-molam-signature': `sha256=${signature}`, 'idempotency-key': message.id },
        json: payload,
      });
      if (exchange.kind === 'network_error') throw new Error(`gateway unreachable: ${exchange.error.code}`);
      if (exchange.status < 200 || exchange.status >= 300)
        throw new Error(`gateway answered ${exchange.status}`);
    },
    close: () => client.close(),
  };
}

/** A live sender that refuses: no gateway is configured, so live messages fail visibly rather than vanish. */
const unconfigured: NotificationSender = {
  send: async () => {
    throw new Error('no messaging gateway: set NOTIFICATIONS_GATEWAY_URL and NOTIFICATIONS_GATEWAY_SECRET');
  },
  close: async () => {},
};

export interface Senders {
  forMode(mode: KeyMode): NotificationSender;
  close(): Promise<void>;
}

export function sendersFromConfig(config: {
  NOTIFICATIONS_GATEWAY_URL?: string | undefined;
  NOTIFICATIONS_GATEWAY_SECRET?: string | undefined;
}): Senders {
  const live =
    config.NOTIFICATIONS_GATEWAY_URL && config.NOTIFICATIONS_GATEWAY_SECRET
      ? gatewaySender(config.NOTIFICATIONS_GATEWAY_URL, config.NOTIFICATIONS_GATEWAY_SECRET)
      : unconfigured;
  return {
    forMode: (mode) => (mode === 'live' ? live : sandboxSender),
    close: () => live.close(),
  };
}
