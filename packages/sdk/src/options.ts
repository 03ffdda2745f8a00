import { type BackoffPolicy, type Sleep, sleepUnlessAborted } from './retry.js';
import type { FetchLike } from './transport.js';
import type { Payment } from './types.js';

export interface MolamOptions {
  /** `mk_test_…` or `mk_live_…`. Needed by every operation except `health()` (or an `accessToken`). */
  apiKey?: string | undefined;
  /**
   * A Molam ID user token (a JWT), instead of an API key: for the operations a user may call (reading payments
   * and analytics, logging out). Sent the same way, as `Authorization: Bearer …`.
   */
  accessToken?: string | undefined;
  /** Default `http://localhost:8080`. A path prefix is kept (`https://gw.example/molam`). */
  baseUrl?: string | undefined;
  /** Per attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2, at most 10. */
  maxRetries?: number | undefined;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Tuning of the waits between retries; `sleep` and `random` can be replaced in tests. */
  backoff?: Partial<BackoffPolicy> | undefined;
}

/** Settings of one call. */
export interface RequestOptions {
  /** Sent as `Idempotency-Key` (8 to 255 printable ASCII characters); one is generated for writes when absent. */
  idempotencyKey?: string | undefined;
  /** Aborting it stops the call at once, retries included, with a `MolamAbortError`. */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

/** Options of `payments.waitFor`. */
export interface PaymentWaitOptions {
  /** Gives up after this long, in milliseconds. Default 300 000 (5 minutes). */
  timeoutMs?: number | undefined;
  /** The wait after the first poll, in milliseconds; each further wait is 1.5 times longer. Default 1000. */
  intervalMs?: number | undefined;
  /** No wait between polls is longer than this, in milliseconds. Default 10 000. */
  maxIntervalMs?: number | undefined;
  /** Aborting it stops the wait at once with a `MolamAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with every state of the payment seen, the final one included. */
  onPoll?: ((payment: Payment) => void) | undefined;
}

/** Options of `events.stream`. */
export interface EventStreamOptions {
  /** Only events of these types (sent as `types=a,b`); every type when absent or empty. */
  types?: readonly string[] | undefined;
  /** Resume after this event id (sent as `Last-Event-ID`): the `lastEventId` of the stream that ended. */
  lastEventId?: string | undefined;
  /** Aborting it closes the connection; the iteration then rejects with a `MolamAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called once the server has accepted the stream (2xx, `text/event-stream`), before any event. */
  onOpen?: (() => void) | undefined;
  /**
   * Limit for the response headers to arrive, in milliseconds; the client's `timeoutMs` by default. It never
   * limits the stream once open.
   */
  timeoutMs?: number | undefined;
  /**
   * The iteration rejects with a `MolamTimeoutError` (code `stream_idle`) when nothing, not even the server's
   * heartbeat (every 15 s), arrives for this long: a dead connection. Default 60 000.
   */
  idleTimeoutMs?: number | undefined;
}

/** Options of `verifyWebhook` and `molam.webhooks.verify`. */
export interface WebhookVerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way, in seconds. Default 300 (5 minutes). */
  toleranceSeconds?: number | undefined;
  /** The current time in milliseconds, like `Date.now` (the default): for tests. */
  now?: (() => number) | undefined;
}

export interface ResolvedOptions {
  /** The bearer credential: the API key or the user token. */
  apiKey: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  fetch: FetchLike | undefined;
  backoff: BackoffPolicy;
}

export const DEFAULT_BASE_URL = 'http://localhost:8080';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const MAX_RETRIES_LIMIT = 10;
// Timers treat larger delays as 1 ms.
const MAX_TIMER_MS = 2_147_483_647;
const PRINTABLE_ASCII = /^[\x21-\x7E]+$/;

const MOLAM_OPTION_NAMES = new Set([
  'apiKey',
  'accessToken',
  'baseUrl',
  'timeoutMs',
  'maxRetries',
  'fetch',
  'backoff',
]);
const BACKOFF_OPTION_NAMES = new Set(['baseMs', 'capMs', 'sleep', 'random']);
const REQUEST_OPTION_NAMES = new Set(['idempotencyKey', 'signal', 'timeoutMs', 'maxRetries']);
const WAIT_OPTION_NAMES = new Set(['timeoutMs', 'intervalMs', 'maxIntervalMs', 'signal', 'onPoll']);
const WEBHOOK_VERIFY_OPTION_NAMES = new Set(['toleranceSeconds', 'now']);
const STREAM_OPTION_NAMES = new Set([
  'types',
  'lastEventId',
  'signal',
  'onOpen',
  'timeoutMs',
  'idleTimeoutMs',
]);

