// Webhook delivery on real PostgreSQL: how many deliveries per second reach a local receiver (a backlog made due
// at once, sent and recorded), against plain POSTs from Node to the same receiver with the same concurrency; and
// how long from an event's creation to its first attempt while payments are created at half of their peak rate.
// Imported by bench.mjs.
import { Agent, createServer, request } from 'node:http';
import { load, paced, percentile, pg, postJson, startServer, withDatabase } from './bench-support.mjs';

const BACKLOG = Number(process.env.BENCH_WEBHOOKS ?? 10_000);
/**
 * Sent first, untimed, by both sides: a server runs for days, and its first few thousand sends run before V8 has
 * optimised them (a cold backlog started at a quarter of the warm rate and reached it after about 4 s).
 */
const WARM_UP = Number(process.env.BENCH_WEBHOOKS_WARM_UP ?? 5_000);
/** The dispatcher's default cap per endpoint (WEBHOOK_ENDPOINT_CONCURRENCY), and the baseline's concurrency. */
const PER_ENDPOINT = 16;

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A receiver that answers 200 at once and notes when each webhook arrived and when its event was created. */
async function startReceiver() {
  const arrivals = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.headers['webhook-id'])
        arrivals.push({ at: Date.now(), created: Date.parse(JSON.parse(body).created) });
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { arrivals, url: `http://127.0.0.1:${server.address().port}/hooks`, close: () => server.close() };
}

async function until(condition, what) {
  const deadline = Date.now() + 300_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `count` events with one due delivery each, committed at once, straight into the tables; ids start with `tag`. */
async function makeBacklog(db, merchantId, endpointId, count, tag) {
  await db.query(
    `WITH made AS (
       INSERT INTO events (id, merchant_id, type, mode, data)
       SELECT 'evt_' || $4 || lpad(n::text, 21, '0'), $1, 'payment.created', 'test',
              jsonb_build_object('object', jsonb_build_object('id', 'pay_' || $4 || lpad(n::text, 21, '0'), 'amount', 100))
         FROM generate_series(1, $3::int) n
       RETURNING id)
     INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, next_attempt_at)
     SELECT 'del_' || substr(id, 5), $2, id, $1, now() FROM made`,
    [merchantId, endpointId, count, tag],
  );
  await db.query("SELECT pg_notify('molam_webhooks', '')");
}

export async function benchWebhooks(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const receiver = await startReceiver();
    const server = await startServer(databaseUrl, 'all', {
      JOB_POLL_MS: '100',
      EGRESS_ALLOW_LOOPBACK: 'true',
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const endpoint = JSON.parse(
        await postJson(
          agent,
          server.url,
          server.merchant,
          '/api/v1/webhook-endpoints',
          { url: receiver.url, enabled_events: ['payment.created'] },
          201,
        ),
      );
      const pending = async () =>
        (await db.query("SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'")).rows[0]
          .n;

      // Throughput: a backlog made due at once (timed from its commit), until every delivery is sent and recorded.
      const drain = async (count, tag) => {
        receiver.arrivals.length = 0;
        await makeBacklog(db, server.merchantId, endpoint.id, count, tag);
        const started = performance.now();
        // Watched at the receiver first: counting the table every few ms would load the database being measured.
        await until(() => receiver.arrivals.length >= count, `the ${tag} backlog to arrive`);
        await until(async () => (await pending()) === 0, `the ${tag} backlog to be recorded`);
        return {
          perSecond: count / ((performance.now() - started) / 1000),
          received: receiver.arrivals.length,
        };
      };
      const cold = await drain(WARM_UP, 'cold');
      const backlog = await drain(BACKLOG, 'bench');

      const body = JSON.stringify({
        id: 'evt_x',
        type: 'payment.created',
        created: new Date().toISOString(),
      });
      await load(PER_ENDPOINT, WARM_UP, () => post(agent, receiver.url, body));
      const direct = await load(PER_ENDPOINT, BACKLOG, () => post(agent, receiver.url, body));

      // Latency: payments' peak with the endpoint subscribed, then half of it, each event timed to its arrival.
      const pay = (index) =>
        postJson(
          agent,
          server.url,
          server.merchant,
          '/api/v1/payments',
          {
            external_id: `wh-${index}`,
            flow: 'collection',
            amount: 100,
            currency: 'ZMW',
            payer: '260971234567',
          },
          202,
        );
      const peak = await load(16, 1000, (index) => pay(`peak-${index}`));
      await until(async () => (await pending()) === 0, 'the peak run’s deliveries');
      receiver.arrivals.length = 0;
      const served = await paced(peak.perSecond / 2, 5, (index) => pay(`half-${index}`));
      await until(async () => (await pending()) === 0, 'the half-peak run’s deliveries');
      const latencies = receiver.arrivals
        .map((arrival) => arrival.at - arrival.created)
        .sort((a, b) => a - b);
      return {
        backlog,
        cold: { ...cold, count: WARM_UP },
        direct,
        events: BACKLOG,
        perEndpoint: PER_ENDPOINT,
        underLoad: {
          paymentsPerSecond: served.achieved,
          peak: peak.perSecond,
          delivered: latencies.length,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
        },
      };
    } finally {
      await db.end();
      agent.destroy();
      await server.stop();
      receiver.close();
    }
  });
}
