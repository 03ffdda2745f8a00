// Webhook delivery: how many deliveries per second reach a local receiver, and how long from an event's
// creation to its first delivery attempt; against plain POSTs from Node to the same receiver, in the same run.
// Imported by bench.mjs, like bench-payments.mjs, with a real PostgreSQL server.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pg = createRequire(join(root, 'packages/server/package.json'))('pg');
const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 500);
const CONCURRENCY = 16;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const summary = (latencies, seconds) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pool(count, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export async function benchWebhooks(adminUrl) {
  const arrivals = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const at = Date.now();
      if (req.headers['webhook-id']) arrivals.push({ at, created: Date.parse(JSON.parse(body).created) });
      res.end('ok');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const name = `molam_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const child = spawn(process.execPath, [join(root, 'packages/server/dist/bin.js'), '--port', '0'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '100000000',
      MOLAM_DATA_DIR: 'memory://',
      JOB_CONCURRENCY: String(CONCURRENCY),
      JOB_POLL_MS: '100',
      EGRESS_ALLOW_LOOPBACK: 'true', // the receiver listens on 127.0.0.1
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let text = '';
    const { url, key } = await new Promise((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        text += chunk;
        const found = /listening on (http:\/\/\S+?),/.exec(text)?.[1];
        const merchantKey = /merchant key:\s+(mk_test_\w+)/.exec(text)?.[1];
        if (found && merchantKey) resolve({ url: found, key: merchantKey });
      });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
    });
    const auth = { authorization: `Bearer ${key}` };
    await post(
      agent,
      `${url}/api/v1/webhook-endpoints`,
      auth,
      JSON.stringify({ url: hookUrl, enabled_events: ['payment.created'] }),
    );

    // Molam: each payment emits one payment.created event, delivered to the endpoint.
    await pool(EVENTS, (i) =>
      post(
        agent,
        `${url}/api/v1/payments`,
        { ...auth, 'idempotency-key': randomUUID() },
        JSON.stringify({
          external_id: `wh-${i}`,
          flow: 'collection',
          amount: 100,
          currency: 'ZMW',
          payer: '260971234567',
        }),
      ),
    );
    const deadline = Date.now() + 120_000;
    while (arrivals.length < EVENTS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const viaMolam = summary(
      arrivals.map((a) => a.at - a.created),
      (Math.max(...arrivals.map((a) => a.at)) - Math.min(...arrivals.map((a) => a.created))) / 1000,
    );

    // Baseline: the same number of POSTs of a similar body, straight from Node.
    const latencies = [];
    const started = Date.now();
    const body = JSON.stringify({
      id: 'evt_x',
      type: 'payment.created',
      created: new Date().toISOString(),
      data: { object: { id: 'pay_x' } },
    });
    await pool(EVENTS, async () => {
      const t0 = Date.now();
      await post(agent, hookUrl, {}, body);
      latencies.push(Date.now() - t0);
    });
    const direct = summary(latencies, (Date.now() - started) / 1000);
    return { viaMolam, direct, events: EVENTS, delivered: arrivals.length };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    agent.destroy();
    receiver.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
