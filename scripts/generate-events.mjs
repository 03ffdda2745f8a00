// Writes a large, realistic history of transaction events for one merchant straight into PostgreSQL: a year of
// events, 1 in 10 failed, two currencies, three payment methods, 50 products, 20 000 customers. Written as
// waiting events (the aggregator counts them, as it would ingested ones) or, with `aggregated`, as counted
// already (a replay rebuilds their figures). Used by the analytics benchmark; also runs on its own:
//
//   node scripts/generate-events.mjs --database-url postgres://… --merchant mer_… [--events 10000000]
//     [--mode test] [--aggregated]
import { parseArgs } from 'node:util';
import { pg } from './bench-support.mjs';

const CHUNK = 500_000;

/**
 * Appends `count` events to the merchant's history in chunks of 500 000 (one transaction each), numbering them
 * after those already generated. Calls `onProgress(written)` after each chunk.
 */
export async function generateEvents(
  pool,
  { merchantId, mode = 'test', count, aggregated = false, onProgress = () => {} },
) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n FROM transaction_events WHERE merchant_id = $1 AND mode = $2 AND id LIKE 'txe_GEN%'`,
    [merchantId, mode],
  );
  const first = rows[0].n + 1;
  for (let from = first; from < first + count; from += CHUNK) {
    const to = Math.min(from + CHUNK - 1, first + count - 1);
    await pool.query(
      `INSERT INTO transaction_events (id, merchant_id, mode, transaction_id, event_type, customer_id, amount, fee,
         currency, payment_method, product_id, product_name, occurred_at, txid)
       SELECT 'txe_GEN' || lpad(g::text, 23, '0'), $1, $2, 'gen-' || g,
         CASE WHEN g % 10 = 0 THEN 'payment_failed' ELSE 'payment_succeeded' END, 'c' || (g % 20000),
         100 + g % 5000, g % 30, CASE WHEN g % 7 = 0 THEN 'USD' ELSE 'ZMW' END,
         (ARRAY['mtn', 'airtel', 'zamtel'])[1 + g % 3], 'p' || (g % 50), 'Product ' || (g % 50),
         now() - (g % (365 * 86400)) * interval '1 second',
         CASE WHEN $5 THEN '0'::xid8 ELSE pg_current_xact_id() END
       FROM generate_series($3::int, $4::int) g`,
      [merchantId, mode, from, to, aggregated],
    );
    onProgress(to - first + 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string', default: process.env.DATABASE_URL },
      merchant: { type: 'string' },
      mode: { type: 'string', default: 'test' },
      events: { type: 'string', default: '10000000' },
      aggregated: { type: 'boolean', default: false },
    },
  });
  if (!values['database-url'] || !values.merchant) {
    console.error(
      'usage: generate-events.mjs --database-url URL --merchant mer_… [--events N] [--aggregated]',
    );
    process.exit(2);
  }
  const pool = new pg.Pool({ connectionString: values['database-url'], max: 1 });
  const count = Number(values.events);
  const started = performance.now();
  await generateEvents(pool, {
    merchantId: values.merchant,
    mode: values.mode,
    count,
    aggregated: values.aggregated,
    onProgress: (written) =>
      console.error(`${written} / ${count} events (${((performance.now() - started) / 1000).toFixed(0)} s)`),
  });
  await pool.end();
}
