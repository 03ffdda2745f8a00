// Analytics on real PostgreSQL, each figure against a baseline measured in the same run: ingest through the API
// against the same rows sent as a raw multi-row INSERT … ON CONFLICT DO NOTHING through `pg`; aggregation and
// replay against one naive GROUP BY over the same events; dashboard reads with a large history behind them.
// Imported by bench.mjs.
import { Agent, request } from 'node:http';
import { percentile, pg, startServer, withDatabase } from './bench-support.mjs';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000);
const BATCH = 1000;
const CONCURRENCY = 4;

function call(agent, method, url, key, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, {
      method,
      agent,
      headers: {
        authorization: `Bearer ${key}`,
        ...(payload === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        res.statusCode < 300
          ? resolve(JSON.parse(text))
          : reject(new Error(`HTTP ${res.statusCode}: ${text}`)),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const event = (prefix, i) => ({
  transaction_id: `${prefix}-${i}`,
  event_type: i % 10 === 0 ? 'payment_failed' : 'payment_succeeded',
  amount: 100 + (i % 5000),
  fee: i % 30,
  currency: i % 7 === 0 ? 'USD' : 'ZMW',
  customer_id: `c${i % 5000}`,
  payment_method: ['mtn', 'airtel', 'zamtel'][i % 3],
  product_id: `p${i % 50}`,
  occurred_at: new Date(Date.now() - (i % (30 * 86_400)) * 1000).toISOString(),
});

/** Sends `count` events in batches of 1000, CONCURRENCY batches in flight; resolves with events per second. */
async function inBatches(count, send) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const from = next;
        next += BATCH;
        await send(Array.from({ length: Math.min(BATCH, count - from) }, (_, j) => from + j));
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

const COLUMNS = [
  'id',
  'merchant_id',
  'mode',
  'transaction_id',
  'event_type',
  'customer_id',
  'amount',
  'fee',
  'currency',
  'payment_method',
  'product_id',
  'occurred_at',
];

/** The rows as one multi-row INSERT … ON CONFLICT DO NOTHING. */
async function rawInsert(pool, merchantId, indexes) {
  const values = [];
  const params = [];
  for (const i of indexes) {
    const e = event('raw', i);
    const row = [
      `txe_RAW${String(i).padStart(23, '0')}`,
      merchantId,
      'test',
      e.transaction_id,
      e.event_type,
      e.customer_id,
      e.amount,
      e.fee,
      e.currency,
      e.payment_method,
      e.product_id,
      e.occurred_at,
    ];
    values.push(`(${row.map((_, k) => `$${params.length + k + 1}`).join(', ')})`);
    params.push(...row);
  }
  await pool.query(
    `INSERT INTO transaction_events (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}
     ON CONFLICT (merchant_id, mode, transaction_id, event_type) DO NOTHING`,
    params,
  );
}

/** The naive way to the daily figures: one GROUP BY over every event of the merchant. */
async function naiveGroupBy(pool, merchantId) {
  const started = performance.now();
  await pool.query(
    `SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(amount), sum(fee)
     FROM transaction_events WHERE merchant_id = $1 GROUP BY 1, 2`,
    [merchantId],
  );
  return performance.now() - started;
}

async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

export async function benchAnalytics(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY + 2 });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const api = await startServer(databaseUrl, 'api');
    const results = {};
    try {
      const batchUrl = `${api.url}/api/v1/transaction-events/batch`;
      results.ingestApi = await inBatches(INGEST_EVENTS, (indexes) =>
        call(
          agent,
          'POST',
          batchUrl,
          api.merchant,
          indexes.map((i) => event('api', i)),
        ),
      );
      results.ingestRaw = await inBatches(INGEST_EVENTS, (indexes) =>
        rawInsert(pool, api.merchantId, indexes),
      );
      await pool.query(`DELETE FROM transaction_events WHERE id LIKE 'txe_RAW%'`);

      // Aggregation: a worker takes the API's events from the queue.
      const waiting = async () =>
        (await pool.query('SELECT count(*)::int AS n FROM transaction_events WHERE NOT processed')).rows[0].n;
      const worker = await startServer(databaseUrl, 'worker');
      // Timed from when the worker answers: what it had left then, over how long it took.
      const left = await waiting();
      const started = performance.now();
      await waitUntil(async () => (await waiting()) === 0, 600_000);
      results.aggregate = left / ((performance.now() - started) / 1000);
      results.aggregateBaseline = INGEST_EVENTS / ((await naiveGroupBy(pool, api.merchantId)) / 1000);
      await worker.stop();

      // Replay: a large history written straight into the table, then rebuilt through the API.
      await pool.query(
        `INSERT INTO transaction_events (${COLUMNS.join(', ')}, processed)
         SELECT 'txe_GEN' || lpad(g::text, 23, '0'), $1, 'test', 'gen-' || g,
           CASE WHEN g % 10 = 0 THEN 'payment_failed' ELSE 'payment_succeeded' END, 'c' || (g % 20000),
           100 + g % 5000, g % 30, CASE WHEN g % 7 = 0 THEN 'USD' ELSE 'ZMW' END,
           (ARRAY['mtn', 'airtel', 'zamtel'])[1 + g % 3], 'p' || (g % 50),
           now() - (g % (365 * 86400)) * interval '1 second', true
         FROM generate_series(1, $2) g`,
        [api.merchantId, REPLAY_EVENTS],
      );
      await pool.query('ANALYZE transaction_events');
      const replayWorker = await startServer(databaseUrl, 'worker');
      try {
        const today = new Date().toISOString().slice(0, 10);
        const yearAgo = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10);
        const created = await call(agent, 'POST', `${api.url}/api/v1/admin/aggregates/replays`, api.admin, {
          from: yearAgo,
          to: today,
          merchant_id: api.merchantId,
        });
        const rebuildStarted = performance.now();
        await waitUntil(async () => {
          const state = await call(
            agent,
            'GET',
            `${api.url}/api/v1/admin/aggregates/replays/${created.id}`,
            api.admin,
          );
          if (state.status === 'failed') throw new Error(`replay failed: ${state.error}`);
          return state.status === 'succeeded';
        }, 600_000);
        results.replayMs = performance.now() - rebuildStarted;
        results.replayBaselineMs = await naiveGroupBy(pool, api.merchantId);
      } finally {
        await replayWorker.stop();
      }

      // Dashboard reads with that history behind them.
      const reads = [
        '/api/v1/analytics/overview',
        `/api/v1/analytics/series?start_date=${new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10)}&end_date=${new Date().toISOString().slice(0, 10)}`,
        '/api/v1/analytics/payment-methods?days=30',
        '/api/v1/analytics/top-products?days=30',
        '/api/v1/analytics/customers',
      ];
      results.reads = [];
      for (const path of reads) {
        const samples = [];
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          await call(agent, 'GET', `${api.url}${path}`, api.merchant);
          samples.push(performance.now() - t0);
        }
        const whoami = [];
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          await call(agent, 'GET', `${api.url}/api/v1/whoami`, api.merchant);
          whoami.push(performance.now() - t0);
        }
        samples.sort((a, b) => a - b);
        whoami.sort((a, b) => a - b);
        results.reads.push({
          path: path.split('?')[0],
          p95: percentile(samples, 95),
          baseline: percentile(whoami, 95),
        });
      }
      results.events = INGEST_EVENTS;
      results.history = REPLAY_EVENTS + INGEST_EVENTS;
      return results;
    } finally {
      await api.stop();
      agent.destroy();
      await pool.end();
    }
  });
}
