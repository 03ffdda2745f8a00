import { untilAborted } from '../deadline.js';
import { MolamError, MolamTimeoutError, parseJson } from '../errors.js';
import { checkStreamOptions, type EventStreamOptions } from '../options.js';
import { sseParser } from '../sse.js';
import { abortError, connectionError } from '../transport.js';
import type { WebhookEvent } from '../webhooks/events.js';
import { isEvent } from '../webhooks/verify.js';
import { callInit, type ResourceContext } from './context.js';

/**
 * The events of one connection to `GET /api/v1/events/stream`, in the order the server sends them. Opened by
 * the first `next()` (the first turn of a `for await`); it ends when the server closes the stream, and
 * never reconnects by itself: to resume, open another stream with `lastEventId: stream.lastEventId`.
 */
export interface EventStream extends AsyncGenerator<WebhookEvent, void, undefined> {
  /**
   * The id of the last event the iteration handed out (or the last `id:` the server sent since), starting
   * as the `lastEventId` option: what to resume after.
   */
  readonly lastEventId: string | undefined;
}

const WHERE = 'events.stream';

function unexpected(response: Response, title: string, detail: string, raw?: string): MolamError {
  return new MolamError({
    status: response.status,
    code: 'unexpected_response',
    title,
    detail,
    requestId: response.headers.get('x-request-id') ?? undefined,
    raw,
  });
}

async function* read(
  context: ResourceContext,
  opts: ReturnType<typeof checkStreamOptions>,
  state: { lastEventId: string | undefined },
): AsyncGenerator<WebhookEvent, void, undefined> {
  const { signal, idleTimeoutMs, types, lastEventId } = opts;
  // A single attempt: a stream is never re-sent behind the caller's back. The timeout covers the headers only.
  const init = callInit(context, { signal, timeoutMs: opts.timeoutMs }, WHERE, {
    maxRetries: 0,
    stream: true,
  });
  const { response } = await context.client.GET('/api/v1/events/stream', {
    params: {
      query: types?.length ? { types: types.join(',') } : undefined,
      header: lastEventId === undefined ? undefined : { 'Last-Event-ID': lastEventId },
    },
    headers: { Accept: 'text/event-stream' },
    parseAs: 'stream',
    ...init,
  });
  const { body } = response;
  const contentType = response.headers.get('content-type');
  if (contentType?.split(';', 1)[0]?.trim().toLowerCase() !== 'text/event-stream') {
    body?.cancel().catch(() => {});
    throw unexpected(
      response,
      'Not an event stream',
      `The server answered ${response.status} with ${contentType ?? 'no content type'}, not text/event-stream.`,
    );
  }
  if (!body) return;
  opts.onOpen?.();

  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = sseParser(lastEventId);
  // Cuts a pending read when the caller aborts, or when nothing has arrived for idleTimeoutMs.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let idle = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failure = (thrown: unknown): MolamError => {
    if (signal?.aborted) return abortError(signal);
    if (!idle) return connectionError(thrown);
    return new MolamTimeoutError({
      status: 0,
      code: 'stream_idle',
      title: 'Event stream idle',
      detail: `Nothing, not even a heartbeat, arrived for ${idleTimeoutMs} ms: the connection looks dead.`,
    });
  };

  try {
    for (;;) {
      // The timer runs only while waiting for the server, never while the caller handles an event.
      timer = setTimeout(() => {
        idle = true;
        stop.abort();
      }, idleTimeoutMs);
      const chunk = await untilAborted(reader.read(), stop.signal).catch((thrown: unknown) => {
        throw failure(thrown);
      });
      clearTimeout(timer);
      // The server closed the stream; an unfinished message (no blank line after it) is dropped.
      if (chunk.done) return;
      for (const message of parser.feed(decoder.decode(chunk.value, { stream: true }))) {
        if (signal?.aborted) throw abortError(signal);
        state.lastEventId = message.lastEventId || undefined;
        if (message.data === undefined) continue;
        const parsed = parseJson(message.data);
        if (!parsed.ok || !isEvent(parsed.value)) {
          throw unexpected(
            response,
            'Unreadable event',
            'A message of the event stream is not a JSON event ({ id, type, data }).',
            message.data,
          );
        }
        yield parsed.value;
      }
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Closes the connection when the loop stopped early (break, error, abort); harmless once it ended.
    reader.cancel().catch(() => {});
  }
}

/** Checks the options at once (throwing a TypeError), and connects on the first `next()`. */
export function eventStream(context: ResourceContext, options?: EventStreamOptions): EventStream {
  const opts = checkStreamOptions(options, WHERE);
  const state = { lastEventId: opts.lastEventId };
  const stream = read(context, opts, state) as EventStream;
  Object.defineProperty(stream, 'lastEventId', { get: () => state.lastEventId, enumerable: true });
  return stream;
}
