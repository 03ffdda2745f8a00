// Confirmed LOW-risk transfers through the API against the same SQL sent straight through `pg`, on real
// PostgreSQL, in the same run. Imported by bench.mjs.
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { screenNames } from '../packages/server/dist/index.js';
import {
  inTransaction,
  load as loadWith,
  lookUpKey,
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
 * The statements one LOW-risk confirmation sends, as the server sends them (migration 0017): the API key's lookup,
 * then in one transaction: claim the key; read what the decision needs under the customer's and the transaction id's locks; screen both
 * names; then move the money and write the transfer, its audit row, its event and the stored answer.
 */
async function baselineConfirm(pool, t, index, payer, payee) {
  await lookUpKey(pool, t.keyPrefix);
  await inTransaction(pool, async (q) => {
    const key = randomUUID();
    const owner = `${t.merchantId}:test`;
    const txn = `base-${index}`;
    await q('SELECT molam_claim_idempotency_key($1, $2, $3, $4, $5) AS claimed', [
      owner,
      key,
      'f'.repeat(64),
      0,
      24,
    ]);
    const facts = await q({
      name: 'molam_transfer_facts',
      text: 'SELECT * FROM molam_transfer_facts($1, $2, $3, $4, $5, $6)',
      values: [t.merchantId, 'test', payer.ref, txn, payer.account, payee.account],
    });
    const { customer, beneficiary, started_at: startedAt } = facts.rows[0];
    // The server's own screening: its name keys and its query.
    await screenNames({ query: q }, [customer.name, beneficiary.name]);
    const id = `trf_bench${String(index).padStart(21, '0')}`;
    const now = startedAt.toISOString();
    const transfer = {
      id,
      merchant_id: t.merchantId,
      mode: 'test',
      transaction_id: txn,
      customer_id: payer.id,
      debit_account_id: payer.accountId,
      credit_account_id: payee.accountId,
      amount: 100,
      currency: 'USD',
      status: 'completed',
      risk_score: 0,
      risk_level: 'LOW',
      risk_rules: [],
      reservation_id: `rsv_bench${String(index).padStart(21, '0')}`,
      failure_code: null,
      to_bank: null,
      external_account: null,
      bank_reference: null,
      created_at: now,
      updated_at: now,
      completed_at: now,
    };
    const audit = {
      id: `aud_bench${index}`,
      actor: 'bench',
      merchant_id: t.merchantId,
      action: 'transfer.completed',
      entity_type: 'transfer',
      entity_id: id,
      new_values: transfer,
    };
    const event = {
      id: `evt_bench${String(index).padStart(21, '0')}`,
      merchant_id: t.merchantId,
      type: 'transfer.completed',
      mode: 'test',
      data: { object: transfer },
    };
    await q({
      name: 'molam_complete_transfer',
      text: 'SELECT molam_complete_transfer($1, $2, $3, $4, $5, $6) AS completed',
      values: [
        JSON.stringify(transfer),
        JSON.stringify(audit),
        JSON.stringify(event),
        owner,
        key,
        JSON.stringify({ status: 201, body: transfer }),
      ],
    });
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
        `SELECT c.external_id AS ref, c.id, a.id AS account_id, a.number, c.merchant_id,
                (SELECT k.prefix FROM api_keys k WHERE k.merchant_id = c.merchant_id ORDER BY k.created_at LIMIT 1) AS key_prefix
           FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE c.external_id LIKE 'bench_%'`,
      );
      const byRef = new Map(rows.map((row) => [row.ref, row]));
      const people = payers.map(({ ref }) => {
        const row = byRef.get(ref);
        return { ref, id: row.id, account: row.number, accountId: row.account_id };
      });
      const tenant = { merchantId: rows[0].merchant_id, keyPrefix: rows[0].key_prefix };
      direct = await load((index, worker) =>
        baselineConfirm(pool, tenant, index, people[worker], people[worker + 1]),
      );
    } finally {
      await pool.end();
    }
    return { viaApi, direct, concurrency: CONCURRENCY, requests: REQUESTS };
  });
}
