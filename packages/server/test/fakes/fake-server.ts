import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the next requests suffer instead of (or on top of) the normal answer. */
export type Fault =
  /** Answer this instead: 503, 429 with Retry-After, 500 with a provider code… */
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answer (the client's headers timeout fires). */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /** Process the request normally (state changes), then answer 500 with no code. */
  | { kind: 'accept_then_500' }
  /** Process the request normally (state changes), then never answer: a caller killed mid-call. */
  | { kind: 'accept_then_hang' }
  /** Drop the connection without answering. */
  | { kind: 'close' };

export interface InjectOptions {
  /** How many matching requests suffer it. Default 1. */
  times?: number;
  /** Which requests: token calls, API calls, or any. Default `api`. */
  target?: 'api' | 'token' | 'any';
}

export type Route = (request: RecordedRequest) => FakeResponse;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  inject(fault: Fault, options?: InjectOptions): void;
  close(): Promise<void>;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
  target: 'api' | 'token' | 'any';
}

/**
 * A provider fake on a real socket (port 0): records every request, answers through `route`, and applies
 * injected faults to the next matching requests.
 */
export async function startFakeServer(
  route: Route,
  isToken: (request: RecordedRequest) => boolean,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: PendingFault[] = [];

  const takeFault = (request: RecordedRequest): Fault | undefined => {
    const kind = isToken(request) ? 'token' : 'api';
    const pending = faults.find((entry) => entry.target === 'any' || entry.target === kind);
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining === 0) faults.splice(faults.indexOf(pending), 1);
    return pending.fault;
  };

  const server = createServer(async (req, res) => {
    const request = await readRequest(req);
    requests.push(request);
    const fault = takeFault(request);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'garbage') return send(res, { status: 200, body: '<html>502 Bad Gateway</html>' });
    if (fault?.kind === 'respond') return send(res, fault);
    const answer = route(request);
    if (fault?.kind === 'accept_then_hang') return;
    send(res, fault?.kind === 'accept_then_500' ? { status: 500 } : answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(fault, options = {}) {
      faults.push({ fault, remaining: options.times ?? 1, target: options.target ?? 'api' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  let json: unknown;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    json,
  };
}

function send(res: ServerResponse, answer: FakeResponse): void {
  const text =
    answer.body === undefined
      ? ''
      : typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(text);
}
