// The payments worker draining a backlog of sandbox payments (each a submission job, then a status check that
// settles it) against the job queue's own floor in the same run: as many jobs that only read their payment and
// stop, through the same worker. Imported by bench.mjs; returns figures for its table.
import { readFileSync } from 'node:fs';
import { creationArguments } from './bench-payments.mjs';
import { pg, startServer, withDatabase } from './bench-support.mjs';

const PAYMENTS = Number(process.env.BENCH_SETTLEMENTS ?? 3000);
const WARM_UP = Number(process.env.BENCH_SETTLEMENTS_WARM_UP ?? 1000);

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Pending payments created at once: one transaction, so the worker sees the whole backlog at its commit. */
async function createBacklog(pool, merchantId, from, count) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (let index = from; index < from + count; index++)
      await client.query(
        'SELECT * FROM molam_create_payment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        creationArguments(merchantId, index),
      );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** A backlog not drained in this long means the worker is stuck: the bench says so rather than wait forever. */
const DEADLINE_MS = Number(process.env.BENCH_SETTLEMENTS_DEADLINE_MS ?? 600_000);

/** The jobs left and the payments still pending. */
async function backlogOf(pool) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM jobs)::int AS jobs,
            (SELECT count(*) FROM payments WHERE status = 'pending')::int AS pending`,
  );
  return rows[0];
}

/** Waits until no job is left and no payment pending; answers the seconds since `since` and the worker's CPU. */
async function drained(pool, worker, since, cpuBefore) {
  while (performance.now() - since < DEADLINE_MS) {
    const backlog = await backlogOf(pool);
    if (backlog.jobs === 0 && backlog.pending === 0)
      return { seconds: (performance.now() - since) / 1000, cpu: cpuSeconds(worker.pid) - cpuBefore };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { jobs, pending } = await backlogOf(pool);
  throw new Error(`the worker left ${pending} payments pending and ${jobs} jobs after ${DEADLINE_MS} ms`);
}

export async function benchSettlement(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    // The API's first start creates the sandbox merchant; the worker alone then drains what is written.
    const api = await startServer(databaseUrl, 'api');
    await api.stop();
    const worker = await startServer(databaseUrl, 'worker');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      await createBacklog(pool, api.merchantId, 0, WARM_UP);
      await drained(pool, worker, performance.now(), 0);

      await createBacklog(pool, api.merchantId, WARM_UP, PAYMENTS);
      const settled = await drained(pool, worker, performance.now(), cpuSeconds(worker.pid));
      const { rows } = await pool.query(
        `SELECT count(*) FILTER (WHERE status = 'successful')::int AS successful FROM payments`,
      );
      if (rows[0].successful !== WARM_UP + PAYMENTS)
        throw new Error(`${rows[0].successful} of ${WARM_UP + PAYMENTS} payments succeeded`);

      // The floor: two jobs per payment, as many as the payments took, each reading a payment already final.
      await pool.query(
        `WITH added AS (
           INSERT INTO jobs (kind, payload)
           SELECT 'payment.check:sandbox', jsonb_build_object('paymentId', id)
             FROM payments, generate_series(1, 2) ORDER BY id LIMIT $1
           RETURNING 1)
         SELECT pg_notify('molam_jobs', 'payment.check:sandbox') FROM (SELECT count(*) FROM added) counted`,
        [2 * PAYMENTS],
      );
      const floor = await drained(pool, worker, performance.now(), cpuSeconds(worker.pid));
      return { payments: PAYMENTS, warmUp: WARM_UP, settled, floor };
    } finally {
      await pool.end();
      await worker.stop();
    }
  });
}
