import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIRA_HINT_PATH } from '../../src/pay-entry/sira.js';

/** How the fake SIRA answers its next requests. */
export type SiraBehaviour =
  | { kind: 'hint'; module: string | null }
  /** Holds every answer until `release()`: a SIRA slower than any budget. */
  | { kind: 'slow' }
  | { kind: 'status'; status: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /** 200 JSON of the wrong shape. */
  | { kind: 'wrong_shape' };

export interface SiraFake {
  url: string;
  /** The JSON bodies SIRA received, in order. */
  questions: unknown[];
  behave(behaviour: SiraBehaviour): void;
  /** Answers the held requests (with a hint for `wallet`), so nothing is left hanging. */
  release(): void;
  /** How many requests are held right now. */
  held(): number;
  close(): Promise<void>;
}

export async function startSiraFake(): Promise<SiraFake> {
  let behaviour: SiraBehaviour = { kind: 'hint', module: null };
  const questions: unknown[] = [];
  const holding: ServerResponse[] = [];
  const json = (res: ServerResponse, status: number, body: string) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    questions.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
    if (req.url !== SIRA_HINT_PATH || req.method !== 'POST') return json(res, 404, '{}');
    switch (behaviour.kind) {
      case 'hint':
        return json(res, 200, JSON.stringify({ module: behaviour.module, confidence: 0.9 }));
      case 'slow':
        holding.push(res);
        return;
      case 'status':
        return json(res, behaviour.status, JSON.stringify({ error: 'boom' }));
      case 'garbage':
        return json(res, 200, '{"module": "wal');
      case 'wrong_shape':
        return json(res, 200, JSON.stringify({ recommendation: ['wallet'] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const release = () => {
    for (const res of holding.splice(0)) json(res, 200, JSON.stringify({ module: 'wallet' }));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    questions,
    behave(next) {
      behaviour = next;
    },
    release,
    held: () => holding.filter((res) => !res.destroyed).length,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL where nothing listens: a port taken from the system, then given back. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
