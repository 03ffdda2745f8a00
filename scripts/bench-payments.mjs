// Payment creation through the API against the same SQL writes sent straight through `pg`, on real PostgreSQL,
// in the same run. Imported by bench.mjs; returns rows for its table, or a reason it could not run.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  load as loadWith,
  lookUpKey,
  paced,
  pg,
  postJson,
  startServer,
  withDatabase,
} from './bench-support.mjs';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_PAYMENTS ?? 3000);
const load = (task) => loadWith(CONCURRENCY, REQUESTS, task);
/** Sent first, untimed, by both sides, so that neither is timed while V8 is still optimising it. */
const WARM_UP = Number(process.env.BENCH_PAYMENTS_WARM_UP ?? 1000);
const warmUp = (task) => loadWith(CONCURRENCY, WARM_UP, task);

const post = (agent, url, key, body) => postJson(agent, url, key, '/api/v1/payments', body, 202);

/** The payment's row and the rows that go with it, shaped as the server builds them (payments/create.ts). */
export function creationArguments(merchantId, index) {
  const now = new Date().toISOString();
  const id = `pay_bench${String(index).padStart(21, '0')}`;
  const payment = {
    id,
    object: 'payment',
    merchant_id: merchantId,
    external_id: `base-${index}`,
    flow: 'collection',
    amount: 1250,
    currency: 'ZMW',
    payer: '260971234567',
    payee: null,
    provider: 'sandbox',
    status: 'pending',
    failure: null,
    provider_transaction_id: null,
    description: null,
    payer_message: null,
    payee_note: null,
    metadata: {},
    mode: 'test',
    created_at: now,
    updated_at: now,
    completed_at: null,
  };
  const row = {
    ...payment,
    msisdn: '260971234567',
    provider_reference: randomUUID(),
    provider_requested: false,
  };
  const stream = {
    paymentId: id,
    merchantId,
    externalId: payment.external_id,
    flow: 'collection',
    amount: 1250,
  };
  return [
    `${merchantId}:test`,
    randomUUID(),
    'f'.repeat(64),
    24,
    JSON.stringify(row),
    JSON.stringify([
      {
        topic: 'audit.payment-events',
        key: id,
        event_type: 'payment.created',
        correlation_id: payment.external_id,
        merchant_id: merchantId,
        payload: { event: 'payment.created', ...stream, occurredAt: now },
      },
    ]),
    JSON.stringify({
      id: `evt_bench${String(index).padStart(21, '0')}`,
      merchant_id: merchantId,
      type: 'payment.created',
      mode: 'test',
      data: { object: payment },
    }),
    JSON.stringify({
      id: `txe_bench${String(index).padStart(21, '0')}`,
      merchant_id: merchantId,
      mode: 'test',
      source: 'payment',
      transaction_id: id,
      event_type: 'payment_created',
      customer_id: '260971234567',
      amount: 1250,
      fee: 0,
      currency: 'ZMW',
      payment_method: 'sandbox',
      product_id: null,
      product_name: null,
      occurred_at: now,
    }),
    JSON.stringify({
      kind: 'payment.submit:sandbox',
      payload: { paymentId: id, tried: [] },
      max_attempts: 25,
    }),
    JSON.stringify({
      id: `aud_bench${String(index).padStart(21, '0')}`,
      actor: 'key_bench',
      merchant_id: merchantId,
      action: 'payment.created',
      entity_type: 'payment',
      entity_id: id,
      old_values: null,
      new_values: payment,
      ip: '127.0.0.1',
      user_agent: 'bench',
      request_id: `req_bench${index}`,
    }),
    JSON.stringify({ status: 202, body: payment }),
  ];
}

/**
 * The statements one `POST /api/v1/payments` sends, each a round trip of its own as in the server: the key's
 * lookup (with its merchant's status), the routing read, and the creating function.
 */
async function baselineStatements(pool, keyPrefix, merchantId, index) {
  await lookUpKey(pool, keyPrefix);
  await pool.query(
    'SELECT currencies, updated_at FROM merchant_routing WHERE merchant_id = $1 AND mode = $2',
    [merchantId, 'test'],
  );
  await pool.query(
    'SELECT * FROM molam_create_payment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    creationArguments(merchantId, index),
  );
}

/**
 * The same three statements run by pgbench (prepared), the arguments built in SQL: PostgreSQL's own ceiling.
 * No colon but its variables' (pgbench would read one as a variable), hence no casts.
 */
