import type { WebhookEvent } from '../../api/client.js';
import { CliError } from '../../errors.js';
import type { Clock } from '../../runtime.js';

/** One connection to the event stream: `events.stream()` of the SDK, which never reconnects by itself. */
export type OpenStream = (params: {
  lastEventId: string | undefined;
  signal: AbortSignal;
  /** Called once the server has accepted the connection, before any event. */
  onOpen: () => void;
}) => AsyncIterable<WebhookEvent> & {
  /** The id to resume after: the last event handed out, or a later `id:` the server sent. */
  readonly lastEventId?: string | undefined;
};

export interface FollowOptions {
  open: OpenStream;
  /** Aborted at Ctrl-C: `follow` then resolves. */
  signal: AbortSignal;
  clock: Clock;
  /** How long to keep trying to reconnect before giving up, from the first failure. */
  giveUpAfterMs: number;
  /** Called for every event, in order; the next one is read once it resolves. */
  onEvent(event: WebhookEvent): Promise<void>;
  /** Connected: the first time, or again after a drop (`resumedAfter` the last event seen, if any). */
  onOpen?(info: { reconnected: boolean; resumedAfter: string | undefined }): void;
  /** The connection failed or dropped; the next attempt starts in `retryInMs`. */
  onRetry?(info: { error: unknown; retryInMs: number; failures: number }): void;
  /** The server does not know the event to resume after (its database was reset?): starting afresh. */
  onResumeRefused?(lastEventId: string): void;
}

export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 15_000;
/** A connection that stays up this long (or delivers an event) was a success: the backoff starts over. */
const HEALTHY_CONNECTION_MS = MAX_BACKOFF_MS;

/** The wait before the `failures`-th retry (1-based): 0.5 s doubling to 15 s, each ±25 % at random. */
export function backoffDelay(failures: number, random: number): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  return Math.round(Math.min(base * (0.75 + 0.5 * random), MAX_BACKOFF_MS));
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * An answer that reconnecting cannot change: the key is wrong or lacks the scope, a filter is invalid, the
 * server has no event stream. Unreachable servers, 5xx, 429, timeouts and dropped connections are not.
 */
export function isPermanent(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** One line for people: the SDK's `detail` ("fetch failed: connect ECONNREFUSED …"), with the status if any. */
export function describeFailure(error: unknown): string {
  const detail = (error as { detail?: unknown } | null)?.detail;
  const message =
    typeof detail === 'string' && detail !== ''
      ? detail
      : error instanceof Error
        ? error.message
        : String(error);
  const status = statusOf(error);
  return status ? `HTTP ${status}: ${message}` : message;
}

class StreamEndedError extends Error {
  constructor() {
    super('the server closed the stream');
    this.name = 'StreamEndedError';
  }
}

/** Carries an error of `onEvent` past the reconnection logic: a failing handler is not a dropped stream. */
class HandlerError extends Error {
  constructor(readonly error: unknown) {
    super('onEvent failed');
  }
}

export class StreamLostError extends CliError {
  constructor(message: string) {
    super(message, { code: 'stream_lost' });
    this.name = 'StreamLostError';
  }
}

/**
 * Reads the event stream until `signal` aborts, reconnecting after every drop from the last event seen
 * (`Last-Event-ID`), so no event is missed. Failed attempts back off (`backoffDelay`); once reconnecting
 * has failed for `giveUpAfterMs` it throws a `StreamLostError` (exit 1), so that a supervisor restarts the
 * process rather than a listener hanging on forever in silence. Permanent refusals (`isPermanent`) are
 * thrown at once.
 */
export async function follow(options: FollowOptions): Promise<void> {
  const { clock, signal } = options;
  let lastEventId: string | undefined;
  let everOpened = false;
  /** Failed attempts since the last healthy connection. */
  let failures = 0;
  /** When the current run of failures began; undefined while connected. */
  let failingSince: number | undefined;

  while (!signal.aborted) {
    let openedAt: number | undefined;
    let delivered = false;
    let failure: unknown;
    const resumeFrom = lastEventId;
    let stream: ReturnType<OpenStream> | undefined;
    try {
      stream = options.open({
        lastEventId: resumeFrom,
        signal,
        onOpen: () => {
          openedAt = clock.now();
          failingSince = undefined;
          options.onOpen?.({ reconnected: everOpened, resumedAfter: resumeFrom });
          everOpened = true;
        },
      });
      for await (const event of stream) {
        delivered = true;
        await options.onEvent(event).catch((error: unknown) => {
          throw new HandlerError(error);
        });
        lastEventId = stream.lastEventId ?? event.id;
        if (signal.aborted) return;
      }
      lastEventId = stream.lastEventId ?? lastEventId;
      failure = new StreamEndedError();
    } catch (error) {
      if (error instanceof HandlerError) throw error.error;
      if (signal.aborted) return;
      if (stream?.lastEventId !== undefined) lastEventId = stream.lastEventId;
      if (resumeFrom !== undefined && codeOf(error) === 'invalid_last_event_id') {
        options.onResumeRefused?.(resumeFrom);
        lastEventId = undefined;
        continue;
      }
      if (isPermanent(error)) throw error;
      failure = error;
    }
    if (signal.aborted) return;

    const now = clock.now();
    if (delivered || (openedAt !== undefined && now - openedAt >= HEALTHY_CONNECTION_MS)) failures = 0;
    failingSince ??= now;
    const failingFor = now - failingSince;
    if (failingFor >= options.giveUpAfterMs) {
      throw new StreamLostError(
        `Gave up after ${Math.round(failingFor / 1000)} s without the event stream (${describeFailure(failure)}). ` +
          'Exiting so that a supervisor can restart "molam webhooks listen"' +
          (lastEventId ? `; the last event received was ${lastEventId}.` : '.'),
      );
    }
    failures += 1;
    const retryInMs = Math.min(backoffDelay(failures, clock.random()), options.giveUpAfterMs - failingFor);
    options.onRetry?.({ error: failure, retryInMs, failures });
    await clock.sleep(retryInMs, signal);
  }
}
