import { describe, expect, it } from 'vitest';
import { humanLog } from '../src/platform/http/log-format.js';

const capture = (color = false) => {
  const lines: string[] = [];
  return { lines, log: humanLog({ write: (text: string) => lines.push(text) }, { color }) };
};
const time = Date.UTC(2026, 11, 7, 9, 30, 5);

describe('the human log', () => {
  it('writes a request as one short line', () => {
    const { lines, log } = capture();
    log.write(
      JSON.stringify({
        level: 30,
        time,
        reqId: 'req_1',
        req: { method: 'POST', url: '/api/v1/payments', headers: { authorization: '[Redacted]' } },
        res: { statusCode: 202, headers: {} },
        responseTime: 14.4,
        msg: 'request completed',
      }),
    );
    expect(lines).toEqual([
      `${new Date(time).toTimeString().slice(0, 8)} POST /api/v1/payments 202 14 ms req_1\n`,
    ]);
  });

  it('keeps a warning’s level, message, error and facts, in colour on request', () => {
    const { lines, log } = capture(true);
    log.write(
      JSON.stringify({
        level: 40,
        time,
        msg: 'SIRA circuit changed state',
        state: 'open',
        err: { message: 'boom' },
      }),
    );
    expect(lines[0]).toContain('\u001b[33mWARN\u001b[0m');
    expect(lines[0]).toContain('SIRA circuit changed state');
    expect(lines[0]).toContain('(boom)');
    expect(lines[0]).toContain('state=open');
  });

  it('passes through what is not a JSON line', () => {
    const { lines, log } = capture();
    log.write('plain text\n');
    expect(lines).toEqual(['plain text\n']);
  });

  it('writes control characters as escapes, so a logged text cannot drive the terminal', () => {
    const { lines, log } = capture();
    log.write(JSON.stringify({ level: 40, time, msg: 'bad \u001b]52;c;AAAA\u0007 name', field: 'x\ny' }));
    // No control character but the line's own ending.
    expect([...(lines[0] ?? '').slice(0, -1)].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
    expect(lines[0]).toContain('\\u001b]52;c;AAAA\\u0007');
    expect(lines[0]).toContain('field=x\\u000ay');
  });
});
