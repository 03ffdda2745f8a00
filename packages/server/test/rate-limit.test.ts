import { randomBytes, randomInt } from 'node:crypto';
import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/main.js';
import { realPostgresUrl } from './helpers/database.js';
import { redisAnswers, TEST_REDIS_URL } from './helpers/redis.js';
import { type CallResult, expectProblem, startTestServer, type TestServer } from './helpers/server.js';

// Long enough that no window can expire halfway through a test, however slow the machine.
const WINDOW_MS = '600000';
const REDIS_URL = TEST_REDIS_URL;
// The shared-Redis test needs two servers on one database, which an in-memory PGlite cannot be: it uses the
// suite's PostgreSQL when there is one, else the local one.
const SHARED_POSTGRES_URL = realPostgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Every 127.x.y.z address is loopback on Linux, so a client can pick its source address and look, to the
 * server, like a different client. macOS only configures 127.0.0.1: the tests that need this are skipped there.
 */
const randomLoopback = (): string => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function canUseLoopbackAliases(): Promise<boolean> {
  const probe = createServer();
  try {
    probe.listen(0, randomLoopback());
    await once(probe, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SHARED_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const aliases = await canUseLoopbackAliases();
const [redisUp, postgresUp] = await Promise.all([redisAnswers(), postgresAnswers()]);
const noAliases = aliases ? null : 'needs loopback addresses other than 127.0.0.1 (Linux has 127.0.0.0/8)';
const sharedRedisMissing = !redisUp
  ? `needs Redis at ${REDIS_URL}`
  : !postgresUp
    ? `needs PostgreSQL at ${new URL(SHARED_POSTGRES_URL).host}`
    : noAliases;
const title = (name: string, skipReason: string | null): string =>
  skipReason ? `${name} (skipped: ${skipReason})` : name;

/** GET with an API key from a chosen loopback source address: the server sees that address as the client's IP. */
async function getFrom(
  source: string,
  baseUrl: string,
  path: string,
  key: string | null,
): Promise<CallResult> {
  const req = request(`${baseUrl}${path}`, {
    localAddress: source,
    agent: false,
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const text = Buffer.concat(chunks).toString();
  return { status: res.statusCode ?? 0, headers, body: text ? JSON.parse(text) : undefined };
}

function expectRateLimited(result: CallResult): void {
  expectProblem(result, 429, 'rate_limited');
  const retryAfter = result.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  expect(Number(retryAfter)).toBeLessThanOrEqual(Number(WINDOW_MS) / 1000);
}

describe('per-IP limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: WINDOW_MS });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts unauthenticated calls, answers the 6th with 429 and Retry-After, and never limits health', async () => {
    // Rejected calls count too: otherwise guessing keys would be free.
    for (let i = 1; i <= 5; i++) {
      const result = await server.call('GET', '/api/v1/merchants', { key: null });
      expectProblem(result, 401, 'unauthenticated');
      expect(result.headers.get('ratelimit-policy')).toMatch(/^5;w=600$/);
    }
    expectRateLimited(await server.call('GET', '/api/v1/merchants', { key: null }));
    // The address is exhausted, whatever the key.
    expectRateLimited(await server.call('GET', '/api/v1/merchants'));
    expectRateLimited(await server.call('GET', '/api/v1/whoami', { key: server.merchantKey }));

    // Probes and metrics live outside /api: an orchestrator must never be locked out.
    for (let i = 0; i < 10; i++) {
      expect((await server.call('GET', '/healthz', { key: null })).status).toBe(200);
    }
    for (const path of ['/readyz', '/livez', '/metrics']) {
      expect((await server.call('GET', path, { key: null })).status).toBe(200);
    }
  });
});

describe('per-key limit', () => {
  // A server per test: the counters of one must not leak into the next.
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: WINDOW_MS });
  });
  afterEach(async () => {
    await server?.close();
  });

  // From one address the per-IP counter is always at least the per-key one, and it runs first: it would hide
  // the per-key limiter. Two source addresses tell them apart.
  it.skipIf(noAliases !== null)(title('counts per key, across client addresses', noAliases), async () => {
    const first = randomLoopback();
    const second = randomLoopback();
    for (let i = 1; i <= 3; i++) {
      expect((await getFrom(first, server.url, '/api/v1/whoami', server.adminKey)).status).toBe(200);
    }
    // The second address has used 1 of its 3 calls: only the admin key's own budget can refuse this one.
    expectRateLimited(await getFrom(second, server.url, '/api/v1/whoami', server.adminKey));
    // Another key from that address has its own budget.
    expect((await getFrom(second, server.url, '/api/v1/whoami', server.merchantKey)).status).toBe(200);
  });

  it('lets the per-IP limit cover every key from one address', async () => {
    const source = noAliases ? '127.0.0.1' : randomLoopback();
    for (const key of [server.adminKey, server.merchantKey, null]) {
      const result = await getFrom(source, server.url, '/api/v1/whoami', key);
      expect(result.status).toBe(key === null ? 401 : 200);
    }
    // Each key has used at most 1 of its 3 calls here: this is the address's limit.
    expectRateLimited(await getFrom(source, server.url, '/api/v1/whoami', server.merchantKey));
  });
});

