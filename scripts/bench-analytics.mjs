// Analytics on real PostgreSQL, each figure against a baseline measured in the same run: ingest through the API
// against the same rows sent as a raw multi-row INSERT … ON CONFLICT DO NOTHING through `pg`; aggregation and
// replay against one naive GROUP BY over the same events; dashboard reads with a large history behind them.
// Imported by bench.mjs.
import { Agent, request } from 'node:http';
import { percentile, pg, startServer, withDatabase } from './bench-support.mjs';
import { generateEvents } from './generate-events.mjs';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000);
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 10_000_000);
const FRESHNESS_SAMPLES = 100;
const BATCH = 1000;
const READ_SAMPLES = 200;
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

async function waitUntil(check, timeoutMs, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error('timed out');
}

/** Events past the cursor, over how long the running worker takes to leave none: events per second. */
async function drainRateOf(pool) {
  const waiting = async () =>
    (
      await pool.query(
        `SELECT count(*)::int AS n FROM transaction_events e, analytics_cursor c
         WHERE (e.txid, e.id) > (c.txid, c.event_id)`,
      )
    ).rows[0].n;
  const left = await waiting();
  const started = performance.now();
  await waitUntil(async () => (await waiting()) === 0, 1_800_000);
  return left / ((performance.now() - started) / 1000);
}

/** Runs a replay through the admin API and waits for it: milliseconds. */
async function replay(agent, api, from, to) {
  const created = await call(agent, 'POST', `${api.url}/api/v1/admin/aggregates/replays`, api.admin, {
    from,
    to,
    merchant_id: api.merchantId,
  });
  const started = performance.now();
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
  return performance.now() - started;
}

const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** p95 of each dashboard read, against GET /api/v1/whoami measured alongside. */
async function reads(agent, api) {
  const paths = [
    '/api/v1/analytics/overview',
    `/api/v1/analytics/series?start_date=${day(89)}&end_date=${day(0)}`,
    '/api/v1/analytics/payment-methods?days=30',
    '/api/v1/analytics/top-products?days=30',
    '/api/v1/analytics/customers',
  ];
  const p95Of = async (path) => {
    const samples = [];
    for (let i = 0; i < READ_SAMPLES; i++) {
      const t0 = performance.now();
      await call(agent, 'GET', `${api.url}${path}`, api.merchant);
      samples.push(performance.now() - t0);
    }
    return percentile(
      samples.sort((a, b) => a - b),
      95,
    );
  };
  const results = [];
  for (const path of paths) {
    results.push({
      path: path.split('?')[0],
      p95: await p95Of(path),
      baseline: await p95Of('/api/v1/whoami'),
    });
  }
  return results;
}

/**
 * Ingest → visible: one event at a time through the API, then the overview read until today's figures include
 * it. Against the ingest request alone.
 */
async function freshness(agent, api) {
  const visible = [];
  const ingest = [];
  for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
    const t0 = performance.now();
    await call(agent, 'POST', `${api.url}/api/v1/transaction-events`, api.merchant, {
      transaction_id: `fresh-${i}`,
      event_type: 'payment_succeeded',
      amount: 100,
      currency: 'EUR',
      occurred_at: new Date().toISOString(),
    });
    ingest.push(performance.now() - t0);
    await waitUntil(
      async () => {
        const overview = await call(
          agent,
          'GET',
          `${api.url}/api/v1/analytics/overview?currency=EUR`,
          api.merchant,
        );
        return overview.month.successful_transactions >= i + 1;
      },
      60_000,
      5,
    );
    visible.push(performance.now() - t0);
  }
  const sorted = (samples) => samples.sort((a, b) => a - b);
  return {
    p50: percentile(sorted(visible), 50),
    p99: percentile(visible, 99),
    ingestP50: percentile(sorted(ingest), 50),
    ingestP99: percentile(ingest, 99),
  };
}

export async function benchAnalytics(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY + 2 });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const api = await startServer(databaseUrl, 'api');
    const results = {};
    const drainRate = () => drainRateOf(pool);
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

      // Aggregation: a worker takes the API's events past the cursor.
      const worker = await startServer(databaseUrl, 'worker');
      try {
        results.aggregate = await drainRate();
        results.aggregateBaseline = INGEST_EVENTS / ((await naiveGroupBy(pool, api.merchantId)) / 1000);
      } finally {
        await worker.stop();
      }

      // Replay: a large history written straight into the table as counted already, rebuilt through the API.
      await generateEvents(pool, { merchantId: api.merchantId, count: REPLAY_EVENTS, aggregated: true });
      await pool.query('ANALYZE transaction_events');
      const replayWorker = await startServer(databaseUrl, 'worker');
      try {
        results.replayMs = await replay(agent, api, day(366), day(0));
        results.replayBaselineMs = await naiveGroupBy(pool, api.merchantId);

        // The rest of the history the reads stand on, counted by the worker as if it had been ingested.
        await generateEvents(pool, {
          merchantId: api.merchantId,
          count: HISTORY_EVENTS - REPLAY_EVENTS - INGEST_EVENTS,
          onProgress: (written) => process.stderr.write(`  history: ${written} events written\r`),
        });
        results.historyAggregate = await drainRate();
        // As autovacuum would leave the tables: a vacuum running during the reads would measure the vacuum.
        await pool.query('VACUUM ANALYZE');
        results.reads = await reads(agent, api);
        results.freshness = await freshness(agent, api);
      } finally {
        await replayWorker.stop();
      }
      results.events = INGEST_EVENTS;
      results.replayed = REPLAY_EVENTS + INGEST_EVENTS;
      results.history = Number(
        (
          await pool.query('SELECT count(*) AS n FROM transaction_events WHERE merchant_id = $1', [
            api.merchantId,
          ])
        ).rows[0].n,
      );
      return results;
    } finally {
      await api.stop();
      agent.destroy();
      await pool.end();
    }
  });
}
