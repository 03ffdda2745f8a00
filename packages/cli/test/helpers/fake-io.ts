import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IO } from '../../src/io.js';

export interface FakeIO extends IO {
  out(): string;
  err(): string;
  /** Resolves once the stream's text holds `text`: for code running concurrently, without a timer. */
  written(stream: 'out' | 'err', text: string): Promise<void>;
}

export interface FakeIOOptions {
  stdin?: string;
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  color?: boolean;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  homeDir?: string;
}

/** Streams that remember what was written; stdin that hands back a fixed text. */
export function fakeIO(options: FakeIOOptions = {}): FakeIO {
  let out = '';
  let err = '';
  const waiting = new Set<() => void>();
  const wrote = () => {
    for (const check of [...waiting]) check();
  };
  return {
    stdout: {
      write: (text) => {
        out += text;
        wrote();
      },
      isTTY: options.stdoutTTY ?? false,
    },
    stderr: {
      write: (text) => {
        err += text;
        wrote();
      },
      isTTY: options.stderrTTY ?? false,
    },
    stdin: { isTTY: options.stdinTTY ?? false, readAll: async () => options.stdin ?? '' },
    env: options.env ?? {},
    color: options.color ?? false,
    platform: options.platform ?? 'linux',
    homeDir: options.homeDir ?? '/home/tester',
    out: () => out,
    err: () => err,
    written: (stream, text) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if ((stream === 'out' ? out : err).includes(text)) {
            waiting.delete(check);
            resolve();
          }
        };
        waiting.add(check);
        check();
      }),
  };
}

/** A fresh config folder per test, removed afterwards by the returned cleanup. */
export async function tempDir(prefix = 'molam-cli-'): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
