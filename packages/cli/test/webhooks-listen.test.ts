import {
  MolamAuthenticationError,
  MolamConnectionError,
  MolamValidationError,
  verifyWebhook,
} from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import type { EventStream, EventStreamOptions, WebhookEvent } from '../src/api/client.js';
import { backoffDelay, follow, type OpenStream, StreamLostError } from '../src/commands/webhooks/follow.js';
import { forwardEvent, parseForwardUrl } from '../src/commands/webhooks/forward.js';
import { run as listen } from '../src/commands/webhooks/listen.js';
import { main } from '../src/main.js';
import type { Fetch } from '../src/runtime.js';
import { type FakeClock, fakeClient, fakeClock, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';
import { EVENT_ID, paymentEvent, SECRET, WEBHOOK_SECRET } from './helpers/fixtures.js';

const EVENT_2 = 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2H';
const EVENT_3 = 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2J';
const env = {
  MOLAM_API_KEY: SECRET,
  MOLAM_BASE_URL: 'http://api.test',
  MOLAM_CONFIG_DIR: '/nonexistent/molam',
};

/** What one connection does: open or not, hand out events, then end, fail, or stay open until aborted. */
interface Connection {
  open?: boolean;
  events?: WebhookEvent[];
  /** Thrown after the events; the stream ends normally without it (unless `hang`). */
  error?: unknown;
  /** Stays open after the events until the signal aborts. */
  hang?: boolean;
  /** Moves the fake clock while connected. */
  lasts?: number;
}

const refused = () =>
  new MolamConnectionError({
    status: 0,
    code: 'connection_error',
    title: 'Connection failed',
    detail: 'connect ECONNREFUSED 127.0.0.1:8080',
  });

/**
 * A fake `events.stream` that plays `connections` in turn, then refuses every further connection, and
 * records the options of each call.
 */
function scriptedStream(connections: Connection[], clock: FakeClock) {
  const calls: EventStreamOptions[] = [];
  const stream = (options: EventStreamOptions = {}): EventStream => {
    calls.push(options);
    const connection = connections.shift() ?? { error: refused() };
    const state = { lastEventId: options.lastEventId };
    async function* play(): AsyncGenerator<WebhookEvent, void, undefined> {
      if (connection.open !== false && (connection.events || connection.hang || connection.open)) {
        options.onOpen?.();
      }
      clock.advance(connection.lasts ?? 0);
      for (const event of connection.events ?? []) {
        state.lastEventId = event.id;
        yield event;
      }
      if (connection.hang) {
        await new Promise<void>((resolve) => {
          if (options.signal?.aborted) resolve();
          options.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        throw new Error('aborted');
      }
      if (connection.error) throw connection.error;
    }
    const generator = play() as EventStream;
    Object.defineProperty(generator, 'lastEventId', { get: () => state.lastEventId });
    return generator;
  };
  return { stream, calls };
}

function openFrom(stream: (options: EventStreamOptions) => EventStream): OpenStream {
  return ({ lastEventId, signal, onOpen }) => stream({ lastEventId, signal, onOpen });
}

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to 15 s, with ±25 % of jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((failures) => backoffDelay(failures, 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000,
    ]);
    expect(backoffDelay(1, 0)).toBe(375);
    expect(backoffDelay(1, 0.999_999)).toBe(625);
    expect(backoffDelay(6, 0.999_999)).toBe(15_000);
  });
});

