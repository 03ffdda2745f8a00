import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: run "pnpm --filter @molam/cli build" before these tests.`);
}

/** Settings of the developer's own that must not reach a test's molam: profiles, databases, providers. */
const OWN_SETTINGS = /^(MOLAM_|MTN_|AIRTEL_|ZAMTEL_|SIRA_)|^(DATABASE_URL|REDIS_URL|NO_COLOR)$/;

/** This process's environment without the developer's own settings. */
function cleanEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !OWN_SETTINGS.test(name)));
}

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `molam` as a child process, asynchronously so that a server in this process keeps
 * answering. The environment starts clean of the developer's own settings (MOLAM_*, providers, databases), so
 * none can leak in.
 */
export function runBin(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<BinResult> {
  const inherited = cleanEnvironment();
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
  const inherited = cleanEnvironment();
  const env = { ...inherited, ...options.env };
  const child = options.terminal
    ? spawn('script', ['-qfec', [process.execPath, BIN, ...args].map(shellQuote).join(' '), '/dev/null'], {
        env,
        detached: true,
      })
    : spawn(process.execPath, [BIN, ...args], { env });
  // Cleaned when read, not per chunk: a colour code can be split across two chunks.
  const raw = { stdout: '', stderr: '' };
  const read = (stream: 'stdout' | 'stderr') =>
    options.terminal ? raw[stream].replace(TERMINAL_CONTROLS, '') : raw[stream];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    raw.stdout += chunk;
    changed();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    raw.stderr += chunk;
    changed();
  });
  child.stdin.end();
  const exited = new Promise<BinResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: read('stdout'), stderr: read('stderr') });
      changed();
    });
  });
  return {
    stdout: () => read('stdout'),
    stderr: () => read('stderr'),
    kill: (signal = 'SIGINT') => {
      // Under a terminal, to the process group `script` leads (script passes it on to molam).
      if (options.terminal && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    },
    exited,
    waitFor: (stream, pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(read(stream));
          if (match) {
            finish();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            reject(new Error(`molam exited before printing ${pattern} on ${stream}:\n${read('stderr')}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `no ${pattern} on ${stream} within ${timeoutMs} ms:\n${read(stream)}\n${read('stderr')}`,
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
