#!/usr/bin/env node
// `pnpm bench`: speed figures, each printed as a ratio against a baseline measured in the same run on the same
// machine, so a noisy or slower machine changes both sides alike. Nothing here asserts: it measures and prints.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist/bin.js');
const serverBin = join(root, 'packages/server/dist/bin.js');
const pgliteEntry = createRequire(join(root, 'packages/server/package.json')).resolve('@electric-sql/pglite');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function timeCommand(args, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Starts the server binary and resolves with the milliseconds until /readyz answers 200. */
async function timeToReady(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, [serverBin, '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      child.stderr.on('data', (chunk) => {
        text += chunk;
        const match = /listening on (http:\/\/\S+?),/.exec(text);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
    });
    for (let attempt = 0; attempt < 200; attempt++) {
      const response = await fetch(`${url}/readyz`).catch(() => null);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('server never became ready');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function timeBarePglite(dataDir) {
  const script = `const { PGlite } = await import(${JSON.stringify(pgliteEntry)}); const db = await PGlite.create(${JSON.stringify(dataDir)}); await db.query('select 1'); await db.close();`;
  return timeCommand(['--input-type=module', '-e', script], 1);
}

// `pnpm bench payments webhooks` runs only those sections; no names runs them all.
const SECTIONS = [
  'startup',
  'payments',
  'settlement',
  'transfers',
  'stream',
  'kafka',
  'webhooks',
  'analytics',
];
const asked = process.argv.slice(2);
for (const name of asked) {
  if (!SECTIONS.includes(name)) {
    console.error(`unknown section ${name}: one of ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
}
const wanted = (section) => asked.length === 0 || asked.includes(section);

const rows = [];
const report = (name, value, baselineName, baseline) =>
  rows.push({
    measure: name,
    ms: value.toFixed(0),
    baseline: baselineName,
    'baseline ms': baseline.toFixed(0),
    ratio: `${(value / baseline).toFixed(2)}x`,
  });

if (wanted('startup')) {
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  report(
    'molam --version (cold start)',
    timeCommand([cli, '--version'], runs),
    'node -e 0',
    timeCommand(['-e', '0'], runs),
  );

  const fresh = [];
  const reopen = [];
  const bare = [];
  const bareReopen = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'molam-bench-'));
    const bareDir = mkdtempSync(join(tmpdir(), 'molam-bench-bare-'));
    try {
      bare.push(timeBarePglite(bareDir));
      bareReopen.push(timeBarePglite(bareDir));
      fresh.push(await timeToReady(dir));
      reopen.push(await timeToReady(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bareDir, { recursive: true, force: true });
    }
  }
  report('server ready, new embedded database', median(fresh), 'bare PGlite, new folder', median(bare));
  report(
    'server ready, existing embedded database',
    median(reopen),
    'bare PGlite, reopened',
    median(bareReopen),
  );

  console.table(rows);
}

/** A table of the API against its baseline of the same SQL through `pg`, and their ratio. */
function apiVsBaseline(apiLabel, baselineLabel, viaApi, direct) {
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
  console.table([
    {
      measure: apiLabel,
      'per second': viaApi.perSecond.toFixed(0),
      'p50 ms': viaApi.p50.toFixed(1),
      'p99 ms': viaApi.p99.toFixed(1),
    },
    {
      measure: baselineLabel,
      'per second': direct.perSecond.toFixed(0),
      'p50 ms': direct.p50.toFixed(1),
      'p99 ms': direct.p99.toFixed(1),
    },
    {
      measure: 'ratio API / baseline',
      'per second': ratio(viaApi.perSecond, direct.perSecond),
      'p50 ms': ratio(viaApi.p50, direct.p50),
      'p99 ms': ratio(viaApi.p99, direct.p99),
    },
  ]);
}

// Payment creation on real PostgreSQL (skipped, with the reason, when none answers).
const pgUrl = process.env.MOLAM_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (wanted('payments'))
  try {
    const { benchPayments } = await import('./bench-payments.mjs');
    const result = await benchPayments(pgUrl);
    const { viaApi, direct } = result;
    console.log(
      `\nPayment creation, ${result.requests} payments, ${result.concurrency} in flight, after ${result.warmUp} untimed ` +
        'on each side, real PostgreSQL:',
    );
    apiVsBaseline(
      'POST /api/v1/payments',
      'same SQL via pg: key lookup, routing read, molam_create_payment (baseline)',
      viaApi,
      direct,
    );
    const { halfPeak, pgbenchTps } = result;
    console.log(
      `At half of the API's peak (${halfPeak.rate.toFixed(0)}/s offered, ${halfPeak.achieved.toFixed(0)}/s served, ` +
        `arrivals not waiting for answers): p50 ${halfPeak.p50.toFixed(1)} ms, p99 ${halfPeak.p99.toFixed(1)} ms.`,
    );
    console.log(
      pgbenchTps === null
        ? 'pgbench is not installed: its baseline is skipped.'
        : `The same three statements in pgbench (prepared, ${result.concurrency} clients): ${pgbenchTps.toFixed(0)}/s; ` +
            `the API makes ${(viaApi.perSecond / pgbenchTps).toFixed(2)}x of that.`,
    );
  } catch (error) {
    console.log(
      `\nPayment creation benchmark skipped: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

// The payments worker settling a backlog on real PostgreSQL (skipped, with the reason, when none answers).
if (wanted('settlement'))
  try {
    const { benchSettlement } = await import('./bench-settlement.mjs');
    const { payments, warmUp, settled, floor } = await benchSettlement(pgUrl);
    const perPayment = (cpu) => `${((cpu * 1000) / payments).toFixed(2)} ms`;
    console.log(
      `\nThe payments worker (one process, ${process.env.JOB_CONCURRENCY ?? 4} jobs at once) draining ${payments} sandbox payments ` +
        `committed at once, after ${warmUp} untimed, real PostgreSQL (a payment is two jobs: its submission, then ` +
        'the status check that settles it, run 2 s or more later):',
    );
    console.table([
      {
        measure: 'payments submitted and settled',
        'payments per second': (payments / settled.seconds).toFixed(0),
        'worker CPU per payment': perPayment(settled.cpu),
      },
      {
        measure: 'the queue alone: two jobs per payment that only read it (baseline)',
        'payments per second': (payments / floor.seconds).toFixed(0),
        'worker CPU per payment': perPayment(floor.cpu),
      },
      {
        measure: 'ratio',
        'payments per second': `${(floor.seconds / settled.seconds).toFixed(2)}x`,
        'worker CPU per payment': `${(settled.cpu / floor.cpu).toFixed(2)}x`,
      },
    ]);
  } catch (error) {
    console.log(`\nSettlement benchmark skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

// Transfer confirmation on real PostgreSQL (skipped, with the reason, when none answers).
if (wanted('transfers'))
  try {
    const { benchTransfers } = await import('./bench-transfers.mjs');
    const result = await benchTransfers(pgUrl);
    const { viaApi, direct } = result;
    console.log(
      `\nLOW-risk transfers confirmed, ${result.requests} transfers, ${result.concurrency} in flight, real PostgreSQL:`,
    );
    apiVsBaseline('POST /api/v1/transfers (201 completed)', 'same SQL via pg (baseline)', viaApi, direct);
  } catch (error) {
    console.log(`\nTransfer benchmark skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

// The event stream with many listeners on real PostgreSQL (skipped, with the reason, when none answers).
if (wanted('stream'))
  try {
    const { benchStream } = await import('./bench-stream.mjs');
    const result = await benchStream(pgUrl);
    const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
    console.log(
      `\nEvent stream: ${result.listeners} SSE clients on one process, ${result.events} events, ${result.deliveries} deliveries (${result.missing} missing); LISTEN connections: ${result.listenConnections}`,
    );
    console.table([
      {
        measure: 'request start → event at every client, p50 / p99',
        value: `${result.p50.toFixed(0)} / ${result.p99.toFixed(0)} ms`,
        baseline: `${result.requestP50.toFixed(0)} / ${result.requestP99.toFixed(0)} ms (the request alone)`,
        ratio: ratio(result.p99, result.requestP99),
      },
    ]);
  } catch (error) {
    console.log(
      `\nEvent stream benchmark skipped: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

// The Kafka outbox relay on real PostgreSQL and the test broker (skipped, with the reason, when either is missing).
if (wanted('kafka'))
  try {
    const { benchKafka } = await import('./bench-kafka.mjs');
    const result = await benchKafka(pgUrl);
    console.log(
      `\nKafka outbox relay: ${result.messages} messages committed at once, published in batches of ${result.batch} to a 3-broker test cluster:`,
    );
    console.table([
      {
        measure: 'outbox → Kafka through the relay (published and marked)',
        'messages per second': result.viaRelay.toFixed(0),
      },
      {
        measure: 'same messages produced straight by the client (baseline)',
        'messages per second': result.direct.toFixed(0),
      },
      {
        measure: 'ratio relay / baseline',
        'messages per second': `${(result.viaRelay / result.direct).toFixed(2)}x`,
      },
    ]);
  } catch (error) {
    console.log(`\nKafka relay benchmark skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

// Webhook delivery on real PostgreSQL (skipped, with the reason, when none answers).
if (wanted('webhooks'))
  try {
    const { benchWebhooks } = await import('./bench-webhooks.mjs');
    const { backlog, cold, direct, events, perEndpoint, underLoad } = await benchWebhooks(pgUrl);
    console.log(
      `\nWebhook delivery to a local receiver, ${events} deliveries due at once, ${perEndpoint} in flight, ` +
        `after a first ${cold.count} on each side:`,
    );
    console.table([
      { measure: 'sent and recorded by the dispatcher', 'per second': backlog.perSecond.toFixed(0) },
      {
        measure: `plain POSTs from Node, ${perEndpoint} in flight (baseline)`,
        'per second': direct.perSecond.toFixed(0),
      },
      {
        measure: 'ratio dispatcher / baseline',
        'per second': `${(backlog.perSecond / direct.perSecond).toFixed(2)}x`,
      },
    ]);
    console.log(`The first ${cold.count}, sent by the server just started: ${cold.perSecond.toFixed(0)}/s.`);
    console.log(
      `Event → first attempt while payments are created at half of their peak (${underLoad.paymentsPerSecond.toFixed(0)}/s of ` +
        `${underLoad.peak.toFixed(0)}/s), ${underLoad.delivered} events: p50 ${underLoad.p50.toFixed(0)} ms, p99 ${underLoad.p99.toFixed(0)} ms.`,
    );
  } catch (error) {
    console.log(`\nWebhook benchmark skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

// Analytics on real PostgreSQL (skipped, with the reason, when none answers).
if (wanted('analytics'))
  try {
    const { benchAnalytics } = await import('./bench-analytics.mjs');
    const result = await benchAnalytics(pgUrl);
    const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
    console.log(
      `\nAnalytics, real PostgreSQL: ${result.events} events ingested, ${result.history} behind the reads:`,
    );
    const freshness = result.freshness;
    console.table([
      {
        measure: 'ingest, batches of 1000 via the API',
        value: `${result.ingestApi.toFixed(0)} events/s`,
        baseline: `${result.ingestRaw.toFixed(0)} events/s (raw INSERT … ON CONFLICT via pg)`,
        ratio: ratio(result.ingestApi, result.ingestRaw),
      },
      {
        measure: `aggregation (worker), ${result.events} ingested events`,
        value: `${result.aggregate.toFixed(0)} events/s`,
        baseline: `${result.aggregateBaseline.toFixed(0)} events/s (one naive GROUP BY)`,
        ratio: ratio(result.aggregate, result.aggregateBaseline),
      },
      {
        measure: `aggregation (worker), ${result.history - result.replayed} generated events`,
        value: `${result.historyAggregate.toFixed(0)} events/s`,
        baseline: `${result.aggregateBaseline.toFixed(0)} events/s (one naive GROUP BY)`,
        ratio: ratio(result.historyAggregate, result.aggregateBaseline),
      },
      {
        measure: `replay of ${result.replayed} events`,
        value: `${result.replayMs.toFixed(0)} ms`,
        baseline: `${result.replayBaselineMs.toFixed(0)} ms (one naive GROUP BY)`,
        ratio: ratio(result.replayMs, result.replayBaselineMs),
      },
      ...result.reads.map((read) => ({
        measure: `GET ${read.path} p95`,
        value: `${read.p95.toFixed(1)} ms`,
        baseline: `${read.baseline.toFixed(1)} ms (GET /api/v1/whoami p95)`,
        ratio: ratio(read.p95, read.baseline),
      })),
      {
        measure: 'ingest → visible in the overview, p50 / p99',
        value: `${freshness.p50.toFixed(0)} / ${freshness.p99.toFixed(0)} ms`,
        baseline: `${freshness.ingestP50.toFixed(0)} / ${freshness.ingestP99.toFixed(0)} ms (the ingest request alone)`,
        ratio: ratio(freshness.p99, freshness.ingestP99),
      },
    ]);
  } catch (error) {
    console.log(`\nAnalytics benchmark skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