type Fields = Record<string, unknown>;

function asFields(value: unknown, where: string): Fields {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: options must be an object.`);
  }
  return value as Fields;
}

function rejectUnknown(fields: Fields, known: Set<string>, where: string): void {
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) throw new TypeError(`${where}: unknown option \`${name}\`.`);
  }
}

function timeoutOption(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TypeError(`${where}: \`timeoutMs\` must be a number of milliseconds above 0.`);
  }
  return value;
}

function retriesOption(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES_LIMIT) {
    throw new TypeError(`${where}: \`maxRetries\` must be an integer from 0 to ${MAX_RETRIES_LIMIT}.`);
  }
  return value;
}

function functionOption<F>(value: unknown, name: string, where: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new TypeError(`${where}: \`${name}\` must be a function.`);
  return value as F;
}

function delayOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new TypeError(`createMolam: \`backoff.${name}\` must be a number of milliseconds, 0 or more.`);
  }
  return value;
}

// The credential's value never appears in a message: it is a secret.
function credentialOption(value: unknown, name: 'apiKey' | 'accessToken'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`createMolam: \`${name}\` must be a non-empty string.`);
  }
  if (!PRINTABLE_ASCII.test(value)) {
    throw new TypeError(
      `createMolam: \`${name}\` contains spaces or control characters (a trailing newline from a file or variable?).`,
    );
  }
  return value;
}

/** One credential: an API key or a user token, both sent as the bearer. */
function bearerOption(fields: Record<string, unknown>): string | undefined {
  const apiKey = credentialOption(fields.apiKey, 'apiKey');
  const accessToken = credentialOption(fields.accessToken, 'accessToken');
  if (apiKey !== undefined && accessToken !== undefined) {
    throw new TypeError('createMolam: give `apiKey` or `accessToken`, not both.');
  }
  return apiKey ?? accessToken;
}

function baseUrlOption(value: unknown): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  const problem =
    'createMolam: `baseUrl` must be an absolute http(s) URL without credentials, query or fragment';
  if (typeof value !== 'string') throw new TypeError(`${problem}.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${problem}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`${problem}.`);
  if (url.username || url.password || url.search || url.hash) throw new TypeError(`${problem}.`);
  return url.href.replace(/\/+$/, '');
}

function backoffOption(value: unknown): BackoffPolicy {
  const where = 'createMolam: `backoff`';
  const fields = asFields(value, where);
  rejectUnknown(fields, BACKOFF_OPTION_NAMES, where);
  return {
    baseMs: delayOption(fields.baseMs, 'baseMs', 500),
    capMs: delayOption(fields.capMs, 'capMs', 8_000),
    sleep: functionOption<Sleep>(fields.sleep, 'backoff.sleep', 'createMolam') ?? sleepUnlessAborted,
    random: functionOption<() => number>(fields.random, 'backoff.random', 'createMolam') ?? Math.random,
  };
}

export function resolveOptions(options: unknown): ResolvedOptions {
  const where = 'createMolam';
  const fields = asFields(options, where);
  rejectUnknown(fields, MOLAM_OPTION_NAMES, where);
  return {
    apiKey: bearerOption(fields),
    baseUrl: baseUrlOption(fields.baseUrl),
    timeoutMs: timeoutOption(fields.timeoutMs, where) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: retriesOption(fields.maxRetries, where) ?? DEFAULT_MAX_RETRIES,
    fetch: functionOption<FetchLike>(fields.fetch, 'fetch', where),
    backoff: backoffOption(fields.backoff),
  };
}

function signalOption(value: unknown, where: string): AbortSignal | undefined {
  if (
    value === undefined ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Fields).aborted === 'boolean' &&
      typeof (value as Fields).addEventListener === 'function')
  ) {
    return value as AbortSignal | undefined;
  }
  throw new TypeError(`${where}: \`signal\` must be an AbortSignal.`);
}

