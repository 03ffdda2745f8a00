import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takesJsonBodies } from '../src/platform/http/body-rules.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import {
  concretePath,
  isRecord,
  type Json,
  type JsonPath,
  jsonText,
  keyPaths,
  leafPaths,
  queryString,
  type SampleBody,
  type SpecOperation,
  sampleBody,
  specOperations,
  stringPaths,
  withKeyAt,
  withValueAt,
} from './helpers/spec-requests.js';
import { waitFor } from './helpers/wait.js';

/**
 * Every operation of the spec, sent hostile requests: none may be a 5xx, every 4xx is a problem document, and a
 * refused request writes nothing (the row count of every table is unchanged, audit_log included).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = 20;

let server: TestServer;
let tables: string[] = [];
let requestsSent = 0;

beforeAll(async () => {
  server = await startTestServer({
    RATE_LIMIT_MAX: '1000000',
    // A payment a random body happens to create settles in about two seconds instead of three.
    JOB_POLL_MS: '50',
    // Aggregation would write analytics rows in the background while a check counts rows around a refusal.
    ANALYTICS_AGGREGATOR: 'false',
  });
  const { rows } = await server.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  tables = rows.map((row) => row.table_name);
});
afterAll(async () => {
  if (process.env.FUZZ_VERBOSE) console.log(`fuzz: ${requestsSent} requests sent`);
  await server?.close();
});

const OPERATIONS = specOperations();
const WITH_BODY = OPERATIONS.filter((operation) => operation.body !== undefined);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the schema cannot say. Without these fixes a base body would be refused for a reason of its own, and
 * the refusals of its hostile variants would prove nothing.
 */
const BASE_FIXES: Record<string, (body: Json) => Json> = {
  // A collection names a payer, never a payee.
  createPayment: (body) => {
    if (!isRecord(body)) return body;
    const { payee: _payee, ...rest } = body;
    return rest;
  },
  // The spec's example routes to MTN and Airtel, which need credentials this server does not have.
  setRouting: () => ({ currencies: { ZMW: ['sandbox'] } }),
  // The spec's example host (shop.example) is a special-use name the server rightly refuses.
  createWebhookEndpoint: (body) =>
    isRecord(body) ? { ...body, url: 'https://example.com/hooks/molam' } : body,
};

function baseBody(operation: SpecOperation): SampleBody | undefined {
  const sample = sampleBody(operation);
  const fix = BASE_FIXES[operation.operationId];
  return sample && fix ? { ...sample, value: fix(sample.value) } : sample;
}

// ---------------------------------------------------------------------------------------------------------
// Sending

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
}

interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Set when no HTTP answer came (connection reset, timeout). */
  error?: string;
}

