// The event stream under many listeners, on real PostgreSQL: LISTENERS SSE clients of one server process, EVENTS
// events made one after another; for each delivery, the time until the client received it, counted from the
// start of the request that made the event. Baseline: those requests alone (to their answer). Imported by
// bench.mjs.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { percentile, pg, postJson, startServer, withDatabase } from './bench-support.mjs';

const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 1000);
const EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 20);

/** An SSE client: calls `onEvent(id, at)` for each event, resolves once connected. */
function listen(agent, url, key, onEvent) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/events/stream`, {
      agent,
      headers: { authorization: `Bearer ${key}` },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: HTTP ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const id = /^id: (\S+)$/m.exec(buffer.slice(0, end))?.[1];
          if (id) onEvent(id, performance.now());
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', reject);
    req.end();
  });
}

export async function benchStream(adminUrl) {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const api = await startServer(databaseUrl, 'api');
    const agent = new Agent({ keepAlive: true, maxSockets: LISTENERS + 8 });
    const received = new Map(); // event id → delivery times
    const closers = [];
    try {
      for (let i = 0; i < LISTENERS; i++) {
        closers.push(
          await listen(agent, api.url, api.merchant, (id, at) => {
            const times = received.get(id) ?? [];
            times.push(at);
            received.set(id, times);
          }),
        );
      }
      // Every client subscribed: the metrics say so.
      for (let tries = 0; tries < 600; tries++) {
        const metrics = await (await fetch(`${api.url}/metrics`)).text();
        if (new RegExp(`^molam_event_stream_clients ${LISTENERS}$`, 'm').test(metrics)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const latencies = [];
      const requestMs = [];
      let missing = 0;
      for (let n = 0; n < EVENTS; n++) {
        const known = new Set(received.keys());
        const started = performance.now();
        await postJson(
          agent,
          api.url,
          api.merchant,
          '/api/v1/keys',
          { name: `bench ${randomUUID()}`, scopes: ['payments:read'] },
          201,
        );
        const answered = performance.now();
        requestMs.push(answered - started);
        // The new key's event (api_key.created) is the one id not seen before.
        const fresh = () => [...received.keys()].find((id) => !known.has(id));
        const deadline = performance.now() + 10_000;
        while (performance.now() < deadline && (received.get(fresh())?.length ?? 0) < LISTENERS) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const times = received.get(fresh()) ?? [];
        missing += LISTENERS - times.length;
        for (const at of times) latencies.push(at - started);
      }
      const { rows } = await (async () => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          return await client.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%molam_events%'`,
          );
        } finally {
          await client.end();
        }
      })();
      latencies.sort((a, b) => a - b);
      requestMs.sort((a, b) => a - b);
      return {
        listeners: LISTENERS,
        events: EVENTS,
        deliveries: latencies.length,
        missing,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        requestP50: percentile(requestMs, 50),
        requestP99: percentile(requestMs, 99),
        listenConnections: rows[0].n,
      };
    } finally {
      for (const close of closers) close();
      agent.destroy();
      await api.stop();
    }
  });
}
