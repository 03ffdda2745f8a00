// Payment creation through the API against the same SQL writes sent straight through `pg`, on real PostgreSQL,
// in the same run. Imported by bench.mjs; returns rows for its table, or a reason it could not run.
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import {
  inTransaction,
  load as loadWith,
  pg,
  postJson,
  startServer,
  withDatabase,
} from './bench-support.mjs';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_PAYMENTS ?? 3000);
const load = (task) => loadWith(CONCURRENCY, REQUESTS, task);

const post = (agent, url, key, body) => postJson(agent, url, key, '/api/v1/payments', body, 202);

/**
 * The statements one payment creation sends, in one transaction, as the server sends them: claim the key, read
 * the routing preference, insert the payment, its stream events, its merchant event (and look for endpoints
 * that want it), its job (with NOTIFY) and its audit row, store the response.
 */
function baselineWrites(pool, merchantId, index) {
  return inTransaction(pool, async (q) => {
    const key = randomUUID();
    const id = `pay_bench${String(index).padStart(21, '0')}`;
    await q(
      `INSERT INTO idempotency_keys (owner, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now(), now() + interval '24 hours')
       ON CONFLICT (owner, key) DO UPDATE SET state = 'in_progress' WHERE idempotency_keys.expires_at < now() RETURNING key`,
      [`${merchantId}:test`, key, 'f'.repeat(64)],
    );
    await q("SELECT currencies, updated_at FROM merchant_routing WHERE merchant_id = $1 AND mode = 'test'", [
      merchantId,
    ]);
    await q(
      `INSERT INTO payments (id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference, metadata, mode, provider_requested)
       VALUES ($1, $2, $3, 'collection', 1250, 'ZMW', '260971234567', 'sandbox', $4, '{}', 'test', false) ON CONFLICT DO NOTHING RETURNING id`,
      [id, merchantId, `base-${index}`, randomUUID()],
    );
    await q(
      `INSERT INTO outbox (topic, key, merchant_id, payload) VALUES ($1, $3, $4, '{}'), ($2, $3, $4, '{}')`,
      ['payments.payment-requested', 'audit.payment-events', id, merchantId],
    );
    await q(
      `INSERT INTO events (id, merchant_id, type, mode, data) VALUES ($1, $2, 'payment.created', 'test', '{}')`,
      [`evt_bench${String(index).padStart(21, '0')}`, merchantId],
    );
    await q(
      `SELECT id FROM webhook_endpoints WHERE merchant_id = $1 AND mode = 'test' AND status = 'enabled' AND deleted_at IS NULL
         AND ('payment.created' = ANY (enabled_events) OR '*' = ANY (enabled_events))`,
      [merchantId],
    );
    await q(
      `WITH job AS (INSERT INTO jobs (kind, payload) VALUES ('payment.submit:sandbox', $1) RETURNING kind) SELECT pg_notify('molam_jobs', kind) FROM job`,
      [JSON.stringify({ paymentId: id })],
    );
    await q(
      `INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, new_values) VALUES ($1, 'bench', $2, 'payment.created', 'payment', $3, '{}')`,
      [`aud_bench${index}`, merchantId, id],
    );
    await q(
      `UPDATE idempotency_keys SET state = 'completed', response_status = 202, response_body = '{}' WHERE owner = $1 AND key = $2`,
      [merchantId, key],
    );
  });
}

export async function benchPayments(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const api = await startServer(databaseUrl, 'api');
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let viaApi;
    try {
      const body = (index) => ({
        external_id: `bench-${index}`,
        flow: 'collection',
        amount: 1250,
        currency: 'ZMW',
        payer: '260971234567',
      });
      await post(agent, api.url, api.merchant, body('warmup'));
      viaApi = await load((index) => post(agent, api.url, api.merchant, body(index)));
    } finally {
      agent.destroy();
      await api.stop();
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    pool.on('error', () => {});
    let direct;
    try {
      const { rows } = await pool.query('SELECT id FROM merchants LIMIT 1');
      direct = await load((index) => baselineWrites(pool, rows[0].id, index));
    } finally {
      await pool.end();
    }
    return { viaApi, direct, concurrency: CONCURRENCY, requests: REQUESTS };
  });
}