/** node:http rather than fetch: GETs with bodies, bodies without Content-Type, and raw bytes. */
function send({ method, path, headers, body }: Sent): Promise<Received> {
  requestsSent += 1;
  return new Promise((resolve) => {
    const url = new URL(path, server.url);
    const request = httpRequest(url, {
      method,
      // A connection of its own: a refused request must not leave a half-read body for the next one.
      agent: false,
      headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      timeout: 15_000,
    });
    request.on('response', (response) => {
      // An event stream never ends: its status and headers are the answer.
      if (String(response.headers['content-type']).startsWith('text/event-stream')) {
        response.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: '(event stream)' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', (error) => resolve({ status: 0, headers: {}, text: '', error: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, text: '', error: error.code ?? error.message }),
    );
    request.end(body);
  });
}

function keyFor(operation: SpecOperation): string | null {
  if (operation.isPublic) return null;
  return operation.scopes.includes('admin') ? server.adminKey : server.merchantKey;
}

/** The headers of a well-formed request to `operation`, before the hostile part. */
function baseHeaders(operation: SpecOperation, extra: Record<string, string> = {}): Record<string, string> {
  const key = keyFor(operation);
  return {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(WRITES.has(operation.method) ? { 'idempotency-key': randomUUID() } : {}),
    ...extra,
  };
}

const pathOf = (operation: SpecOperation, query = ''): string =>
  `${concretePath(operation, server.merchantId)}${queryString(operation, query)}`;

/** The body the hostile variants carry: the operation's own, or `{}` for operations without one. */
const bodyText = (operation: SpecOperation): string => {
  const body = baseBody(operation);
  return body ? JSON.stringify(body.value) : '{}';
};

// ---------------------------------------------------------------------------------------------------------
// Checking

type Counts = Record<string, number>;

async function countRows(): Promise<Counts> {
  const sql = tables
    .map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM "${table}"`)
    .join(' UNION ALL ');
  const { rows } = await server.db.query<{ t: string; n: number }>(sql);
  return Object.fromEntries(rows.map((row) => [row.t, row.n]));
}

/**
 * `answered`: the request was executed and refused by its handler (an id of nobody, a duplicate external id).
 * Its answer is then stored for replay under its Idempotency-Key, by design (the IETF draft, as Stripe does):
 * that one row is allowed. Requests refused for their form never reach the idempotency store.
 */
function countChanges(before: Counts, after: Counts, answered = false): string[] {
  return tables
    .filter(
      (table) => !(answered && table === 'idempotency_keys' && after[table] === (before[table] ?? 0) + 1),
    )
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]} → ${after[table]}`);
}

/** Codes of requests refused for their form, before any handler ran: those must never store an answer. */
const FORM_CODES = new Set([
  'validation_failed',
  'malformed_json',
  'invalid_text',
  'body_not_allowed',
  'unsupported_media_type',
  'unsupported_content_encoding',
  'payload_too_large',
  'headers_too_large',
  'idempotency_key_reused',
]);

/** Whether a 4xx came from a handler that ran (its answer may be stored for replay). */
function executed(received: Received): boolean {
  try {
    const problem: unknown = JSON.parse(received.text);
    return isRecord(problem) && typeof problem.code === 'string' && !FORM_CODES.has(problem.code);
  } catch {
    return false;
  }
}

const clip = (text: string, length = 400): string =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

interface Expected {
  status?: number;
  /** Any one of these codes. */
  codes?: string[];
}

/** Why `received` breaks the rules (empty when it does not): never a 5xx, every 4xx a sound problem document. */
function responseViolations(received: Received, expected: Expected = {}): string[] {
  const found: string[] = [];
  if (received.error) return [`no HTTP answer (${received.error})`];
  const { status } = received;
  if (status >= 500) found.push('a 5xx');
  if (expected.status !== undefined && status !== expected.status) found.push(`expected ${expected.status}`);
  if (status >= 400 && status < 500) {
    const contentType = String(received.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/problem+json')) {
      found.push(`content-type ${contentType || 'none'}`);
    }
    let problem: unknown;
    try {
      problem = JSON.parse(received.text);
    } catch {
      found.push('a body that is not JSON');
    }
    if (isRecord(problem)) {
      if (typeof problem.code !== 'string') found.push('no string code');
      if (problem.status !== status) found.push(`problem status ${String(problem.status)}`);
      const requestId = received.headers['x-request-id'];
      if (problem.request_id === undefined || problem.request_id !== requestId) {
        found.push(`request_id ${String(problem.request_id)} ≠ X-Request-Id ${String(requestId)}`);
      }
      if (expected.codes && !expected.codes.includes(String(problem.code))) {
        found.push(`expected code ${expected.codes.join(' or ')}`);
      }
    } else if (problem !== undefined) {
      found.push('a problem that is not an object');
    }
  }
  return found;
}

const describeResponse = (received: Received): string =>
  received.error ? `no answer: ${received.error}` : `${received.status} ${clip(received.text)}`;

/** Collects every violation of a test, so one failure lists them all instead of the first. */
class Findings {
  readonly list: string[] = [];

  /** Sends a hostile request that must be refused as `expected` and leave every table's row count as it was. */
  async refused(variant: string, sent: Sent, expected: Expected): Promise<Received> {
    const before = await countRows();
    const received = await send(sent);
    const after = await countRows();
    const problems = [...responseViolations(received, expected), ...countChanges(before, after)];
    if (problems.length > 0) {
      this.list.push(`${variant}: ${problems.join('; ')} — got ${describeResponse(received)}`);
    }
    return received;
  }

  add(message: string): void {
    this.list.push(message);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Hostile requests that must all be refused (phases 1–6): nothing valid is created, so counts are exact.

const BAD_DATE_TIMES = [
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '10000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
];

/** Text PostgreSQL cannot store faithfully: a NUL, and an unpaired UTF-16 surrogate. */
const BAD_TEXT: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone surrogate', '\ud800'],
];

const stringQueryParameters = (operation: SpecOperation) =>
  operation.parameters.filter((parameter) => {
    if (parameter.in !== 'query') return false;
    const { type } = parameter.schema;
    // Enum, date-time and $ref'd string schemas are all `type: string` once resolved.
    return type === 'string' || Array.isArray(parameter.schema.enum);
  });

const dateTimeQueryParameters = (operation: SpecOperation) =>
  operation.parameters.filter(
    (parameter) => parameter.in === 'query' && parameter.schema.format === 'date-time',
  );

const where = (path: JsonPath): string => (path.length === 0 ? 'body' : `body.${path.join('.')}`);

/** `[title, operation]` rows, so a failure names the operation plainly. */
const titled = (operations: SpecOperation[], prefix = ''): Array<[string, SpecOperation]> =>
  operations.map((operation) => [
    `${prefix}${operation.operationId} (${operation.method} ${operation.path})`,
    operation,
  ]);

describe.each(titled(OPERATIONS))('%s', (_title, operation) => {
  const sample = baseBody(operation);
  const textTargets = sample ? stringPaths(sample.value).length + keyPaths(sample.value).length : 0;
  const hasDateTimes = (sample?.dateTimes.length ?? 0) > 0 || dateTimeQueryParameters(operation).length > 0;
  // Outside the API (probes), no body is taken at all; inside it, a body must be JSON.
  const notJson: Expected = takesJsonBodies(operation.path)
    ? { status: 415, codes: ['unsupported_media_type'] }
    : { status: 400, codes: ['body_not_allowed'] };

  it('a body without Content-Type is refused (415, or 400 where no body is taken)', async () => {
    const findings = new Findings();
    await findings.refused(
      'no content-type',
      {
        method: operation.method,
        path: pathOf(operation),
        headers: baseHeaders(operation),
        body: Buffer.from(bodyText(operation)),
      },
      notJson,
    );
    expect(findings.list).toEqual([]);
  });

  it('a text/plain body is refused (415, or 400 where no body is taken)', async () => {
    const findings = new Findings();
    await findings.refused(
      'text/plain',
      {
        method: operation.method,
        path: pathOf(operation),
        headers: baseHeaders(operation, { 'content-type': 'text/plain' }),
        body: Buffer.from(bodyText(operation)),
      },
      notJson,
    );
    expect(findings.list).toEqual([]);
  });

  it('a JSON body labelled gzip, deflate or br is a 415 unsupported_content_encoding', async () => {
    const findings = new Findings();
    for (const encoding of ['gzip', 'deflate', 'br']) {
      await findings.refused(
        `content-encoding ${encoding}`,
        {
          method: operation.method,
          path: pathOf(operation),
          headers: baseHeaders(operation, {
            'content-type': 'application/json',
            'content-encoding': encoding,
          }),
          body: Buffer.from(bodyText(operation)),
        },
        { status: 415, codes: ['unsupported_content_encoding'] },
      );
    }
    expect(findings.list).toEqual([]);
  });

  // Only where the operation has text to spoil: a skipped test per operation would be noise.
  if (textTargets > 0 || stringQueryParameters(operation).length > 0) {
    it('a NUL or a lone surrogate in any string (body value, body key, query) is a 400', async () => {
      const findings = new Findings();
      const body = sample?.value;
      const codes = ['invalid_text', 'validation_failed'];
      const post = (variant: string, text: string, query = '') =>
        findings.refused(
          variant,
          {
            method: operation.method,
            path: pathOf(operation, query),
            headers: baseHeaders(operation, { 'content-type': 'application/json' }),
            body: text === '' ? undefined : Buffer.from(text),
          },
          { status: 400, codes },
        );
      for (const [name, bad] of BAD_TEXT) {
        if (body !== undefined) {
          // JSON.stringify writes a lone surrogate as the escape `\ud800`: exactly the JSON text wanted here.
          for (const path of stringPaths(body)) {
            await post(`${name} in ${where(path)}`, JSON.stringify(withValueAt(body, path, bad)));
          }
          for (const path of keyPaths(body)) {
            await post(`${name} in the key of ${where(path)}`, JSON.stringify(withKeyAt(body, path, bad)));
          }
        }
      }
      const text = body === undefined ? '' : JSON.stringify(body);
      for (const parameter of stringQueryParameters(operation)) {
        await post(`NUL in query ${parameter.name}`, text, `?${parameter.name}=a%00b`);
      }
      expect(findings.list).toEqual([]);
    });
  }

  if (hasDateTimes) {
    it('a date-time before 1970, after 9999 or impossible is a 400', async () => {
      const findings = new Findings();
      const body = sample?.value;
      const text = body === undefined ? undefined : JSON.stringify(body);
      for (const bad of BAD_DATE_TIMES) {
        for (const path of sample?.dateTimes ?? []) {
          if (body === undefined) continue;
          await findings.refused(
            `${bad} in ${where(path)}`,
            {
              method: operation.method,
              path: pathOf(operation),
              headers: baseHeaders(operation, { 'content-type': 'application/json' }),
              body: Buffer.from(JSON.stringify(withValueAt(body, path, bad))),
            },
            { status: 400 },
          );
        }
        for (const parameter of dateTimeQueryParameters(operation)) {
          await findings.refused(
            `${bad} in query ${parameter.name}`,
            {
              method: operation.method,
              path: pathOf(operation, `?${parameter.name}=${encodeURIComponent(bad)}`),
              headers: baseHeaders(operation, text ? { 'content-type': 'application/json' } : {}),
              body: text ? Buffer.from(text) : undefined,
            },
            { status: 400 },
          );
        }
      }
      expect(findings.list).toEqual([]);
    });
  }
});

// Node refuses headers over 16 KB before routing: a few operations stand for all.
describe.each(['getHealth', 'getWhoami', 'createPayment', 'receiveProviderCallback'])(
  'a 20 KB header on %s',
  (operationId) => {
    it('is a 431 headers_too_large problem', async () => {
      const operation = OPERATIONS.find((item) => item.operationId === operationId);
      if (!operation) throw new Error(`The spec has no ${operationId}`);
      const findings = new Findings();
      await findings.refused(
        '20 KB header',
        {
          method: operation.method,
          path: pathOf(operation),
          headers: baseHeaders(operation, {
            'content-type': 'application/json',
            'x-pad': 'a'.repeat(20 * 1024),
          }),
          body: Buffer.from(bodyText(operation)),
        },
        { status: 431, codes: ['headers_too_large'] },
      );
      expect(findings.list).toEqual([]);
    });
  },
);

// ---------------------------------------------------------------------------------------------------------
// Property-based (phase 7): leaves of the valid body replaced by random JSON, from a seeded generator
// (fast-check is not a dependency of this repository).

/** mulberry32: small, fast and good enough to pick test inputs; the same seed gives the same runs. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof seededRandom>;

const hash = (text: string): number =>
  [...text].reduce((value, char) => Math.imul(value ^ char.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);

/** Characters to build strings from, with weights: mostly plain text, so some values pass validation. */
const CHARACTER_POOLS: ReadonlyArray<[number, string[]]> = [
  [60, [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/']],
  // Control characters, NUL included.
  [8, Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).concat('\u007f')],
  // Non-ASCII, invisible, bidi, BOM, non-characters and line separators.
  [16, [...'éß中ا😀\u200b\u202e\ufeff\uffff\ufffd\u0085\u2028', '👩‍👩‍👧']],
  // Unpaired surrogates.
  [4, ['\ud800', '\udbff', '\udc00', '\udfff']],
  [12, ["'", '"', '\\', '%', '$', '{', '}', '<', '>', '`', ';', '--', '{{7*7}}', '%00']],
];
const POOL_WEIGHT = CHARACTER_POOLS.reduce((total, [weight]) => total + weight, 0);

function randomCharacter(random: Random): string {
  let roll = random.next() * POOL_WEIGHT;
  for (const [weight, characters] of CHARACTER_POOLS) {
    roll -= weight;
    if (roll < 0) return random.pick(characters);
  }
  return 'a';
}

const INJECTIONS = [
  "'; DROP TABLE merchants; --",
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '%s%s%n',
  '{"$gt": ""}',
  'NaN',
  'null',
  '',
  ' ',
];

function randomString(random: Random): string {
  if (random.next() < 0.15) return random.pick(INJECTIONS);
  const length = random.next() < 0.1 ? random.pick([256, 1000, 5000, 20_000]) : random.int(0, 24);
  let out = '';
  for (let index = 0; index < length; index++) out += randomCharacter(random);
  return out;
}

// As JSON text, so they reach the server as written (`1e400`, 2^53 + 1 and friends survive no JS number).
const NUMBER_TEXTS = [
  '0',
  '-0',
  '1',
  '-1',
  '0.5',
  '-1.5',
  '1e308',
  '-1e308',
  '1e400',
  '-1e400',
  '1e-400',
  '9007199254740993',
  '-9007199254740993',
  '123456789012345678901234567890',
  '2147483648',
  '-2147483649',
  '100000000001',
  '604801',
  '1.0',
  '1E2',
];

/** Random JSON text: strings, numbers, booleans, null, arrays and objects (sometimes deeply nested). */
function randomJson(random: Random, depth = 0): string {
  const kind = random.int(0, depth > 2 ? 4 : 7);
  switch (kind) {
    case 0:
    case 1:
      return JSON.stringify(randomString(random));
    case 2:
      return random.next() < 0.6
        ? random.pick(NUMBER_TEXTS)
        : String(
            random.next() < 0.5 ? random.int(-1e9, 1e9) : (random.next() - 0.5) * 10 ** random.int(0, 30),
          );
    case 3:
      return random.pick(['true', 'false']);
    case 4:
      return 'null';
    case 5:
      return `[${Array.from({ length: random.int(0, 4) }, () => randomJson(random, depth + 1)).join(',')}]`;
    case 6: {
      const members = Array.from(
        { length: random.int(0, 4) },
        () => `${JSON.stringify(randomString(random))}:${randomJson(random, depth + 1)}`,
      );
      return `{${members.join(',')}}`;
    }
    default: {
      const levels = random.pick([64, 500, 2000]);
      return random.next() < 0.5
        ? `${'['.repeat(levels)}${']'.repeat(levels)}`
        : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    }
  }
}

/** A random value of the same JSON type as `value`. */
function randomLike(value: Json | undefined, random: Random): string {
  if (typeof value === 'string') return JSON.stringify(randomString(random));
  if (typeof value === 'number') {
    return random.next() < 0.5 ? random.pick(NUMBER_TEXTS) : String(random.int(-1e6, 1e12));
  }
  if (typeof value === 'boolean') return random.pick(['true', 'false']);
  return randomJson(random);
}

const valueAt = (value: Json, path: JsonPath): Json | undefined =>
  path.reduce<Json | undefined>((node, key) => {
    if (Array.isArray(node) && typeof key === 'number') return node[key];
    if (isRecord(node) && typeof key === 'string') return node[key];
    return undefined;
  }, value);

/** One random body: some leaves (often just one) replaced; now and then the whole body. */
function mutatedBody(body: Json, random: Random): { text: string; mutated: string } {
  if (random.next() < 0.08) {
    const text = randomJson(random);
    return { text, mutated: 'the whole body' };
  }
  const leaves = leafPaths(body);
  const count = random.next() < 0.5 ? 1 : random.int(1, leaves.length);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(random.int(0, leaves.length - 1));
  const raw = new Map<string, string>();
  for (const index of chosen) {
    const path = leaves[index] ?? [];
    // Half the time a value of the leaf's own type, so some bodies pass validation and reach the database.
    raw.set(
      JSON.stringify(path),
      random.next() < 0.5 ? randomLike(valueAt(body, path), random) : randomJson(random),
    );
  }
  const mutated = [...chosen].map((index) => where(leaves[index] ?? [])).join(', ');
  return { text: jsonText(body, raw), mutated };
}

/** After an accepted request, waits for the jobs it queued (a payment's submission and checks) to finish. */
async function backgroundSettled(deadlineMs: number): Promise<boolean> {
  const queued = async () =>
    (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE state = 'queued'`))
      .rows[0]?.n;
  return waitFor(queued, (n) => n === 0, deadlineMs).then(
    () => true,
    () => false,
  );
}

// createWebhookEndpoint goes last: an endpoint it creates would be sent the events later operations produce,
// and its deliveries (retried for days) would write rows in the middle of other operations' checks.
const FUZZED = [
  ...WITH_BODY.filter((operation) => operation.operationId !== 'createWebhookEndpoint'),
  ...WITH_BODY.filter((operation) => operation.operationId === 'createWebhookEndpoint'),
];

describe.each(titled(FUZZED, 'random bodies for '))('%s', (_title, operation) => {
  it(`${RUNS} runs: never a 5xx, every 4xx a problem that wrote nothing`, async () => {
    const base = baseBody(operation);
    if (!base) throw new Error(`${operation.operationId} has no body`);
    const seed = (SEED ^ hash(operation.operationId)) >>> 0;
    const random = seededRandom(seed);
    const findings = new Findings();
    const statuses: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { text, mutated } = mutatedBody(base.value, random);
      const before = await countRows();
      const received = await send({
        method: operation.method,
        path: pathOf(operation),
        headers: baseHeaders(operation, { 'content-type': 'application/json' }),
        body: Buffer.from(text),
      });
      const label = `seed ${seed} run ${run} (${mutated}) body ${clip(text, 300)}`;
      const problems = responseViolations(received);
      if (received.status >= 400 && received.status < 500) {
        problems.push(...countChanges(before, await countRows(), executed(received)));
      } else if (received.status >= 200 && received.status < 300 && !(await backgroundSettled(20_000))) {
        problems.push('its background jobs did not finish within 20 s');
      }
      if (problems.length > 0) {
        findings.add(`${label}: ${problems.join('; ')} — got ${describeResponse(received)}`);
      }
      statuses.push(received.status);
    }
    if (process.env.FUZZ_VERBOSE) console.log(`${operation.operationId}: ${statuses.join(' ')}`);
    expect(findings.list).toEqual([]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------
// Control, last because it may write: the base requests themselves are well-formed (so the refusals above are
// the hostile parts' doing, not a broken base), and one refused for what it asks (an id of nobody: 404) writes
// nothing either. createPayment goes last: its payment settles in the background and would be announced to
// the endpoints created above, whose deliveries would write rows in the middle of later checks.
const CONTROL = [
  ...OPERATIONS.filter((operation) => operation.operationId !== 'createPayment'),
  ...OPERATIONS.filter((operation) => operation.operationId === 'createPayment'),
];

describe.each(titled(CONTROL, 'control: '))('%s', (_title, operation) => {
  it('the base request is not refused as malformed, and a 4xx to it writes nothing', async () => {
    const body = baseBody(operation);
    const before = await countRows();
    const received = await send({
      method: operation.method,
      path: pathOf(operation),
      headers: baseHeaders(operation, body ? { 'content-type': 'application/json' } : {}),
      body: body ? Buffer.from(JSON.stringify(body.value)) : undefined,
    });
    const problems = responseViolations(received);
    if ([400, 413, 415, 422].includes(received.status)) problems.push('the base request was refused');
    if (received.status >= 400 && received.status < 500) {
      problems.push(...countChanges(before, await countRows(), executed(received)));
    }
    if (received.status >= 200 && received.status < 300 && operation.operationId !== 'createPayment') {
      if (!(await backgroundSettled(20_000))) problems.push('its background jobs did not finish within 20 s');
    }
    if (process.env.FUZZ_VERBOSE) console.log(`control ${operation.operationId}: ${received.status}`);
    expect(problems, describeResponse(received)).toEqual([]);
  });
});
