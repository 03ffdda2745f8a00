// What the benchmarks share: a throwaway PostgreSQL database, the server binary started on it, percentiles.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const pg = createRequire(join(root, 'packages/server/package.json'))('pg');

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** Runs `work` with the URL of a new database, dropped afterwards. */
export async function withDatabase(adminUrl, work) {
  const name = `molam_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** `BENCH_CPU_PROF_DIR=dir pnpm bench …` writes a CPU profile of every server the bench starts into `dir`. */
const profiling = () =>
  process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF_DIR] : [];

/** The Node flags the image starts the server with; the server must be built (`pnpm bench` builds it first). */
async function serverNodeFlags() {
  const entry = join(root, 'packages/server/dist/index.js');
  const { SERVER_NODE_FLAGS } = await import(entry).catch(() => ({}));
  if (!Array.isArray(SERVER_NODE_FLAGS))
    throw new Error(`${entry} is missing or out of date: run pnpm build first`);
  return SERVER_NODE_FLAGS;
}

/**
 * The server binary, with the flags it ships with; the first start on a database prints its sandbox credentials,
 * later ones do not. `role` api leaves aggregation to nobody.
 */
export async function startServer(databaseUrl, role, extraEnv = {}) {
  const nodeFlags = await serverNodeFlags();
  const child = spawn(
    process.execPath,
    [...profiling(), ...nodeFlags, join(root, 'packages/server/dist/bin.js'), '--role', role, '--port', '0'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_MAX: '100000000',
        TRANSFER_RATE_LIMIT_MAX: '100000000',
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let text = '';
  const ready = await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const url = /listening on (http:\/\/\S+?),/.exec(text)?.[1];
      const admin = /admin key:\s+(mk_test_\w+)/.exec(text)?.[1];
      const merchant = /merchant key:\s+(mk_test_\w+)/.exec(text)?.[1];
      const merchantId = /merchant:\s+(mer_\w+)/.exec(text)?.[1];
      const servesApi = role === 'api' || role === 'all';
      if (url && (!servesApi || (merchant && admin && merchantId)))
        resolve({ url, admin, merchant, merchantId });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
  });
  return {
    ...ready,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Runs `task(index, worker)` `requests` times with `concurrency` in flight (each worker numbered); returns the
 * throughput and the latency percentiles.
 */
export async function load(concurrency, requests, task) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < requests) {
        const index = next++;
        const t0 = performance.now();
        await task(index, worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: requests / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * Requests started at a steady `rate` per second (not waiting for each other, as real clients arrive), for
 * `seconds`: the latency a merchant sees below the server's peak.
 */
export async function paced(rate, seconds, task) {
  const total = Math.round(rate * seconds);
  const latencies = [];
  const started = performance.now();
  const pending = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = performance.now();
    pending.push(task(index).then(() => latencies.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    rate,
    achieved: total / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** POSTs JSON with a new Idempotency-Key over `agent`; resolves when the answer is `expected`. */
export function postJson(agent, url, key, path, body, expected) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(`${url}${path}`, {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'idempotency-key': randomUUID(),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        res.statusCode === expected
          ? resolve(text)
          : reject(new Error(`${path}: HTTP ${res.statusCode} ${text}`)),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `work(query)` in one transaction on a pooled client, as a server's request would. */
export async function inTransaction(pool, work) {
  const client = await pool.connect();
  const query = (text, values) => client.query(text, values);
  try {
    await query('BEGIN');
    await work(query);
    await query('COMMIT');
  } catch (error) {
    await query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The API key's lookup (with its merchant's status) that authenticates every request, as the server sends it. */
export function lookUpKey(pool, keyPrefix) {
  return pool.query(
    `SELECT k.id, k.merchant_id, k.name, k.mode, k.prefix, k.secret_hash, k.scopes, k.expires_at, k.last_used_at,
            k.revoked_at, k.replaced_by, k.created_at, m.status AS merchant_status
       FROM api_keys k LEFT JOIN merchants m ON m.id = k.merchant_id WHERE k.prefix = $1`,
    [keyPrefix],
  );
}
