import { randomUUID } from 'node:crypto';
import { Argument, type Command } from 'commander';
import type { ApiKey, EventType, MolamClient, Payment } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { currencyExponent, formatMoney } from '../../money.js';
import { type Field, note, success, writeJson, writeRecord } from '../../output/write.js';
import { EVENT_TYPES } from './options.js';

export interface WebhooksTriggerOptions extends GlobalOptions {
  eventType: string;
}

/** The sandbox approves collections from any number but its test numbers. */
export const SUCCEEDING_MSISDN = '260971234567';
/** MTN's sandbox number the payer rejects: the payment fails with `approval_rejected`. */
export const REJECTED_MSISDN = '46733123451';
/** Keys made by `trigger` expire on their own, in case nobody revokes them. */
const TRIGGER_KEY_LIFETIME_MS = 60 * 60 * 1000;

export type TriggerPlan =
  | { kind: 'payment'; payer: string; events: EventType[] }
  | { kind: 'api_key'; revoke: boolean; events: EventType[] };

/** What `trigger <type>` creates, and the events it makes the pipeline send, in order. */
export function triggerPlan(type: string): TriggerPlan {
  switch (type) {
    case 'payment.created':
    case 'payment.succeeded':
      return { kind: 'payment', payer: SUCCEEDING_MSISDN, events: ['payment.created', 'payment.succeeded'] };
    case 'payment.failed':
      return { kind: 'payment', payer: REJECTED_MSISDN, events: ['payment.created', 'payment.failed'] };
    case 'api_key.created':
      return { kind: 'api_key', revoke: false, events: ['api_key.created'] };
    case 'api_key.revoked':
      return { kind: 'api_key', revoke: true, events: ['api_key.created', 'api_key.revoked'] };
    case 'webhook_endpoint.disabled':
      throw new UsageError(
        'webhook_endpoint.disabled cannot be triggered: the platform sends it when it disables an endpoint ' +
          '(410 Gone, or failing for 5 days).',
      );
    default:
      throw new UsageError(`Unknown event type "${type}"; use ${EVENT_TYPES.join(', ')}.`);
  }
}

/** `trigger` makes real objects: only ever in test mode, where the sandbox moves no money. */
async function testMerchant(client: MolamClient, apiKey: string): Promise<string> {
  const liveRefusal = new UsageError(
    'molam webhooks trigger only runs with a test key (mk_test_…): it creates real payments and keys. ' +
      'Use a test-mode profile, such as --profile sandbox.',
    'live_mode',
  );
  if (apiKey.startsWith('mk_live_')) throw liveRefusal;
  const whoami = await client.whoami();
  if (whoami.mode !== 'test') throw liveRefusal;
  if (whoami.merchant_id === null) {
    throw new UsageError(
      "molam webhooks trigger needs a merchant's test key: events belong to merchants, and admin keys have none.",
      'merchant_key_required',
    );
  }
  return whoami.merchant_id;
}

async function createPayment(
  client: MolamClient,
  merchantId: string,
  payer: string,
  type: string,
): Promise<Payment> {
  const { default_currency: currency } = await client.merchants.get(merchantId);
  const reference = `trigger-${randomUUID()}`;
  return client.payments.create(
    {
      external_id: reference,
      flow: 'collection',
      amount: 10 * 10 ** (currencyExponent(currency) ?? 2),
      currency,
      payer,
      provider: 'sandbox',
      description: `molam webhooks trigger ${type}`,
      metadata: { molam_trigger: type },
    },
    { idempotencyKey: reference },
  );
}

async function createKey(client: MolamClient, type: string, revoke: boolean, now: number): Promise<ApiKey> {
  const {
    secret: _secret,
    replaces: _replaces,
    ...key
  } = await client.keys.create({
    name: `molam webhooks trigger ${type}`,
    mode: 'test',
    scopes: ['payments:read'],
    expires_at: new Date(now + TRIGGER_KEY_LIFETIME_MS).toISOString(),
  });
  return revoke ? client.keys.revoke(key.id) : key;
}

/**
 * Makes the event happen for real in the test-mode merchant (a sandbox payment, an API key), so it comes
 * through the whole pipeline (event, webhook deliveries, the stream of `webhooks listen`).
 */
export async function run(
  options: WebhooksTriggerOptions,
  io: IO,
  deps: Pick<Deps, 'createClient' | 'clock'>,
): Promise<void> {
  const plan = triggerPlan(options.eventType);
  const { client, settings } = await connect(options, io, deps);
  const merchantId = await testMerchant(client, settings.apiKey ?? '');
  let created: Payment | ApiKey;
  let fields: Field[];
  let outcome: string;
  if (plan.kind === 'payment') {
    const payment = await createPayment(client, merchantId, plan.payer, options.eventType);
    created = payment;
    const money = formatMoney(payment.amount, payment.currency);
    fields = [
      ['created', `payment ${payment.id} (collection of ${money} from ${plan.payer}, ${payment.provider})`],
    ];
    outcome = `The sandbox ${plan.payer === REJECTED_MSISDN ? 'fails' : 'settles'} payment ${payment.id} within seconds.`;
  } else {
    const key = await createKey(client, options.eventType, plan.revoke, deps.clock.now());
    created = key;
    fields = [['created', `api_key ${key.id} (test mode, payments:read, expires ${key.expires_at})`]];
    outcome = plan.revoke
      ? `Created and revoked key ${key.id}.`
      : `Created key ${key.id}; it stays active until it expires in an hour (molam keys revoke ${key.id} --yes ends it now).`;
  }
  if (options.json) {
    writeJson(io, { object: 'trigger', type: options.eventType, events: plan.events, created: [created] });
    return;
  }
  writeRecord(io, [['event', options.eventType], ...fields, ['events', plan.events.join(', ')]]);
  success(io, outcome);
  note(
    io,
    `${plan.events.join(' then ')} will arrive through the webhook pipeline ("molam webhooks listen" shows them).`,
  );
}

export function register(parent: Command, app: App): void {
  const triggerable = EVENT_TYPES.filter((type) => type !== 'webhook_endpoint.disabled');
  parent
    .command('trigger')
    .description('Make an event happen for real in your test-mode merchant (a sandbox payment, an API key)')
    .addArgument(new Argument('<event_type>', 'the event to cause').choices(triggerable))
    .addHelpText(
      'after',
      `
payment.created, payment.succeeded  a sandbox collection that succeeds (both events follow)
payment.failed                      a sandbox collection from ${REJECTED_MSISDN}, which the payer rejects
api_key.created                     a test key with payments:read that expires in an hour (not revoked)
api_key.revoked                     a test key, created then revoked

Test keys only: with a live key it refuses (exit 2) and creates nothing.`,
    )
    .action((eventType: string, _flags: object, cmd: Command) =>
      run({ ...readGlobals(cmd), eventType }, app.io, app.deps),
    );
}
