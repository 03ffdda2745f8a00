import type { LogDestination } from './logger.js';

/** Where human lines go: a terminal, usually. */
export interface HumanTarget {
  write(text: string): unknown;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every line has, or that the line already shows in its own words. */
const SHOWN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'msg',
  'req',
  'res',
  'responseTime',
  'reqId',
  'err',
]);

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export interface HumanLogOptions {
  color: boolean;
}

type Entry = Record<string, unknown>;

/**
 * Control characters written as escapes: a message may quote text from merchants or providers, and raw escape
 * sequences would let it forge lines or drive the operator's terminal.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const printable = (text: string) =>
  text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const field = (entry: Entry, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (typeof value === 'object' && value !== null ? (value as Entry)[key] : undefined),
    entry,
  );

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toTimeString().slice(0, 8);
}

/** `key=value` for the entry's own simple fields, so a warning keeps its facts. */
function extras(entry: Entry): string {
  return Object.entries(entry)
    .filter(([key, value]) => !SHOWN.has(key) && value !== null && typeof value !== 'object')
    .map(([key, value]) => `${key}=${printable(String(value))}`)
    .join(' ');
}

/**
 * Turns the server's JSON log lines into one short line each, for a person at a terminal: requests as
 * `12:00:01 POST /api/v1/payments 202 14 ms req_…`, other lines as their message and facts, warnings and
 * errors in colour. Anything that is not a JSON line passes through unchanged.
 */
export function humanLog(target: HumanTarget, options: HumanLogOptions): LogDestination {
  const dim = options.color ? ansi(2) : plain;
  const colors = {
    ok: options.color ? ansi(32) : plain,
    warn: options.color ? ansi(33) : plain,
    error: options.color ? ansi(31) : plain,
  };
  return {
    write(line: string) {
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        return target.write(line);
      }
      const level = typeof entry.level === 'number' ? entry.level : 30;
      const time = dim(clock(entry.time));
      const status = field(entry, 'res', 'statusCode');
      const method = field(entry, 'req', 'method');
      const url = field(entry, 'req', 'url');
      let text: string;
      if (typeof status === 'number' && typeof method === 'string' && typeof url === 'string') {
        const paint = status >= 500 ? colors.error : status >= 400 ? colors.warn : colors.ok;
        const ms = typeof entry.responseTime === 'number' ? `${Math.round(entry.responseTime)} ms` : '';
        const id = typeof entry.reqId === 'string' ? dim(entry.reqId) : '';
        const cause = field(entry, 'err', 'message');
        text = [
          time,
          method,
          printable(url),
          paint(String(status)),
          ms,
          id,
          typeof cause === 'string' ? paint(`(${printable(cause)})`) : '',
        ]
          .filter(Boolean)
          .join(' ');
      } else {
        const label = LEVELS[level] ?? 'INFO';
        const paint = level >= 50 ? colors.error : level >= 40 ? colors.warn : plain;
        const error = field(entry, 'err', 'message');
        const facts = extras(entry);
        text = [
          time,
          level === 30 ? '' : paint(label),
          paint(printable(String(entry.msg ?? ''))),
          typeof error === 'string' ? paint(`(${printable(error)})`) : '',
          facts ? dim(facts) : '',
        ]
          .filter(Boolean)
          .join(' ');
      }
      return target.write(`${text}\n`);
    },
  };
}