describe('follow (reconnection)', () => {
  it('reconnects after a drop, resuming after the last event, and starts the backoff over', async () => {
    const clock = fakeClock();
    const { stream, calls } = scriptedStream(
      [
        { events: [paymentEvent(EVENT_ID), paymentEvent(EVENT_2)], error: refused() },
        { error: refused() },
        { events: [paymentEvent(EVENT_3)], hang: true },
      ],
      clock,
    );
    const controller = new AbortController();
    const seen: string[] = [];
    const opened: unknown[] = [];
    await follow({
      open: openFrom(stream),
      signal: controller.signal,
      clock,
      giveUpAfterMs: 120_000,
      onOpen: (info) => opened.push(info),
      onEvent: async (event) => {
        seen.push(event.id);
        if (event.id === EVENT_3) controller.abort();
      },
    });
    expect(seen).toEqual([EVENT_ID, EVENT_2, EVENT_3]);
    expect(calls.map((call) => call.lastEventId)).toEqual([undefined, EVENT_2, EVENT_2]);
    // The drop after events waits 0.5 s; the refused attempt that follows doubles it.
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(opened).toEqual([
      { reconnected: false, resumedAfter: undefined },
      { reconnected: true, resumedAfter: EVENT_2 },
    ]);
  });

  it('backs off 0.5 s doubling to 15 s, then gives up after giveUpAfterMs of failures', async () => {
    const clock = fakeClock();
    const { stream, calls } = scriptedStream([], clock);
    const retries: number[] = [];
    const attempt = follow({
      open: openFrom(stream),
      signal: new AbortController().signal,
      clock,
      giveUpAfterMs: 60_000,
      onRetry: ({ retryInMs }) => retries.push(retryInMs),
      onEvent: async () => {},
    });
    await expect(attempt).rejects.toBeInstanceOf(StreamLostError);
    await expect(attempt).rejects.toMatchObject({
      code: 'stream_lost',
      message: expect.stringContaining('Gave up after 60 s without the event stream (connect ECONNREFUSED'),
    });
    // 0.5+1+2+4+8+15+15 = 45.5 s; the last wait is cut to what is left of the 60 s.
    expect(retries).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 14_500]);
    expect(calls).toHaveLength(9);
  });

  it('counts the outage from the drop, not from the start', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream(
      [{ events: [paymentEvent()], lasts: 3_600_000, error: refused() }],
      clock,
    );
    const attempt = follow({
      open: openFrom(stream),
      signal: new AbortController().signal,
      clock,
      giveUpAfterMs: 2000,
      onEvent: async () => {},
    });
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(/Gave up after 2 s .*the last event received was evt_/),
    });
    expect(clock.sleeps).toEqual([500, 1000, 500]);
  });

  it('keeps backing off when connections open but end at once without events', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ open: true }, { open: true }, { open: true }], clock);
    await expect(
      follow({
        open: openFrom(stream),
        signal: new AbortController().signal,
        clock,
        giveUpAfterMs: 3000,
        onEvent: async () => {},
      }),
    ).rejects.toBeInstanceOf(StreamLostError);
    expect(clock.sleeps.slice(0, 3)).toEqual([500, 1000, 2000]);
  });

  it('stops at once on a refusal that reconnecting cannot change', async () => {
    const clock = fakeClock();
    const denied = new MolamAuthenticationError({
      status: 401,
      code: 'unauthenticated',
      title: 'Unauthenticated',
      detail: 'Invalid API key.',
    });
    const { stream, calls } = scriptedStream([{ error: denied }], clock);
    await expect(
      follow({
        open: openFrom(stream),
        signal: new AbortController().signal,
        clock,
        giveUpAfterMs: 120_000,
        onEvent: async () => {},
      }),
    ).rejects.toBe(denied);
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('starts afresh when the server no longer knows the event to resume after', async () => {
    const clock = fakeClock();
    const unknown = new MolamValidationError({
      status: 400,
      code: 'invalid_last_event_id',
      title: 'Bad request',
      detail: 'not one of your events',
    });
    const { stream, calls } = scriptedStream(
      [{ events: [paymentEvent()] }, { error: unknown }, { events: [paymentEvent(EVENT_2)] }],
      clock,
    );
    const controller = new AbortController();
    const refusedResumes: string[] = [];
    await follow({
      open: openFrom(stream),
      signal: controller.signal,
      clock,
      giveUpAfterMs: 120_000,
      onResumeRefused: (id) => refusedResumes.push(id),
      onEvent: async (event) => {
        if (event.id === EVENT_2) controller.abort();
      },
    });
    expect(calls.map((call) => call.lastEventId)).toEqual([undefined, EVENT_ID, undefined]);
    expect(refusedResumes).toEqual([EVENT_ID]);
  });

  it('lets an error of the event handler through instead of reconnecting', async () => {
    const clock = fakeClock();
    const { stream, calls } = scriptedStream([{ events: [paymentEvent()], hang: true }], clock);
    const bug = new Error('bug');
    await expect(
      follow({
        open: openFrom(stream),
        signal: new AbortController().signal,
        clock,
        giveUpAfterMs: 120_000,
        onEvent: async () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
    expect(calls).toHaveLength(1);
  });

  it('resolves when interrupted while waiting to reconnect', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const { stream } = scriptedStream([], clock);
    await follow({
      open: openFrom(stream),
      signal: controller.signal,
      clock,
      giveUpAfterMs: 120_000,
      onRetry: () => controller.abort(),
      onEvent: async () => {},
    });
    expect(controller.signal.aborted).toBe(true);
  });
});

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function receiver(status = 200): { fetch: Fetch; received: Received[] } {
  const received: Received[] = [];
  return {
    received,
    fetch: async (url, init) => {
      received.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(status === 204 ? null : 'ok', { status });
    },
  };
}

function secretFrom(stderr: string): string {
  const match = /Ready! Your webhook signing secret is (whsec_\S+) \(\^C to quit\)/.exec(stderr);
  if (!match?.[1]) throw new Error(`no secret in: ${stderr}`);
  return match[1];
}

describe('molam webhooks listen', () => {
  it('prints each event and forwards it signed with the secret printed at start', async () => {
    const clock = fakeClock();
    const { stream, calls } = scriptedStream([{ events: [paymentEvent()], hang: true }], clock);
    const { fetch, received } = receiver();
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock, fetch });
    const io = fakeIO({ env });
    const done = listen(
      { json: false, forwardTo: 'localhost:3000/hooks', events: ['payment.succeeded'] },
      io,
      deps,
    );
    await io.written('out', '<-- [');
    deps.interrupt();
    await done;
    expect(calls[0]).toMatchObject({ types: ['payment.succeeded'], lastEventId: undefined });
    const secret = secretFrom(io.err());
    expect(io.out()).toBe(
      `--> payment.succeeded ${EVENT_ID}\n<-- [200] POST http://localhost:3000/hooks (0 ms)\n`,
    );
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.url).toBe('http://localhost:3000/hooks');
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': EVENT_ID });
    const verified = await verifyWebhook(request?.body ?? '', request?.headers ?? {}, secret, {
      now: clock.now,
    });
    expect(verified).toEqual(paymentEvent());
    expect(io.err()).toContain(
      'Listening for payment.succeeded events at http://api.test, forwarding to http://localhost:3000/hooks.',
    );
    expect(io.err()).toContain('Stopped listening.');
  });

  it('signs with MOLAM_WEBHOOK_SECRET when it is set', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ events: [paymentEvent()] }], clock);
    const { fetch, received } = receiver(500);
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock, fetch });
    const io = fakeIO({ env: { ...env, MOLAM_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    await expect(
      listen({ json: false, forwardTo: 'http://127.0.0.1:3000/hooks', giveUpAfter: 1 }, io, deps),
    ).rejects.toBeInstanceOf(StreamLostError);
    expect(secretFrom(io.err())).toBe(WEBHOOK_SECRET);
    expect(io.out()).toContain('<-- [500] POST http://127.0.0.1:3000/hooks (0 ms)\n');
    const [request] = received;
    await expect(
      verifyWebhook(request?.body ?? '', request?.headers ?? {}, WEBHOOK_SECRET, { now: clock.now }),
    ).resolves.toMatchObject({ id: EVENT_ID });
  });

  it('prints a receiver that cannot be reached, and keeps listening', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ events: [paymentEvent(), paymentEvent(EVENT_2)] }], clock);
    const fetch: Fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
    };
    const io = fakeIO({ env });
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock, fetch });
    await expect(
      listen({ json: false, forwardTo: 'http://127.0.0.1:3000/hooks', giveUpAfter: 1 }, io, deps),
    ).rejects.toBeInstanceOf(StreamLostError);
    expect(io.out()).toBe(
      `--> payment.succeeded ${EVENT_ID}\n<-- [ERR] POST http://127.0.0.1:3000/hooks (0 ms): connect ECONNREFUSED 127.0.0.1:3000\n` +
        `--> payment.succeeded ${EVENT_2}\n<-- [ERR] POST http://127.0.0.1:3000/hooks (0 ms): connect ECONNREFUSED 127.0.0.1:3000\n`,
    );
  });

  it('without --forward-to only prints the events', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ events: [paymentEvent()], hang: true }], clock);
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock });
    const io = fakeIO({ env });
    const done = listen({ json: false }, io, deps);
    await io.written('out', '-->');
    deps.interrupt();
    await done;
    expect(io.out()).toBe(`--> payment.succeeded ${EVENT_ID}\n`);
    expect(io.err()).toContain('Listening for all events at http://api.test.');
  });

  it('with --json writes one JSON line per event and per forward, and nothing to stderr', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ events: [paymentEvent()], hang: true }], clock);
    const { fetch } = receiver(204);
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock, fetch });
    const io = fakeIO({ env });
    const done = listen({ json: true, forwardTo: 'http://localhost:3000/hooks' }, io, deps);
    await io.written('out', '"object":"forward"');
    deps.interrupt();
    await done;
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        object: 'listener',
        secret: expect.stringMatching(/^whsec_/),
        forward_to: 'http://localhost:3000/hooks',
        events: null,
      },
      paymentEvent(),
      {
        object: 'forward',
        event_id: EVENT_ID,
        url: 'http://localhost:3000/hooks',
        status: 204,
        duration_ms: 0,
        error: null,
      },
    ]);
    expect(io.err()).toBe('');
  });

  it('tells about drops and reconnections on stderr', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream(
      [
        { events: [paymentEvent()], error: refused() },
        { events: [paymentEvent(EVENT_2)], hang: true },
      ],
      clock,
    );
    const deps = fakeDeps({ client: fakeClient({ events: { stream } }), clock });
    const io = fakeIO({ env });
    const done = listen({ json: false }, io, deps);
    await io.written('out', EVENT_2);
    deps.interrupt();
    await done;
    expect(io.err()).toContain(
      'Event stream unavailable (connect ECONNREFUSED 127.0.0.1:8080); reconnecting in 0.5 s…',
    );
    expect(io.err()).toContain(`Reconnected; resuming after ${EVENT_ID}.`);
    expect(io.out()).toBe(`--> payment.succeeded ${EVENT_ID}\n--> payment.succeeded ${EVENT_2}\n`);
  });

  it('exits 1 with a clear message once reconnecting has failed for --give-up-after, and 0 on Ctrl-C', async () => {
    const clock = fakeClock();
    const { stream } = scriptedStream([{ events: [paymentEvent()] }], clock);
    const io = fakeIO({ env });
    const code = await main(
      ['webhooks', 'listen', '--give-up-after', '2'],
      io,
      fakeDeps({ client: fakeClient({ events: { stream } }), clock }),
    );
    expect(code).toBe(1);
    expect(io.err()).toContain(
      'Error: Gave up after 2 s without the event stream (connect ECONNREFUSED 127.0.0.1:8080). Exiting so that a supervisor can restart "molam webhooks listen"; the last event received was evt_',
    );

    const hanging = scriptedStream([{ hang: true }], clock);
    const deps = fakeDeps({ client: fakeClient({ events: { stream: hanging.stream } }), clock });
    const listening = fakeIO({ env });
    const interrupted = main(['webhooks', 'listen'], listening, deps);
    await listening.written('err', 'Listening');
    deps.interrupt();
    expect(await interrupted).toBe(0);
  });

  it('--print-secret prints only the secret, connects to nothing and exits 0', async () => {
    const deps = fakeDeps();
    const io = fakeIO({ env: {} });
    expect(
      await main(['webhooks', 'listen', '--print-secret', '--forward-to', 'localhost:3000'], io, deps),
    ).toBe(0);
    expect(io.out()).toMatch(/^whsec_[A-Za-z0-9+/]{32}\n$/);
    expect(deps.clientOptions).toEqual([]);

    const fromEnv = fakeIO({ env: { MOLAM_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    expect(await main(['webhooks', 'listen', '--print-secret'], fromEnv, deps)).toBe(0);
    expect(fromEnv.out()).toBe(`${WEBHOOK_SECRET}\n`);
    expect(fromEnv.err()).toBe('');

    const json = fakeIO({ env: { MOLAM_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    expect(await main(['webhooks', 'listen', '--print-secret', '--json'], json, deps)).toBe(0);
    expect(JSON.parse(json.out())).toEqual({ secret: WEBHOOK_SECRET });

    const bad = fakeIO({ env: { MOLAM_WEBHOOK_SECRET: SECRET } });
    expect(await main(['webhooks', 'listen', '--print-secret'], bad, deps)).toBe(2);
    expect(bad.out()).toBe('');
    expect(bad.err()).toContain('MOLAM_WEBHOOK_SECRET: that is an API key');
  });

  it('refuses unknown event types and bad URLs before connecting (exit 2)', async () => {
    const deps = fakeDeps();
    const io = fakeIO({ env });
    expect(
      await main(['webhooks', 'listen', '--events', 'payment.succeeded,payment.refunded'], io, deps),
    ).toBe(2);
    expect(io.err()).toContain('Unknown event type "payment.refunded"');
    expect(await main(['webhooks', 'listen', '--forward-to', 'ftp://x'], fakeIO({ env }), deps)).toBe(2);
    expect(await main(['webhooks', 'listen', '--give-up-after', '0'], fakeIO({ env }), deps)).toBe(2);
    expect(deps.clientOptions).toEqual([]);
  });
});

describe('forwardEvent', () => {
  it('normalises the URL', () => {
    expect(parseForwardUrl('localhost:3000/hooks')).toBe('http://localhost:3000/hooks');
    expect(parseForwardUrl('https://example.test/h?x=1')).toBe('https://example.test/h?x=1');
  });

  it('reports a receiver that does not answer in time', async () => {
    const clock = fakeClock();
    const fetch: Fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { signWebhook } = await import('@molam/sdk');
    const result = await forwardEvent(paymentEvent(), {
      url: 'http://localhost:3000/hooks',
      secret: WEBHOOK_SECRET,
      fetch,
      clock,
      sign: signWebhook,
      userAgent: 'test',
      timeoutMs: 20,
    });
    expect(result).toMatchObject({ status: null, error: 'no answer within 0.02 s' });
  });
});