const PGBENCH_SCRIPT = `\\set n random(1, 1000000000000)
SELECT k.id, m.status FROM api_keys k LEFT JOIN merchants m ON m.id = k.merchant_id WHERE k.prefix = :prefix;
SELECT currencies, updated_at FROM merchant_routing WHERE merchant_id = CAST(:merchant AS text) AND mode = 'test';
SELECT * FROM molam_create_payment(CAST(:owner AS text), 'pgbench-' || CAST(:n AS text), repeat('f', 64), 24,
  jsonb_build_object('id', 'pay_pgb' || CAST(:n AS text), 'merchant_id', CAST(:merchant AS text), 'external_id', 'pgb-' || CAST(:n AS text),
    'flow', 'collection', 'amount', 1250, 'currency', 'ZMW', 'msisdn', '260971234567', 'provider', 'sandbox',
    'provider_reference', gen_random_uuid(), 'metadata', jsonb_build_object(), 'mode', 'test',
    'provider_requested', false, 'created_at', now(), 'updated_at', now()),
  jsonb_build_array(jsonb_build_object('topic', 'audit.payment-events', 'key', 'pay_pgb' || CAST(:n AS text),
    'event_type', 'payment.created', 'correlation_id', 'pgb-' || CAST(:n AS text), 'merchant_id', CAST(:merchant AS text),
    'payload', jsonb_build_object('paymentId', 'pay_pgb' || CAST(:n AS text), 'amount', 1250))),
  jsonb_build_object('id', 'evt_pgb' || CAST(:n AS text), 'merchant_id', CAST(:merchant AS text), 'type', 'payment.created', 'mode', 'test',
    'data', jsonb_build_object('object', jsonb_build_object('id', 'pay_pgb' || CAST(:n AS text), 'amount', 1250))),
  jsonb_build_object('id', 'txe_pgb' || CAST(:n AS text), 'merchant_id', CAST(:merchant AS text), 'mode', 'test', 'source', 'payment',
    'transaction_id', 'pay_pgb' || CAST(:n AS text), 'event_type', 'payment_created', 'customer_id', '260971234567',
    'amount', 1250, 'fee', 0, 'currency', 'ZMW', 'payment_method', 'sandbox', 'occurred_at', now()),
  jsonb_build_object('kind', 'payment.submit' || chr(58) || 'sandbox',
    'payload', jsonb_build_object('paymentId', 'pay_pgb' || CAST(:n AS text), 'tried', jsonb_build_array()), 'max_attempts', 25),
  jsonb_build_object('id', 'aud_pgb' || CAST(:n AS text), 'actor', 'key_bench', 'merchant_id', CAST(:merchant AS text),
    'action', 'payment.created', 'entity_type', 'payment', 'entity_id', 'pay_pgb' || CAST(:n AS text),
    'new_values', jsonb_build_object('id', 'pay_pgb' || CAST(:n AS text))),
  jsonb_build_object('status', 202, 'body', jsonb_build_object('id', 'pay_pgb' || CAST(:n AS text))));
`;

/** pgbench's transactions per second for PGBENCH_SCRIPT, or null where pgbench is not installed. */
function pgbench(databaseUrl, keyPrefix, merchantId) {
  const dir = mkdtempSync(join(tmpdir(), 'molam-pgbench-'));
  try {
    const script = join(dir, 'create-payment.sql');
    writeFileSync(script, PGBENCH_SCRIPT);
    const result = spawnSync(
      'pgbench',
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(CONCURRENCY),
        '-j',
        '2',
        '-t',
        String(Math.ceil(REQUESTS / CONCURRENCY)),
        '-D',
        `prefix=${keyPrefix}`,
        '-D',
        `merchant=${merchantId}`,
        '-D',
        `owner=${merchantId}:test`,
        '-f',
        script,
        databaseUrl,
      ],
      { encoding: 'utf8' },
    );
    if (result.error) return null;
    const tps = /tps = ([\d.]+)/.exec(result.stdout)?.[1];
    if (result.status !== 0 || !tps) throw new Error(`pgbench failed: ${result.stderr || result.stdout}`);
    return Number(tps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPayments(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const api = await startServer(databaseUrl, 'api');
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    let viaApi;
    let halfPeak;
    try {
      const body = (index) => ({
        external_id: `bench-${index}`,
        flow: 'collection',
        amount: 1250,
        currency: 'ZMW',
        payer: '260971234567',
      });
      await warmUp((index) => post(agent, api.url, api.merchant, body(`warm-${index}`)));
      viaApi = await load((index) => post(agent, api.url, api.merchant, body(index)));
      halfPeak = await paced(viaApi.perSecond / 2, 5, (index) =>
        post(agent, api.url, api.merchant, body(`paced-${index}`)),
      );
    } finally {
      agent.destroy();
      await api.stop();
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    pool.on('error', () => {});
    let direct;
    let keyPrefix;
    let merchantId;
    try {
      const { rows } = await pool.query(
        'SELECT prefix, merchant_id FROM api_keys WHERE merchant_id IS NOT NULL ORDER BY created_at LIMIT 1',
      );
      keyPrefix = rows[0].prefix;
      merchantId = rows[0].merchant_id;
      await warmUp((index) => baselineStatements(pool, keyPrefix, merchantId, REQUESTS + index));
      direct = await load((index) => baselineStatements(pool, keyPrefix, merchantId, index));
    } finally {
      await pool.end();
    }
    const pgbenchTps = pgbench(databaseUrl, keyPrefix, merchantId);
    return {
      viaApi,
      direct,
      halfPeak,
      pgbenchTps,
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      warmUp: WARM_UP,
    };
  });
}
