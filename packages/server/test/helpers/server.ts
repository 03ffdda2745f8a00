import { type RunningServer, startServer } from '../../src/main.js';
import { createTestDatabase } from './database.js';

export interface TestServer extends RunningServer {
  adminKey: string;
  merchantId: string;
  merchantKey: string;
  /** fetch against the server with an API key (admin by default) and JSON in and out. */
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  count(table: string): Promise<number>;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON shapes
  body: any;
}

/** fetch against a server with an API key (`defaultKey` unless the options name one, null for none). */
export function caller(
  baseUrl: string,
  defaultKey: string | null,
): (method: string, path: string, options?: CallOptions) => Promise<CallResult> {
  return async (method, path, options = {}) => {
    const key = options.key === undefined ? defaultKey : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

/** A real server on a real socket with its own database, responses validated against the spec. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const server = await startServer({
    port: 0,
    ...database.options,
    env: { LOG_LEVEL: 'silent', MOLAM_VALIDATE_RESPONSES: 'true', ...env },
  });
  if (!server.sandbox) throw new Error('the test server should have bootstrapped sandbox credentials');
  const { adminKey, merchantId, merchantKey } = server.sandbox;
  return {
    ...server,
    adminKey,
    merchantId,
    merchantKey,
    call: caller(server.url, adminKey),
    async count(table) {
      const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0]?.n ?? 0;
    },
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

/** Asserts the RFC 9457 shape every error must have. */
export function expectProblem(result: CallResult, status: number, code: string): void {
  const problem = result.body;
  const contentType = result.headers.get('content-type') ?? '';
  if (
    result.status !== status ||
    !contentType.startsWith('application/problem+json') ||
    problem?.code !== code ||
    problem?.status !== status ||
    typeof problem?.title !== 'string' ||
    typeof problem?.detail !== 'string' ||
    problem?.request_id !== result.headers.get('x-request-id')
  ) {
    throw new Error(
      `expected a ${status} ${code} problem, got ${result.status} ${contentType}: ${JSON.stringify(problem)}`,
    );
  }
}
