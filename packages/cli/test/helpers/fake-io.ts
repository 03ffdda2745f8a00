import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IO } from '../../src/io.js';

export interface FakeIO extends IO {
  out(): string;
  err(): string;
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
  return {
    stdout: {
      write: (text) => {
        out += text;
      },
      isTTY: options.stdoutTTY ?? false,
    },
    stderr: {
      write: (text) => {
        err += text;
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
  };
}

/** A fresh config folder per test, removed afterwards by the returned cleanup. */
export async function tempDir(prefix = 'molam-cli-'): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
