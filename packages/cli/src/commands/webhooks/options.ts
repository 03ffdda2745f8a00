import { EVENT_TYPES as ALL_EVENT_TYPES } from '@molam/contract';
import { InvalidArgumentError } from 'commander';
import type { EventType } from '../../api/client.js';
import { collectList } from '../shared/parse.js';

// The spec's list, generated; `satisfies` ties it to the SDK's types of the same spec.
export const EVENT_TYPES = ALL_EVENT_TYPES satisfies readonly EventType[];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** `--events payment.succeeded,payment.failed`, repeatable; every value must be a known type. */
export function eventTypeList(value: string, previous: EventType[] | undefined): EventType[] {
  const items = collectList(value, []);
  const unknown = items.find((item) => !isEventType(item));
  if (unknown !== undefined) {
    throw new InvalidArgumentError(`Unknown event type "${unknown}"; use ${EVENT_TYPES.join(', ')}.`);
  }
  return [...new Set([...(previous ?? []), ...items.filter(isEventType)])];
}

export type EnabledEvent = EventType | '*';

/** Like `eventTypeList`, but `*` (every type, the default of an endpoint) is allowed on its own. */
export function enabledEventList(value: string, previous: EnabledEvent[] | undefined): EnabledEvent[] {
  const items = collectList(value, []);
  if (items.includes('*')) {
    if (items.length > 1 || (previous ?? []).length > 0) {
      throw new InvalidArgumentError('"*" means every event type: give it alone.');
    }
    return ['*'];
  }
  if (previous?.includes('*')) throw new InvalidArgumentError('"*" means every event type: give it alone.');
  return eventTypeList(value, previous?.filter(isEventType));
}

const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** A `whsec_…` secret as Molam issues them (`whsec_` and base64), or why not. */
export function secretProblem(secret: string): string | undefined {
  if (SECRET.test(secret) && (secret.length - 'whsec_'.length) % 4 === 0) return undefined;
  if (secret.startsWith('mk_')) return 'that is an API key, not a webhook signing secret (whsec_…)';
  return 'expected a webhook signing secret: whsec_ followed by base64';
}
