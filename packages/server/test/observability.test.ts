import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/http/logger.js';
import { migrateUp, readMigrationFiles } from '../src/platform/migrations/index.js';
import { bootstrapSandbox } from '../src/sandbox/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

const CORS_ORIGIN = 'https://shop.example.com,https://admin.example.com';

describe('observability and HTTP surface', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGIN });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('X-Request-Id', () => {
    it('echoes a short, plain id the caller sends', async () => {
      const result = await server.call('GET', '/api/v1/whoami', {
        headers: { 'x-request-id': 'client-42.retry:1_a' },
      });
      expect(result.status).toBe(200);
      expect(result.headers.get('x-request-id')).toBe('client-42.retry:1_a');
    });

    it('is echoed in problem documents too', async () => {
      const result = await server.call('GET', '/api/v1/whoami', {
        key: null,
        headers: { 'x-request-id': 'trace-7' },
      });
      expectProblem(result, 401, 'unauthenticated');
      expect(result.body.request_id).toBe('trace-7');
    });

    it('is generated when absent', async () => {
      const first = await server.call('GET', '/healthz');
      const second = await server.call('GET', '/healthz');
      const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
      for (const id of ids) expect(id).toMatch(/^req_[0-9A-Z]{26}$/);
      expect(ids[0]).not.toBe(ids[1]);
    });

    it.each([
      ['containing spaces', 'has some spaces'],
      ['500 characters long', 'a'.repeat(500)],
      ['containing characters unsafe in logs', 'id<script>'],
    ])('is replaced by a generated one when the given one is %s', async (_why, given) => {
      const result = await server.call('GET', '/healthz', { headers: { 'x-request-id': given } });
      expect(result.status).toBe(200);
      expect(result.headers.get('x-request-id')).toMatch(/^req_[0-9A-Z]{26}$/);
    });
  });

  describe('/metrics', () => {
    /** The route labels of the GET requests answered 404. */
    const notFoundRoutes = (text: string): string[] =>
      text
        .split('\n')
        .filter((line) => line.startsWith('http_request_duration_seconds_count{'))
        .filter((line) => line.includes('method="GET"') && line.includes('status="404"'))
        .map((line) => /route="([^"]*)"/.exec(line)?.[1] ?? '');
    // A merchant id that matches the id pattern but does not exist: the route matches, the service answers 404.
    const missingMerchant = 'mer_00000000000000000000000000';

    it('labels request durations with the route template, never the concrete id', async () => {
      const found = await server.call('GET', `/api/v1/merchants/${server.merchantId}`);
      expect(found.status).toBe(200);

      const metrics = await server.call('GET', '/metrics', { key: null });
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = String(metrics.body);
      const lines = text
        .split('\n')
        .filter((line) => line.startsWith('http_request_duration_seconds_count{'));
      expect(
        lines.some(
          (line) => /route="\/api\/v1\/merchants\/:merchant_id"/.test(line) && /status="200"/.test(line),
        ),
      ).toBe(true);
      // Ids in labels would create one time series per merchant.
      expect(text).not.toContain(server.merchantId);
    });

    it('counts a failed request on a matched route without its concrete id', async () => {
      const missing = await server.call('GET', `/api/v1/merchants/${missingMerchant}`);
      expectProblem(missing, 404, 'not_found');

      const text = String((await server.call('GET', '/metrics', { key: null })).body);
      expect(notFoundRoutes(text).length).toBeGreaterThan(0);
      expect(text).not.toContain(missingMerchant);
    });

    // When a route's handler fails, Express has reset req.baseUrl by the time the response finishes: the label
    // must still carry the mount path, or it would collide with another router's '/merchants/:merchant_id'.
    it('labels a failed request on a matched route with the full route template', async () => {
      const missing = await server.call('GET', `/api/v1/merchants/${missingMerchant}`);
      expect(missing.status).toBe(404);
      const text = String((await server.call('GET', '/metrics', { key: null })).body);
      expect(notFoundRoutes(text)).toEqual(['/api/v1/merchants/:merchant_id']);
    });

    it('exposes the pool gauges and the default process metrics', async () => {
      const text = String((await server.call('GET', '/metrics', { key: null })).body);
      expect(text).toMatch(/^pg_pool_size \d+$/m);
      expect(text).toMatch(/^pg_pool_idle \d+$/m);
      expect(text).toMatch(/^pg_pool_waiting \d+$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total [\d.e+-]+$/m);
      expect(text).toMatch(/^process_start_time_seconds \d+$/m);
      // The server has answered queries, so its pool holds at least one connection.
      expect(Number(/^pg_pool_size (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    });
  });

  describe('security headers and CORS', () => {
    it('sends helmet headers and no X-Powered-By', async () => {
      const result = await server.call('GET', '/healthz');
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(result.headers.get('x-powered-by')).toBeNull();
    });

    it('reflects each origin listed in CORS_ORIGIN', async () => {
      for (const origin of CORS_ORIGIN.split(',')) {
        const result = await server.call('GET', '/api/v1/whoami', { headers: { origin } });
        expect(result.headers.get('access-control-allow-origin')).toBe(origin);
        expect(result.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
      }
    });

    it('does not allow an origin missing from CORS_ORIGIN', async () => {
      const result = await server.call('GET', '/api/v1/whoami', {
        headers: { origin: 'https://evil.example.com' },
      });
      expect(result.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a preflight for a listed origin without an API key', async () => {
      const response = await fetch(`${server.url}/api/v1/merchants`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    });
  });

  describe('API reference', () => {
    it('serves /docs as HTML that loads the bundled Swagger UI, and the bundle itself', async () => {
      const page = await fetch(`${server.url}/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('src="/docs/assets/swagger-ui-bundle.js"');

      const bundle = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      expect((await bundle.text()).length).toBeGreaterThan(1000);

      const init = await fetch(`${server.url}/docs/init.js`);
      expect(init.status).toBe(200);
      expect(await init.text()).toContain("url: '/openapi.json'");
    });

    it('serves the spec as JSON and as YAML', async () => {
      const json = await fetch(`${server.url}/openapi.json`);
      expect(json.status).toBe(200);
      const document = (await json.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths ?? {})).toContain('/api/v1/merchants/{merchant_id}');

      const yaml = await fetch(`${server.url}/openapi.yaml`);
      expect(yaml.status).toBe(200);
      expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
      expect(await yaml.text()).toMatch(/^openapi: 3\.1\.0$/m);
    });
  });

  describe('health probes', () => {
    const migrations = readMigrationFiles().length;

    it.each(['/healthz', '/health'])(
      'answers %s with status, database and version (no kafka without Kafka)',
      async (path) => {
        const result = await server.call('GET', path, { key: null });
        expect(result.status).toBe(200);
        expect(result.body).toEqual({ status: 'healthy', database: 'up', version: expect.any(String) });
      },
    );

    it.each(['/livez', '/health/live', '/live'])('answers the liveness probe %s', async (path) => {
      const result = await server.call('GET', path, { key: null });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ status: 'ok' });
    });

    it.each(['/readyz', '/health/ready', '/ready'])('answers the readiness probe %s', async (path) => {
      const result = await server.call('GET', path, { key: null });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        status: 'ready',
        database: 'up',
        migrations: { applied: migrations, pending: 0 },
      });
    });
  });
});

/** Collects whatever pino writes, one JSON document per line. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  private partial = '';

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line !== ''));
    callback();
  }
}

describe('request logs', () => {
  const capture = new LogCapture();
  let database: TestDatabase;
  let db: Database;
  let http: Server;
  let baseUrl: string;
  let adminKey: string;
  let merchantKey: string;

  beforeAll(async () => {
    // The same wiring as `startServer`, but with a logger we can read.
    database = await createTestDatabase();
    db = await openDatabase(database.options);
    await migrateUp(db);
    const credentials = await bootstrapSandbox(db, 'memory://');
    if (!credentials) throw new Error('a fresh database should get sandbox credentials');
    ({ adminKey, merchantKey } = credentials);
    const config = loadConfig({ LOG_LEVEL: 'info' });
    const app = buildApp({ config, db, logger: createLogger('info', capture) });
    http = app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
    await db?.close();
    await database?.drop();
  });

  /** pino-http writes its line when the response finishes, which may be after the client has read it. */
  async function logLinesFor(requestId: string): Promise<string[]> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const lines = capture.lines.filter((line) => line.includes(requestId));
      if (lines.length > 0) return lines;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no log line mentions ${requestId}; captured:\n${capture.lines.join('\n')}`);
  }

  it('logs each request with its id and never the API key it carried', async () => {
    const forgedKey = `mk_test_${'Z'.repeat(32)}`;
    const requests: Array<{ id: string; headers: Record<string, string>; status: number }> = [
      { id: 'log-bearer', headers: { authorization: `Bearer ${adminKey}` }, status: 200 },
      { id: 'log-x-api-key', headers: { 'x-api-key': merchantKey }, status: 200 },
      // A rejected key takes the error path; it must not be logged there either.
      { id: 'log-forged', headers: { authorization: `Bearer ${forgedKey}` }, status: 401 },
      { id: 'log-forged-x-api-key', headers: { 'x-api-key': forgedKey }, status: 401 },
    ];
    for (const request of requests) {
      const response = await fetch(`${baseUrl}/api/v1/whoami`, {
        headers: { 'x-request-id': request.id, ...request.headers },
      });
      expect(response.status).toBe(request.status);
      await response.arrayBuffer();
    }

    for (const request of requests) {
      const lines = await logLinesFor(request.id);
      const entry = JSON.parse(lines[0] ?? '{}') as {
        req?: { id?: string; headers?: Record<string, string> };
      };
      expect(entry.req?.id).toBe(request.id);
      // The header is still logged (its presence helps debugging), only its value is censored.
      const header = Object.keys(request.headers)[0] ?? '';
      expect(entry.req?.headers?.[header]).toBe('[Redacted]');
    }
    const everything = capture.lines.join('\n');
    for (const secret of [adminKey, merchantKey, forgedKey]) {
      expect(everything).not.toContain(secret);
      // Not even the random part on its own (e.g. in a message quoting a prefix-stripped key).
      expect(everything).not.toContain(secret.slice('mk_test_'.length));
    }
  });
});
