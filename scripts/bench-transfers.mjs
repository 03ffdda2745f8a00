// Confirmed LOW-risk transfers through the API against the same SQL sent straight through `pg`, on real
// PostgreSQL, in the same run. Imported by bench.mjs.
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
const REQUESTS = Number(process.env.BENCH_TRANSFERS ?? 2000);
/** One payer per request in flight: transfers of one customer run one at a time, by design. */
const PAYERS = CONCURRENCY;

const load = (task) => loadWith(CONCURRENCY, REQUESTS, task);

/**
 * The statements one LOW-risk confirmation sends, in one transaction, as the server sends them: claim the key,
 * lock the customer and the transaction id, read the accounts and the beneficiary, screen both names, count
 * today's transfers, hold (lock both accounts, insert the hold), post (lock the hold and the accounts, move the
 * balances, two entries), insert the transfer, read it back with its code's summary, the audit row, the event
 * (and the endpoints that want it), and store the answer.
 */
function baselineConfirm(pool, t, index, payer, payee) {
  return inTransaction(pool, async (q) => {
    const key = randomUUID();
    const id = `trf_bench${String(index).padStart(21, '0')}`;
    const rsv = `rsv_bench${String(index).padStart(21, '0')}`;
    const owner = `${t.merchantId}:test`;
    await q(
      `INSERT INTO idempotency_keys (owner, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now(), now() + interval '24 hours')
       ON CONFLICT (owner, key) DO UPDATE SET state = 'in_progress' WHERE idempotency_keys.expires_at < now() RETURNING key`,
      [owner, key, 'f'.repeat(64)],
    );
    await q(
      `SELECT id, name, kyc_status FROM customers WHERE merchant_id = $1 AND mode = 'test' AND external_id = $2 FOR UPDATE`,
      [t.merchantId, payer.ref],
    );
    await q('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [0x74726600, `${owner}:base-${index}`]);
    await q(`SELECT id FROM transfers WHERE merchant_id = $1 AND mode = 'test' AND transaction_id = $2`, [
      t.merchantId,
      `base-${index}`,
    ]);
    for (const number of [payer.account, payee.account]) {
      await q(
        `SELECT id, balance, reserved FROM accounts WHERE merchant_id = $1 AND mode = 'test' AND number = $2`,
        [t.merchantId, number],
      );
    }
    await q('SELECT name FROM customers WHERE id = $1', [payee.id]);
    for (const name of ['bench payer', 'bench payee']) {
      await q('SELECT source, entry_id FROM sanctions_entries WHERE name_key = $1', [name]);
    }
    await q(
      `SELECT count(*) FROM transfers WHERE customer_id = $1 AND created_at >= date_trunc('day', now())`,
      [payer.id],
    );
    const ids = [payer.accountId, payee.accountId].sort();
    await q('SELECT id, balance, reserved FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [
      ids,
    ]);
    await q(
      `WITH held AS (UPDATE accounts SET reserved = reserved + 100 WHERE id = $2)
       INSERT INTO fund_reservations (id, merchant_id, mode, debit_account_id, credit_account_id, amount, currency, expires_at)
       VALUES ($1, $3, 'test', $2, $4, 100, 'USD', now() + interval '30 minutes')`,
      [rsv, payer.accountId, t.merchantId, payee.accountId],
    );
    await q('SELECT id, status FROM fund_reservations WHERE id = $1 FOR UPDATE', [rsv]);
    await q('SELECT id FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [ids]);
    await q(
      `WITH moved AS (
         UPDATE accounts SET balance = balance + CASE WHEN id = $2 THEN -100 ELSE 100 END,
                reserved = reserved - CASE WHEN id = $2 THEN 100 ELSE 0 END WHERE id IN ($2, $3)),
       entries AS (
         INSERT INTO ledger_entries (reservation_id, account_id, amount, currency) VALUES ($1, $2, -100, 'USD'), ($1, $3, 100, 'USD'))
       UPDATE fund_reservations SET status = 'posted', resolved_at = now() WHERE id = $1`,
      [rsv, payer.accountId, payee.accountId],
    );
    await q(
      `INSERT INTO transfers (id, merchant_id, mode, transaction_id, customer_id, debit_account_id, credit_account_id, amount,
         currency, status, risk_score, risk_level, risk_rules, reservation_id, completed_at)
       VALUES ($1, $2, 'test', $3, $4, $5, $6, 100, 'USD', 'completed', 0, 'LOW', '{}', $7, now())`,
      [id, t.merchantId, `base-${index}`, payer.id, payer.accountId, payee.accountId, rsv],
    );
    await q(
      'SELECT t.id, t.status, d.number, k.number FROM transfers t JOIN accounts d ON d.id = t.debit_account_id JOIN accounts k ON k.id = t.credit_account_id WHERE t.id = $1',
      [id],
    );
    await q(
      `SELECT expires_at FROM otp_challenges WHERE merchant_id = $1 AND mode = 'test' AND subject = $2`,
      [t.merchantId, id],
    );
    await q(
      `INSERT INTO audit_log (id, actor, merchant_id, action, entity_type, entity_id, new_values) VALUES ($1, 'bench', $2, 'transfer.completed', 'transfer', $3, '{}')`,
      [`aud_bench${index}`, t.merchantId, id],
    );
    await q(
      `INSERT INTO events (id, merchant_id, type, mode, data) VALUES ($1, $2, 'transfer.completed', 'test', '{}')`,
      [`evt_bench${String(index).padStart(21, '0')}`, t.merchantId],
    );
    await q(
      `SELECT id FROM webhook_endpoints WHERE merchant_id = $1 AND mode = 'test' AND status = 'enabled' AND deleted_at IS NULL
         AND ('transfer.completed' = ANY (enabled_events) OR '*' = ANY (enabled_events))`,
      [t.merchantId],
    );
    await q(
      `UPDATE idempotency_keys SET state = 'completed', response_status = 201, response_body = '{}' WHERE owner = $1 AND key = $2`,
      [owner, key],
    );
  });
}

export async function benchTransfers(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const api = await startServer(databaseUrl, 'api');
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const payers = [];
    let viaApi;
    try {
      const post = (path, body, expected = 201) =>
        postJson(agent, api.url, api.merchant, path, body, expected);
      for (let i = 0; i < PAYERS + 1; i++) {
        const ref = `bench_${i}`;
        await post('/api/v1/customers', { id: ref, name: `Bench Customer ${i}`, kyc_status: 'verified' });
        await post('/api/v1/accounts', { number: `BENCH${i}`, customer_id: ref, currency: 'USD' });
        await post(`/api/v1/accounts/BENCH${i}/deposits`, { amount: 100_000_000 });
        payers.push({ ref, account: `BENCH${i}` });
      }
      const confirm = (index, worker) =>
        post(
          '/api/v1/transfers',
          {
            transaction_id: `bench-${index}`,
            customer_id: payers[worker].ref,
            amount: 100,
            from_account: payers[worker].account,
            to_account: payers[worker + 1].account,
          },
          201,
        );
      await confirm('warmup', 0);
      viaApi = await load(confirm);
    } finally {
      agent.destroy();
      await api.stop();
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    pool.on('error', () => {});
    let direct;
    try {
      const { rows } = await pool.query(
        `SELECT c.external_id AS ref, c.id, a.id AS account_id, a.number, c.merchant_id FROM customers c
           JOIN accounts a ON a.customer_id = c.id WHERE c.external_id LIKE 'bench_%'`,
      );
      const byRef = new Map(rows.map((row) => [row.ref, row]));
      const people = payers.map(({ ref }) => {
        const row = byRef.get(ref);
        return { ref, id: row.id, account: row.number, accountId: row.account_id };
      });
      const tenant = { merchantId: rows[0].merchant_id };
      direct = await load((index, worker) =>
        baselineConfirm(pool, tenant, index, people[worker], people[worker + 1]),
      );
    } finally {
      await pool.end();
    }
    return { viaApi, direct, concurrency: CONCURRENCY, requests: REQUESTS };
  });
}
