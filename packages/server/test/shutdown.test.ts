import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, realPostgresUrl } from './helpers/database.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

interface Binary {
  child: ChildProcess;
  url: string;
  adminKey: string;
  dataDir: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Binary[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

/** Starts `molam-server --port 0` on a fresh data dir and reads its URL and sandbox admin key from stderr. */
async function startBinary(env: Record<string, string> = {}): Promise<Binary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'molam-shutdown-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir], {
    cwd: dataDir,
    // Only what the test means: the developer's own PORT or DATABASE_URL must not leak in.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<{ url: string; adminKey: string }>((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const url = /listening on (http:\/\/[^\s,]+)/.exec(stderr)?.[1];
      const adminKey = /admin key:\s+(mk_test_\S+)/.exec(stderr)?.[1];
      if (url && adminKey) resolve({ url, adminKey });
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${stderr}`)),
    );
  });
  const binary = { child, dataDir, stderr: () => stderr, exited, ...(await ready) };
  running.push(binary);
  // The binary prints its ready lines before it installs its signal handlers (src/main.ts, runServerUntilSignal),
  // so a signal sent at once may meet the default action and kill it outright. Those handlers are installed in
  // the same turn of its event loop as the printing, so any answered request proves they are in place.
  const probe = await fetch(`${binary.url}/livez`);
  if (probe.status !== 200) throw new Error(`/livez answered ${probe.status}`);
  await probe.arrayBuffer();
  return binary;
}

interface Sent {
  request: ClientRequest;
  /** Resolves when the server has read the request's headers: it answered `100 Continue`. */
  received: Promise<void>;
  response: Promise<{ status: number; connection: string | undefined; body: string }>;
}

/**
 * Sends a request with `Expect: 100-continue`, so the test knows when the server has it in hand: a request still in
 * the kernel's accept queue when the signal lands is legitimately refused, and would make the test flaky.
 * Without `body`, the request is complete at once; with it, the body waits for `request.end(body)`.
 */
function send(url: string, method: string, key: string | null, body?: string): Sent {
  const headers: Record<string, string> = { expect: '100-continue' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const req = request(url, { method, headers, agent: false });
  const received = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }),
        );
        res.once('error', reject);
      });
    },
  );
  if (body === undefined) req.end();
  else req.flushHeaders();
  return { request: req, received, response };
}

/** Polls until the server refuses new connections: the proof that it has begun shutting down. */
async function waitUntilRefused(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  for (let attempt = 0; attempt < 400; attempt++) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} still accepts connections after the signal`);
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @molam/server build\` first`);
});

afterEach(async () => {
  // A failed test must not leave its server behind.
  for (const binary of running.splice(0)) {
    if (binary.child.exitCode === null && binary.child.signalCode === null) binary.child.kill('SIGKILL');
    await binary.exited;
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const backends: Array<[string, () => Promise<Record<string, string>>]> = [
  ['the embedded database', async () => ({})],
];
if (realPostgresUrl) {
  backends.push([
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      return { DATABASE_URL: database.options.databaseUrl ?? '' };
    },
  ]);
}

// Each test starts a process that creates an embedded database on disk: slow on a busy machine.
describe('graceful shutdown of the binary', { timeout: 120_000 }, () => {
  it.each(backends)(
    'answers a burst of 50 requests in flight at SIGTERM, then exits 0 (%s)',
    async (_name, envFor) => {
      const server = await startBinary(await envFor());
      const burst = Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? send(`${server.url}/healthz`, 'GET', null)
          : send(`${server.url}/api/v1/merchants`, 'GET', server.adminKey),
      );
      await Promise.all(burst.map((sent) => sent.received));
      server.child.kill('SIGTERM');

      const responses = await Promise.all(burst.map((sent) => sent.response));
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(join(server.dataDir, 'molam.pid'))).toBe(false);
    },
  );

  it('finishes a request whose body arrives after the signal, and tells the client to reconnect elsewhere', async () => {
    // Deadline far beyond the test's pace, so the request cannot be cut off by it on a slow machine.
    const server = await startBinary({ SHUTDOWN_TIMEOUT_MS: '120000' });
    const body = JSON.stringify({
      name: 'Late Body Ltd',
      email: 'late@example.com',
      country: 'ZM',
      default_currency: 'ZMW',
    });
    const slow = send(`${server.url}/api/v1/merchants`, 'POST', server.adminKey, body);
    await slow.received; // the server holds the request, waiting for its body

    server.child.kill('SIGTERM');
    await waitUntilRefused(server.url);
    slow.request.end(body);

    const response = await slow.response;
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ name: 'Late Body Ltd' });
    expect(response.connection).toBe('close');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 1 on a second signal while a request is still in flight', async () => {
    const server = await startBinary({ SHUTDOWN_TIMEOUT_MS: '120000' });
    const stuck = send(`${server.url}/api/v1/merchants`, 'POST', server.adminKey, '{}');
    stuck.response.catch(() => {}); // the forced exit cuts it off: that is the point
    await stuck.received;

    server.child.kill('SIGTERM');
    await waitUntilRefused(server.url);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    stuck.request.destroy();
  });

  it('exits 0 on SIGINT and releases the data dir', async () => {
    const server = await startBinary();
    const lockFile = join(server.dataDir, 'molam.pid');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(server.child.pid);

    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockFile)).toBe(false);
  });
});
