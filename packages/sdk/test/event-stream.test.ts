import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMolam,
  MolamAbortError,
  MolamAuthenticationError,
  MolamConnectionError,
  MolamError,
  MolamServerError,
  MolamTimeoutError,
  type WebhookEvent,
} from '../src/index.js';
import { API_KEY, BASE_URL, hangingFetch, problem, REQUEST_ID, testMolam, useMswServer } from './support.js';

const server = useMswServer();

const STREAM_URL = `${BASE_URL}/api/v1/events/stream`;
const encoder = new TextEncoder();

function event(id: string, name = 'Café Mwamba €5 😀'): WebhookEvent {
  return {
    id,
    object: 'event',
    type: 'payment.succeeded',
    created: '2026-11-22T09:30:00.000Z',
    data: { object: { id: 'pay_1', description: name } as never },
  };
}

/** The wire form of an event, as the server writes it. */
function frame(value: WebhookEvent, eol = '\n'): string {
  return `id: ${value.id}${eol}event: ${value.type}${eol}data: ${JSON.stringify(value)}${eol}${eol}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StreamScript {
  /** Written in order; a number waits that many milliseconds. */
  parts: Array<string | Uint8Array | number>;
  /** Leave the stream open after the parts (default: close it). */
  keepOpen?: boolean;
  /** Fail the connection after the parts. */
  fail?: boolean;
  onCancel?: () => void;
}

function sseBody({ parts, keepOpen, fail, onCancel }: StreamScript): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const part of parts) {
        if (typeof part === 'number') await wait(part);
        else controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      }
      if (fail) controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
      else if (!keepOpen) controller.close();
    },
    cancel: onCancel,
  });
}

function sseResponse(script: StreamScript): Response {
  return new HttpResponse(sseBody(script), {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Request-Id': REQUEST_ID },
  });
}

/** Answers the stream with `script` and records every request. */
function serve(script: StreamScript | (() => Response)) {
  const seen: Request[] = [];
  server.use(
    http.get(STREAM_URL, ({ request }) => {
      seen.push(request);
      return typeof script === 'function' ? script() : sseResponse(script);
    }),
  );
  return seen;
}

async function collect(iterable: AsyncIterable<WebhookEvent>): Promise<WebhookEvent[]> {
  const all: WebhookEvent[] = [];
  for await (const each of iterable) all.push(each);
  return all;
}

/** A client whose fetch answers with the stream directly (no msw in between), to see the body cancelled. */
function directMolam(script: StreamScript, calls: Request[] = []) {
  const fetch = async (request: Request) => {
    calls.push(request);
    return new Response(sseBody(script), { headers: { 'Content-Type': 'text/event-stream' } });
  };
  return createMolam({ apiKey: API_KEY, baseUrl: BASE_URL, fetch });
}

const A = event('evt_01JD2M3X4Y5Z6A7B8C9D0E1F2A');
const B = event('evt_01JD2M3X4Y5Z6A7B8C9D0E1F2B', 'second\nline');
const C = event('evt_01JD2M3X4Y5Z6A7B8C9D0E1F2C');

describe('events.stream: the wire format', () => {
  it('yields each event, skipping comments and heartbeats, and ends when the server closes the stream', async () => {
    const multiLine = JSON.stringify(B, null, 2).split('\n');
    serve({
      parts: [
        ': connected\n\n',
        frame(A),
        ':\n\n',
        `id: ${B.id}\r\nevent: ${B.type}\r\n${multiLine.map((line) => `data: ${line}`).join('\r\n')}\r\n\r\n`,
        `: heartbeat\r\rid: ${C.id}\revent: ${C.type}\rdata: ${JSON.stringify(C)}\r\r`,
        'data: {"unfinished": true}\n',
      ],
    });
    const stream = testMolam().molam.events.stream();
    expect(await collect(stream)).toEqual([A, B, C]);
    expect(stream.lastEventId).toBe(C.id);
  });

  it('keeps lines, CRLF pairs and multi-byte characters split across chunks, down to one byte a chunk', async () => {
    const bytes = encoder.encode(`: hi\r\n\r\n${frame(A, '\r\n')}${frame(B)}`);
    const bytewise = Array.from(bytes, (byte) => new Uint8Array([byte]));
    serve({ parts: bytewise });
    expect(await collect(testMolam().molam.events.stream())).toEqual([A, B]);
    // Every split in two, including inside 'é' (2 bytes), '€' (3) and '😀' (4).
    for (let at = 1; at < bytes.length; at += 7) {
      serve({ parts: [bytes.slice(0, at), bytes.slice(at)] });
      expect(await collect(testMolam().molam.events.stream()), `split at byte ${at}`).toEqual([A, B]);
    }
  });

  it('lastEventId starts as the option and follows each event handed out, even from one chunk', async () => {
    serve({ parts: [frame(A) + frame(B) + frame(C)] });
    const stream = testMolam().molam.events.stream({ lastEventId: 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F29' });
    expect(stream.lastEventId).toBe('evt_01JD2M3X4Y5Z6A7B8C9D0E1F29');
    const seenIds: Array<string | undefined> = [];
    for await (const each of stream) seenIds.push(`${each.id}=${stream.lastEventId}`);
    expect(seenIds).toEqual([A, B, C].map(({ id }) => `${id}=${id}`));
  });

  it('rejects a message that is not a JSON event with a MolamError, past which lastEventId has moved', async () => {
    serve({ parts: [frame(A), 'id: evt_bad\ndata: not json\n\n', frame(B)] });
    const stream = testMolam().molam.events.stream();
    const received: WebhookEvent[] = [];
    const error = await (async () => {
      for await (const each of stream) received.push(each);
    })().catch((caught: unknown) => caught);
    expect(received).toEqual([A]);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({
      code: 'unexpected_response',
      status: 200,
      requestId: REQUEST_ID,
      raw: 'not json',
    });
    expect(stream.lastEventId).toBe('evt_bad');
  });
});

describe('events.stream: the request', () => {
  it('sends Accept, Last-Event-ID, types and the API key, without an Idempotency-Key; connects on first use only', async () => {
    const seen = serve({ parts: [frame(A)] });
    const onOpen: string[] = [];
    const stream = testMolam().molam.events.stream({
      types: ['payment.succeeded', 'payment.failed'],
      lastEventId: 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F29',
      onOpen: () => onOpen.push(`open after ${seen.length} request`),
    });
    await wait(5);
    expect(seen).toHaveLength(0);
    expect(await collect(stream)).toEqual([A]);
    expect(onOpen).toEqual(['open after 1 request']);
    const [request] = seen;
    const url = new URL(request?.url ?? '');
    expect(url.pathname).toBe('/api/v1/events/stream');
    expect(url.searchParams.get('types')).toBe('payment.succeeded,payment.failed');
    expect(request?.headers.get('accept')).toBe('text/event-stream');
    expect(request?.headers.get('last-event-id')).toBe('evt_01JD2M3X4Y5Z6A7B8C9D0E1F29');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('idempotency-key')).toBeNull();
  });

  it('sends neither Last-Event-ID nor types when not given (or types is empty)', async () => {
    const seen = serve({ parts: [] });
    await collect(testMolam().molam.events.stream({ types: [] }));
    expect(seen[0]?.url).toBe(STREAM_URL);
    expect(seen[0]?.headers.has('last-event-id')).toBe(false);
  });

  it('checks its options at once, before sending anything', () => {
    const seen = serve({ parts: [] });
    const { molam } = testMolam();
    expect(() => molam.events.stream({ types: ['payment.created,payment.failed'] })).toThrow(/`types`/);
    expect(() => molam.events.stream({ types: 'payment.created' as never })).toThrow(TypeError);
    expect(() => molam.events.stream({ lastEventId: '' })).toThrow(/`lastEventId`/);
    expect(() => molam.events.stream({ lastEventId: 'evt_1\r\nX-Injected: 1' })).toThrow(TypeError);
    expect(() => molam.events.stream({ idleTimeoutMs: 0 })).toThrow(/`idleTimeoutMs`/);
    expect(() => molam.events.stream({ signal: {} as AbortSignal })).toThrow(
      /`signal` must be an AbortSignal/,
    );
    expect(() => molam.events.stream({ onOpen: 'yes' as never })).toThrow(/`onOpen` must be a function/);
    expect(() => molam.events.stream({ maxRetries: 2 } as never)).toThrow(/unknown option `maxRetries`/);
    expect(seen).toHaveLength(0);
  });
});

describe('events.stream: failures', () => {
  it('rejects a non-2xx with the MolamError of its problem, after a single request', async () => {
    const seen = serve(() => problem(401, 'invalid_api_key', { detail: 'The key was revoked.' }));
    const error = await testMolam()
      .molam.events.stream()
      .next()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamAuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', requestId: REQUEST_ID });
    expect(seen).toHaveLength(1);
  });

  it('never retries, not even a 503 or a network failure', async () => {
    let seen = serve(() => problem(503, 'unavailable'));
    const { molam, delays } = testMolam();
    await expect(molam.events.stream().next()).rejects.toBeInstanceOf(MolamServerError);
    expect(seen).toHaveLength(1);
    seen = serve(() => HttpResponse.error());
    await expect(molam.events.stream().next()).rejects.toBeInstanceOf(MolamConnectionError);
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('rejects with MolamConnectionError when the connection fails mid-stream, after the events before it', async () => {
    // The wait lets A be read: erroring a stream drops what is still queued in it.
    serve({ parts: [frame(A), 10], fail: true });
    const received: WebhookEvent[] = [];
    const error = await (async () => {
      for await (const each of testMolam().molam.events.stream()) received.push(each);
    })().catch((caught: unknown) => caught);
    expect(received).toEqual([A]);
    expect(error).toBeInstanceOf(MolamConnectionError);
    expect((error as Error).message).toContain('other side closed');
  });

  it('rejects a 2xx that is not an event stream (a proxy page)', async () => {
    serve(() => HttpResponse.json({ hello: 'world' }));
    const error = await testMolam()
      .molam.events.stream()
      .next()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamError);
    expect(error).toMatchObject({ code: 'unexpected_response', status: 200 });
    expect((error as Error).message).toContain('application/json');
  });

  it('rejects without an API key before sending', async () => {
    const seen = serve({ parts: [] });
    const molam = createMolam({ baseUrl: BASE_URL });
    await expect(molam.events.stream().next()).rejects.toThrow(/needs an API key/);
    expect(seen).toHaveLength(0);
  });
});

describe('events.stream: time', () => {
  it('the client timeout bounds the wait for the headers only, never the open stream', async () => {
    serve({ parts: [frame(A), 150, ': heartbeat\n\n', 150, frame(B)] });
    const { molam } = testMolam({ timeoutMs: 100 });
    expect(await collect(molam.events.stream())).toEqual([A, B]);
  });

  it('times out when the headers do not come in time, in one attempt', async () => {
    const calls: Request[] = [];
    const molam = createMolam({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: hangingFetch(calls),
      timeoutMs: 60_000,
    });
    const error = await molam.events
      .stream({ timeoutMs: 20 })
      .next()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(calls).toHaveLength(1);
  });

  it('rejects with MolamTimeoutError stream_idle when nothing arrives for idleTimeoutMs; heartbeats keep it open', async () => {
    serve({ parts: [frame(A), 20, ': hb\n\n', 20, ': hb\n\n', 20, frame(B)], keepOpen: true });
    const received: WebhookEvent[] = [];
    const stream = testMolam().molam.events.stream({ idleTimeoutMs: 100 });
    const error = await (async () => {
      for await (const each of stream) {
        received.push(each);
        // Handling an event slowly is not idleness: the timer runs only while waiting for the server.
        await wait(150);
      }
    })().catch((caught: unknown) => caught);
    expect(received).toEqual([A, B]);
    expect(error).toBeInstanceOf(MolamTimeoutError);
    expect(error).toMatchObject({ code: 'stream_idle', status: 0 });
    expect(stream.lastEventId).toBe(B.id);
  });
});

describe('events.stream: stopping', () => {
  it('aborting the signal rejects a pending read with MolamAbortError and closes the connection', async () => {
    let cancelled = false;
    const molam = directMolam({ parts: [frame(A)], keepOpen: true, onCancel: () => (cancelled = true) });
    const controller = new AbortController();
    const stream = molam.events.stream({ signal: controller.signal });
    expect((await stream.next()).value).toEqual(A);
    const pending = stream.next();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 5);
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MolamAbortError);
    expect(error).toMatchObject({ name: 'AbortError', cause: new Error('user pressed Ctrl-C') });
    expect(cancelled).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const calls: Request[] = [];
    const molam = directMolam({ parts: [] }, calls);
    const controller = new AbortController();
    controller.abort();
    await expect(molam.events.stream({ signal: controller.signal }).next()).rejects.toBeInstanceOf(
      MolamAbortError,
    );
    expect(calls).toHaveLength(0);
  });

  it('breaking out of the loop closes the connection', async () => {
    let cancelled = false;
    const molam = directMolam({
      parts: [frame(A), frame(B)],
      keepOpen: true,
      onCancel: () => (cancelled = true),
    });
    const stream = molam.events.stream();
    for await (const each of stream) {
      expect(each).toEqual(A);
      break;
    }
    expect(cancelled).toBe(true);
    expect(stream.lastEventId).toBe(A.id);
  });
});
