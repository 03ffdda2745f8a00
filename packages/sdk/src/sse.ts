// The Server-Sent Events wire format, as the WHATWG HTML standard (§9.2.6, "Interpreting an event stream")
// parses it: lines end with CRLF, LF or CR; `field: value` (one space after the colon dropped); a line
// starting with `:` is a comment; a blank line dispatches the message. `retry` and unknown fields are ignored.

/** One message of an event stream, dispatched by a blank line. */
export interface SseMessage {
  /** The last `id:` seen so far, in this message or an earlier one ('' when none, or reset by an empty `id:`). */
  lastEventId: string;
  /** The `event:` field; 'message' when the message has none. */
  event: string;
  /** The `data:` lines joined with "\n"; undefined when the message has none (an id or a heartbeat alone). */
  data: string | undefined;
}

export interface SseParser {
  /** Parses the next piece of text, which may end anywhere (mid-line, between CR and LF); returns the messages it completed. */
  feed(text: string): SseMessage[];
}

/** A parser for one connection. `lastEventId` is the id it resumes after, kept until the stream sends another. */
export function sseParser(lastEventId = ''): SseParser {
  let pending = '';
  // The previous piece ended with CR: a LF at the start of the next one ends the same line.
  let afterCR = false;
  let data: string[] | undefined;
  let event = '';
  let id = lastEventId;

  function line(text: string, out: SseMessage[]): void {
    if (text === '') {
      out.push({ lastEventId: id, event: event || 'message', data: data?.join('\n') });
      data = undefined;
      event = '';
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) return;
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data ??= [];
      data.push(value);
    } else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
  }

  return {
    feed(text) {
      if (text === '') return [];
      const buffer = pending + (afterCR && text.startsWith('\n') ? text.slice(1) : text);
      afterCR = buffer.endsWith('\r');
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece has no line break after it yet (or is '' when the buffer ended with one).
      pending = lines.pop() ?? '';
      const out: SseMessage[] = [];
      for (const each of lines) line(each, out);
      return out;
    },
  };
}
