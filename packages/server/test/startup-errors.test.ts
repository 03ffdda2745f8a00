import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { AppError } from '../src/platform/errors.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

let workDir: string;
const children: ChildProcess[] = [];

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary to completion from an empty folder, with only the environment the test gives it. */
function run(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @molam/server build\` first`);
  workDir = mkdtempSync(join(tmpdir(), 'molam-startup-'));
});
afterEach(() => {
  // A failed test must not leave a server behind.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the binary refuses to start', { timeout: 120_000 }, () => {
  it('exits 1 when the database cannot be reached, naming it without its password', async () => {
    const { code, stderr } = await run([], { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot connect/i);
    expect(stderr).toContain('127.0.0.1:1/x');
    expect(stderr).not.toContain('secret');
  });

  it('exits 1 naming every invalid variable at once', async () => {
    const { code, stderr } = await run([], { PORT: 'abc', RATE_LIMIT_MAX: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('RATE_LIMIT_MAX');
  });

  it('never echoes the value of an invalid DATABASE_URL, which may hold a password', async () => {
    const { code, stderr } = await run([], { DATABASE_URL: 'mysql://u:hunter2@db.example.com/x' });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('hunter2');
  });

  it.each([
    ['an unknown role', ['--role', 'nope'], /--role/],
    ['an unknown flag', ['--bogus'], /--bogus/],
    ['a port out of range', ['--port', '70000'], /--port/],
    ['a flag without its value', ['--port'], /--port/],
  ])('exits 2 on %s', async (_name, args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints its usage on --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: molam-server/);
  });

  it('exits 1 when another process holds the data dir, and leaves that process and its lock alone', async () => {
    const dataDir = join(workDir, 'shared-data');
    const first = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir], {
      cwd: workDir,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(first);
    const firstExit = new Promise<number | null>((resolve) => first.once('close', (code) => resolve(code)));
    let firstStderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      first.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        firstStderr += chunk;
        const found = /listening on (http:\/\/[^\s,]+)/.exec(firstStderr)?.[1];
        if (found) resolve(found);
      });
      void firstExit.then((code) => reject(new Error(`the first server exited (${code}):\n${firstStderr}`)));
    });

    const second = await run(['--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use/);
    expect(second.stderr).toContain(String(first.pid));

    // The refused process must not have taken the lock or the data from the running one.
    expect(JSON.parse(readFileSync(join(dataDir, 'molam.pid'), 'utf8')).pid).toBe(first.pid);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    first.kill('SIGTERM');
    expect(await firstExit).toBe(0);
  });
});

describe('loadConfig', () => {
  it('has a default for everything optional', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      MOLAM_DATA_DIR: './.molam/data',
      MOLAM_MODE: 'sandbox',
      MOLAM_ROLE: 'all',
      LOG_LEVEL: 'info',
      CORS_ORIGIN: '*',
      RATE_LIMIT_MAX: 600,
      RATE_LIMIT_WINDOW_MS: 60_000,
      RATE_LIMIT_REDIS_PREFIX: 'molam:rl:',
      DB_POOL_MAX: 20,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      MOLAM_VALIDATE_RESPONSES: false,
      MOLAM_AUTO_MIGRATE: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.MOLAM_PUBLIC_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    // `PORT=` in a .env file must not become port 0 (any port), nor `DATABASE_URL=` an invalid URL.
    const empty = Object.fromEntries(
      [
        'PORT',
        'HOST',
        'DATABASE_URL',
        'REDIS_URL',
        'LOG_LEVEL',
        'RATE_LIMIT_MAX',
        'MOLAM_AUTO_MIGRATE',
        'MOLAM_PUBLIC_URL',
      ].map((name) => [name, '']),
    );
    expect(loadConfig(empty)).toEqual(loadConfig({}));
  });

  it('parses numbers and booleans, and ignores unrelated variables', () => {
    const config = loadConfig({
      PORT: '0',
      RATE_LIMIT_MAX: '5',
      MOLAM_AUTO_MIGRATE: 'no',
      MOLAM_VALIDATE_RESPONSES: '1',
      DATABASE_URL: 'postgresql://app@db.internal:5432/molam',
      HOME: '/root',
    });
    expect(config).toMatchObject({
      PORT: 0,
      RATE_LIMIT_MAX: 5,
      MOLAM_AUTO_MIGRATE: false,
      MOLAM_VALIDATE_RESPONSES: true,
    });
    expect(config.DATABASE_URL).toBe('postgresql://app@db.internal:5432/molam');
    expect(config).not.toHaveProperty('HOME');
  });

  it('names every bad variable in one error, echoing values except secrets', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        RATE_LIMIT_MAX: '0',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://u:hunter2@h/x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('invalid_config');
    expect(error.errors?.map((item) => item.field).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'RATE_LIMIT_MAX',
    ]);
    expect(error.detail).toContain('"abc"');
    expect(error.detail).toContain('"loud"');
    expect(error.detail).not.toContain('hunter2');
  });
});
