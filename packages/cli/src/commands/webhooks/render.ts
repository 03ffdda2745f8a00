import type {
  Event,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '../../api/client.js';
import type { IO } from '../../io.js';
import { type Column, writeTable } from '../../output/table.js';
import { type Field, note, orDash, paint, secretField, writeJson, writeRecord } from '../../output/write.js';

function paintEndpointStatus(io: IO, status: WebhookEndpoint['status']): string {
  const chalk = paint(io);
  return status === 'enabled' ? chalk.green(status) : chalk.yellow(status);
}

export function endpointColumns(io: IO): readonly Column<WebhookEndpoint>[] {
  return [
    { header: 'ID', value: (endpoint) => endpoint.id },
    { header: 'URL', value: (endpoint) => endpoint.url },
    { header: 'EVENTS', value: (endpoint) => endpoint.enabled_events.join(',') },
    { header: 'STATUS', value: (endpoint) => paintEndpointStatus(io, endpoint.status) },
    { header: 'DESCRIPTION', value: (endpoint) => orDash(endpoint.description) },
    { header: 'CREATED', value: (endpoint) => endpoint.created_at },
  ];
}

function endpointFields(io: IO, endpoint: WebhookEndpoint): Field[] {
  const fields: Field[] = [
    ['id', endpoint.id],
    ['url', endpoint.url],
    ['events', endpoint.enabled_events.join(', ')],
    ['status', paintEndpointStatus(io, endpoint.status)],
  ];
  if (endpoint.disabled_reason) fields.push(['disabled because', endpoint.disabled_reason]);
  fields.push(
    ['description', orDash(endpoint.description)],
    ['created', endpoint.created_at],
    ['updated', endpoint.updated_at],
  );
  return fields;
}

export function writeEndpoint(io: IO, json: boolean, endpoint: WebhookEndpoint): void {
  if (json) writeJson(io, endpoint);
  else writeRecord(io, endpointFields(io, endpoint));
}

/** The one time a signing secret is printed: `create` and `rotate-secret`. */
export function writeEndpointWithSecret(
  io: IO,
  json: boolean,
  endpoint: WebhookEndpointWithSecret,
  rotated = false,
): void {
  if (json) {
    writeJson(io, endpoint);
    return;
  }
  writeRecord(io, [...endpointFields(io, endpoint), secretField(io, endpoint.secret)]);
  if (rotated)
    note(io, 'For 24 hours deliveries carry two signatures, one per secret: switch your receiver now.');
  if (endpoint.secret === null)
    note(io, 'Lost the secret? Rotate it with `molam webhooks endpoints rotate-secret`.');
  else note(io, paint(io).yellow('Store the signing secret now: it is not shown again.'));
}

function paintDeliveryStatus(io: IO, status: WebhookDelivery['status']): string {
  const chalk = paint(io);
  if (status === 'succeeded') return chalk.green(status);
  if (status === 'failed') return chalk.red(status);
  return chalk.yellow(status);
}

function lastAttempt(delivery: WebhookDelivery): WebhookDeliveryAttempt | undefined {
  return delivery.attempts[delivery.attempts.length - 1];
}

function attemptOutcome(attempt: WebhookDeliveryAttempt | undefined): string {
  if (!attempt) return '-';
  return attempt.status_code === null ? orDash(attempt.error) : String(attempt.status_code);
}

export function deliveryColumns(io: IO): readonly Column<WebhookDelivery>[] {
  return [
    { header: 'ID', value: (delivery) => delivery.id },
    { header: 'EVENT', value: (delivery) => delivery.event_id },
    { header: 'TYPE', value: (delivery) => delivery.event_type },
    { header: 'STATUS', value: (delivery) => paintDeliveryStatus(io, delivery.status) },
    { header: 'ATTEMPTS', value: (delivery) => String(delivery.attempt_count) },
    { header: 'LAST ANSWER', value: (delivery) => attemptOutcome(lastAttempt(delivery)) },
    { header: 'NEXT ATTEMPT', value: (delivery) => orDash(delivery.next_attempt_at) },
    { header: 'CREATED', value: (delivery) => delivery.created_at },
  ];
}

const attemptColumns: readonly Column<WebhookDeliveryAttempt>[] = [
  { header: 'TIME', value: (attempt) => attempt.attempted_at },
  { header: 'HTTP', value: (attempt) => (attempt.status_code === null ? '-' : String(attempt.status_code)) },
  { header: 'DURATION', value: (attempt) => `${attempt.latency_ms} ms` },
  { header: 'ERROR', value: (attempt) => orDash(attempt.error) },
];

/** A delivery as a record, then its attempts as a table (on stdout: they are part of the result). */
export async function writeDelivery(io: IO, json: boolean, delivery: WebhookDelivery): Promise<void> {
  if (json) {
    writeJson(io, delivery);
    return;
  }
  writeRecord(io, [
    ['id', delivery.id],
    ['endpoint', delivery.endpoint_id],
    ['event', `${delivery.event_id} (${delivery.event_type})`],
    ['status', paintDeliveryStatus(io, delivery.status)],
    ['attempts', String(delivery.attempt_count)],
    ['next attempt', orDash(delivery.next_attempt_at)],
    ['created', delivery.created_at],
  ]);
  if (delivery.attempts.length === 0) return;
  io.stdout.write('\n');
  await writeTable(io, delivery.attempts, attemptColumns);
  const answer = lastAttempt(delivery)?.response_body;
  if (answer) note(io, `Last answer: ${answer.length > 200 ? `${answer.slice(0, 200)}…` : answer}`);
}

/** `payment pay_…`: what an event is about. */
export function eventSubject(event: Event | WebhookEvent): string {
  const object = event.data.object as { object?: unknown; id?: unknown } | null;
  if (typeof object !== 'object' || object === null) return '-';
  return [object.object, object.id].filter((part) => typeof part === 'string').join(' ') || '-';
}

export const eventColumns: readonly Column<Event>[] = [
  { header: 'ID', value: (event) => event.id },
  { header: 'TYPE', value: (event) => event.type },
  { header: 'OBJECT', value: eventSubject },
  { header: 'CREATED', value: (event) => event.created },
];

/** The event's headline as a record, then its object as indented JSON: the whole of it matters. */
export function writeEvent(io: IO, json: boolean, event: Event | WebhookEvent): void {
  if (json) {
    writeJson(io, event);
    return;
  }
  writeRecord(io, [
    ['id', event.id],
    ['type', event.type],
    ['object', eventSubject(event)],
    ['created', event.created],
  ]);
  io.stdout.write(`${JSON.stringify(event.data.object, null, 2)}\n`);
}
