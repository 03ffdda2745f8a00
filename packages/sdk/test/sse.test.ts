import { describe, expect, it } from 'vitest';
import { type SseMessage, sseParser } from '../src/sse.js';

/** Every message of `pieces` fed in order to one parser, heartbeats and id-only messages included. */
function parse(pieces: string[], lastEventId?: string): SseMessage[] {
  const parser = sseParser(lastEventId);
  return pieces.flatMap((piece) => parser.feed(piece));
}

/** The messages that carry data, as an EventSource would dispatch them. */
function withData(pieces: string[], lastEventId?: string): SseMessage[] {
  return parse(pieces, lastEventId).filter((message) => message.data !== undefined);
}

const STREAM = [
  ': connected\n',
  '\n',
  'id: evt_1\n',
  'event: payment.created\n',
  'data: {"a":1,\n',
  'data:"b":2}\n',
  '\n',
  ':heartbeat\n\n',
  'id: evt_2\r\n',
  'event: payment.failed\r\n',
  'data: line one\r\n',
  'data:  two spaces kept but one\r\n',
  '\r\n',
  'id: evt_3\r',
  'data: é€😀\r',
  '\r',
  'data: no blank line after it: never dispatched\n',
].join('');

const EXPECTED: SseMessage[] = [
  { lastEventId: 'evt_1', event: 'payment.created', data: '{"a":1,\n"b":2}' },
  { lastEventId: 'evt_2', event: 'payment.failed', data: 'line one\n two spaces kept but one' },
  { lastEventId: 'evt_3', event: 'message', data: 'é€😀' },
];

describe('sseParser', () => {
  it('reads ids, event names and multi-line data; skips comments; handles LF, CRLF and CR', () => {
    expect(withData([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same messages wherever the text is split: mid-line, between CR and LF, in pieces of one', () => {
    for (let at = 0; at <= STREAM.length; at++) {
      expect(withData([STREAM.slice(0, at), STREAM.slice(at)]), `split at ${at}`).toEqual(EXPECTED);
    }
    expect(withData([...STREAM])).toEqual(EXPECTED);
    expect(withData(['', ...STREAM.split(/(?<=\r)/), ''])).toEqual(EXPECTED);
  });

  it('dispatches a blank line without data as a message without data, carrying the last id', () => {
    expect(parse([': ping\n\n', 'id: evt_9\n\n', '\n'], 'evt_0')).toEqual([
      { lastEventId: 'evt_0', event: 'message', data: undefined },
      { lastEventId: 'evt_9', event: 'message', data: undefined },
      { lastEventId: 'evt_9', event: 'message', data: undefined },
    ]);
  });

  it('keeps the id across messages until another one, and resets it on an empty id', () => {
    expect(withData(['id: evt_1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n'])).toEqual([
      { lastEventId: 'evt_1', event: 'message', data: 'a' },
      { lastEventId: 'evt_1', event: 'message', data: 'b' },
      { lastEventId: '', event: 'message', data: 'c' },
    ]);
  });

  it('follows the field rules: no colon, empty data, NUL in id, retry and unknown fields', () => {
    expect(
      withData([
        'data\n\n',
        'data:\ndata:\n\n',
        'id: evt_1\nid: bad\0id\nretry: 3000\nfoo: bar\nevent\ndata: x\n\n',
        'data:no space\n\n',
      ]),
    ).toEqual([
      { lastEventId: '', event: 'message', data: '' },
      { lastEventId: '', event: 'message', data: '\n' },
      { lastEventId: 'evt_1', event: 'message', data: 'x' },
      { lastEventId: 'evt_1', event: 'message', data: 'no space' },
    ]);
  });

  it('resets the event name after each message', () => {
    expect(withData(['event: a\ndata: 1\n\ndata: 2\n\n']).map(({ event }) => event)).toEqual([
      'a',
      'message',
    ]);
  });
});
