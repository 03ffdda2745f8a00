import type { IO } from '../io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export interface StatusLine {
  /** Redraws the line now (the text is read again on every frame). */
  refresh(): void;
  /** Erases the line; the cursor is back at the start of an empty line. */
  stop(): void;
}

/**
 * One line on stderr, rewritten in place with `\r` (`⠋ pay_… pending (12 s)`), for a person at a terminal
 * while something takes time. Callers only use it when stderr is a terminal and `--json` is off.
 */
export function startStatusLine(io: IO, text: () => string): StatusLine {
  let frame = 0;
  const draw = () => {
    io.stderr.write(`\r${FRAMES[frame % FRAMES.length]} ${text()}\x1b[K`);
    frame += 1;
  };
  draw();
  const timer = setInterval(draw, FRAME_MS);
  // The wait itself keeps the process alive; the animation must not.
  timer.unref();
  return {
    refresh: draw,
    stop: () => {
      clearInterval(timer);
      io.stderr.write('\r\x1b[K');
    },
  };
}
