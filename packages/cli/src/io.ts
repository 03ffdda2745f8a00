import { homedir } from 'node:os';

/** Somewhere text goes: stdout or stderr. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface InputStream {
  readonly isTTY: boolean;
  /** Everything piped in, up to end of file. */
  readAll(): Promise<string>;
}

/**
 * Everything a command touches outside itself, so tests can hand a command fake streams and a fake
 * environment and read back exactly what it printed.
 */
export interface IO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Record<string, string | undefined>;
  /** Colour and tables on stdout; decided once the global flags are parsed. */
  color: boolean;
  platform: NodeJS.Platform;
  homeDir: string;
}

// A key is a few dozen bytes; refuse to buffer an accidental multi-megabyte pipe.
const MAX_STDIN_BYTES = 64 * 1024;

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) throw new Error(`Standard input is larger than ${MAX_STDIN_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createProcessIO(): IO {
  return {
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    stdin: { isTTY: process.stdin.isTTY === true, readAll: readProcessStdin },
    env: process.env,
    color: false,
    platform: process.platform,
    homeDir: homedir(),
  };
}

/** Colour only on a terminal, and never when the user asked for none (https://no-color.org). */
export function decideColor(io: IO, colorFlag: boolean): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return io.stdout.isTTY && colorFlag && !noColor;
}