describe('two instances sharing one Redis', () => {
  const prefix = `molam:test:${randomBytes(6).toString('hex')}:`;
  const database = `molam_test_${randomBytes(6).toString('hex')}`;
  const servers: RunningServer[] = [];
  let redis: Redis | undefined;

  beforeAll(async () => {
    if (sharedRedisMissing) return;
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    const admin = new pg.Client({ connectionString: SHARED_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(SHARED_POSTGRES_URL);
    url.pathname = `/${database}`;
    // One after the other: the first migrates and bootstraps the sandbox, the second finds it done.
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startServer({
          port: 0,
          databaseUrl: url.toString(),
          // No sandbox.json written anywhere: the credentials are read from the first server.
          dataDir: 'memory://',
          env: {
            LOG_LEVEL: 'silent',
            REDIS_URL,
            RATE_LIMIT_REDIS_PREFIX: prefix,
            RATE_LIMIT_MAX: '6',
            RATE_LIMIT_WINDOW_MS: WINDOW_MS,
          },
        }),
      );
    }
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    if (redis) {
      // Only this run's counters; bounded in case SCAN keeps returning cursors.
      let cursor = '0';
      for (let page = 0; page < 100; page++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      redis.disconnect();
    }
    if (!sharedRedisMissing) {
      const admin = new pg.Client({ connectionString: SHARED_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it.skipIf(sharedRedisMissing !== null)(
    title('share one limit: the 7th call overall is refused, per address and per key', sharedRedisMissing),
    async () => {
      const [a, b] = servers;
      const sandbox = a?.sandbox;
      if (!a || !b || !sandbox)
        throw new Error('both servers should run, the first with sandbox credentials');
      expect(b.sandbox).toBeNull(); // the second found the first's data: they do share the database

      // A fresh address per run: no other run's counters can interfere.
      const client = randomLoopback();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const server = i % 2 === 0 ? a : b;
        statuses.push((await getFrom(client, server.url, '/api/v1/whoami', sandbox.adminKey)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      // Each instance has seen 3 calls: only a shared counter reaches 6.
      expectRateLimited(await getFrom(client, a.url, '/api/v1/whoami', sandbox.adminKey));
      expectRateLimited(await getFrom(client, b.url, '/api/v1/whoami', sandbox.adminKey));

      // The per-key counter is shared too: the admin key is spent, even from an address never seen before.
      const other = randomLoopback();
      expectRateLimited(await getFrom(other, b.url, '/api/v1/whoami', sandbox.adminKey));
      expect((await getFrom(other, a.url, '/api/v1/whoami', sandbox.merchantKey)).status).toBe(200);

      // The counters live under the configured prefix, so deployments (and test runs) sharing a Redis stay apart.
      expect(await redis?.exists(`${prefix}ip:${client}`)).toBe(1);
      expect(await redis?.exists(`molam:rl:ip:${client}`)).toBe(0);
    },
  );
});
