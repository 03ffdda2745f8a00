import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EgressPolicy } from '../src/platform/egress/index.js';
import { NO_RESPONSE, postWebhook } from '../src/webhooks/transport.js';

// One webhook POST on real sockets: what comes back, how long an endpoint can hold it, and where it may go.
const SANDBOX: EgressPolicy = { allowHttp: true, allowLoopback: true };
const TEST_MODE: EgressPolicy = { allowHttp: true, allowLoopback: false };

let http: Server;
let base: string;
/** Responses kept open by the silent and dripping routes, ended when the tests are done. */
const open: ServerResponse[] = [];
const drips: NodeJS.Timeout[] = [];

beforeAll(async () => {
  http = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/silent') {
        open.push(res); // never answers
      } else if (req.url === '/drip') {
        // Answers at once, then sends its body a byte at a time, each well within undici's body timeout.
        open.push(res);
        res.writeHead(200, { 'content-type': 'text/plain' });
        drips.push(setInterval(() => res.write('.'), 50));
      } else {
        res.writeHead(202, { 'retry-after': '7' }).end('accepted');
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const drip of drips) clearInterval(drip);
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

const post = (path: string, policy: EgressPolicy, timeoutMs = 10_000) =>
  postWebhook(`${base}${path}`, policy, { 'content-type': 'application/json' }, '{}', timeoutMs);

describe('postWebhook', () => {
  it('returns the status, the answer and its Retry-After', async () => {
    const result = await post('/hooks', SANDBOX);
    expect(result).toMatchObject({
      statusCode: 202,
      responseBody: 'accepted',
      retryAfterSeconds: 7,
      error: null,
    });
  });

  it('gives up on an endpoint that never answers, once its time is up', async () => {
    const result = await post('/silent', SANDBOX, 300);
    expect(result).toMatchObject({ statusCode: null, error: NO_RESPONSE });
    expect(result.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it('gives up on an endpoint that answers but never finishes its body, once its time is up', async () => {
    // Each byte comes within the body timeout and 1 KB would take a minute: only the request's deadline ends it.
    const result = await post('/drip', SANDBOX, 500);
    expect(result).toMatchObject({ statusCode: null, error: NO_RESPONSE });
    expect(result.latencyMs).toBeGreaterThanOrEqual(500);
  });

  it('checks each URL under the policy of each send, even after it went through under another', async () => {
    expect((await post('/hooks', SANDBOX)).statusCode).toBe(202);
    const refused = await post('/hooks', TEST_MODE);
    expect(refused).toMatchObject({ statusCode: null, error: NO_RESPONSE });
    expect((await post('/hooks', SANDBOX)).statusCode).toBe(202);
  });
});
