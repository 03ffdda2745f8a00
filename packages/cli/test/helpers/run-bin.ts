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