/** Checks the `opts` argument of a resource method; `where` names the method in messages. */
export function checkRequestOptions(options: unknown, where: string): RequestOptions {
  const fields = asFields(options, where);
  rejectUnknown(fields, REQUEST_OPTION_NAMES, where);
  const { idempotencyKey } = fields;
  if (idempotencyKey !== undefined) {
    if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 8 || idempotencyKey.length > 255) {
      throw new TypeError(`${where}: \`idempotencyKey\` must be a string of 8 to 255 characters.`);
    }
    if (!PRINTABLE_ASCII.test(idempotencyKey)) {
      throw new TypeError(
        `${where}: \`idempotencyKey\` must hold printable ASCII characters only, no spaces.`,
      );
    }
  }
  return {
    idempotencyKey,
    signal: signalOption(fields.signal, where),
    timeoutMs: timeoutOption(fields.timeoutMs, where),
    maxRetries: retriesOption(fields.maxRetries, where),
  };
}

function waitDelayOption(value: unknown, name: string, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TypeError(`${where}: \`${name}\` must be a number of milliseconds above 0.`);
  }
  return value;
}

/** Checks the options of `payments.waitFor` and fills in the defaults. */
export function checkWaitOptions(
  options: unknown,
  where: string,
): Required<Omit<PaymentWaitOptions, 'signal' | 'onPoll'>> & Pick<PaymentWaitOptions, 'signal' | 'onPoll'> {
  const fields = asFields(options, where);
  rejectUnknown(fields, WAIT_OPTION_NAMES, where);
  return {
    timeoutMs: waitDelayOption(fields.timeoutMs, 'timeoutMs', where, 300_000),
    intervalMs: waitDelayOption(fields.intervalMs, 'intervalMs', where, 1_000),
    maxIntervalMs: waitDelayOption(fields.maxIntervalMs, 'maxIntervalMs', where, 10_000),
    signal: signalOption(fields.signal, where),
    onPoll: functionOption<(payment: Payment) => void>(fields.onPoll, 'onPoll', where),
  };
}

/** Checks the options of `events.stream` and fills in the defaults. */
export function checkStreamOptions(
  options: unknown,
  where: string,
): EventStreamOptions & { idleTimeoutMs: number } {
  const fields = asFields(options, where);
  rejectUnknown(fields, STREAM_OPTION_NAMES, where);
  const { types, lastEventId } = fields;
  // A comma would split one type in two in the query, `types=a,b`.
  if (
    types !== undefined &&
    !(Array.isArray(types) && types.every((type) => typeof type === 'string' && /^[^,\s]+$/.test(type)))
  ) {
    throw new TypeError(
      `${where}: \`types\` must be an array of event types, such as ['payment.succeeded'].`,
    );
  }
  if (lastEventId !== undefined && !(typeof lastEventId === 'string' && PRINTABLE_ASCII.test(lastEventId))) {
    throw new TypeError(
      `${where}: \`lastEventId\` must be a non-empty string of printable ASCII characters.`,
    );
  }
  return {
    types,
    lastEventId,
    signal: signalOption(fields.signal, where),
    onOpen: functionOption<() => void>(fields.onOpen, 'onOpen', where),
    timeoutMs: timeoutOption(fields.timeoutMs, where),
    idleTimeoutMs: waitDelayOption(fields.idleTimeoutMs, 'idleTimeoutMs', where, 60_000),
  };
}

/** Checks a path id: an empty one would silently address the collection instead. */
export function checkId(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${where}: \`${name}\` must be a non-empty string.`);
  }
  return value;
}

/** Checks the options of `verifyWebhook` and fills in the defaults. */
export function checkWebhookVerifyOptions(
  options: unknown,
  where: string,
): { toleranceSeconds: number; now: () => number } {
  const fields = asFields(options, where);
  rejectUnknown(fields, WEBHOOK_VERIFY_OPTION_NAMES, where);
  const { toleranceSeconds = 300 } = fields;
  if (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new TypeError(`${where}: \`toleranceSeconds\` must be a number of seconds, 0 or more.`);
  }
  return { toleranceSeconds, now: functionOption<() => number>(fields.now, 'now', where) ?? Date.now };
}
