import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: run "pnpm --filter @molam/cli build" before these tests.`);
}

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `molam` as a child process, asynchronously so that a server in this process keeps
 * answering. The environment starts clean of MOLAM_* and DATABASE_URL so the developer's own settings
 * cannot leak in.
 */
export function runBin(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<BinResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('MOLAM_') && name !== 'DATABASE_URL' && name !== 'NO_COLOR',
    ),
  );
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...inherited, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningBin {
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in the stream, as soon as it is printed. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal, as Ctrl-C (SIGINT) or a supervisor (SIGTERM) would. */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited: Promise<BinResult>;
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
/** Colours and cursor controls, and the terminal's carriage returns: what a person would read. */
const TERMINAL_CONTROLS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]|\\r`, 'g');

export interface StartBinOptions {
  env?: Record<string, string>;
  /**
   * Run under a pseudo-terminal (util-linux `script`), as a person at a terminal would: stdout then holds
   * everything the terminal shows (stdout and stderr), without colours and carriage returns.
   */
  terminal?: boolean;
}

/** Starts the built `molam` and leaves it running: for commands that run until stopped (`webhooks listen`). */
export function startBin(args: string[], options: StartBinOptions = {}): RunningBin {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('MOLAM_') && name !== 'DATABASE_URL' && name !== 'NO_COLOR',
    ),
  );
  const env = { ...inherited, ...options.env };
  const child = options.terminal
    ? spawn('script', ['-qfec', [process.execPath, BIN, ...args].map(shellQuote).join(' '), '/dev/null'], {
        env,
        detached: true,
      })
    : spawn(process.execPath, [BIN, ...args], { env });
  const clean = (chunk: string) => (options.terminal ? chunk.replace(TERMINAL_CONTROLS, '') : chunk);
  const output = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += clean(chunk);
    changed();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += clean(chunk);
    changed();
  });
  child.stdin.end();
  const exited = new Promise<BinResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, ...output });
      changed();
    });
  });
  return {
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    kill: (signal = 'SIGINT') => {
      // Under a terminal, the signal goes to the whole session (script and molam), as Ctrl-C would.
      if (options.terminal && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    },
    exited,
    waitFor: (stream, pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output[stream]);
          if (match) {
            finish();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            reject(new Error(`molam exited before printing ${pattern} on ${stream}:\n${output.stderr}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `no ${pattern} on ${stream} within ${timeoutMs} ms:\n${output[stream]}\n${output.stderr}`,
            ),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
  };
}
