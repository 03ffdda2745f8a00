import { type Page, PagePromise } from '@molam/sdk';
import type { ClientOptions, MolamClient } from '../../src/api/client.js';
import type { Database, ServerModule } from '../../src/api/server.js';
import type { Deps } from '../../src/deps.js';
import type { Prompter } from '../../src/prompt.js';
import type { Clock, Fetch, Interruption } from '../../src/runtime.js';

function unexpected(name: string): () => never {
  return () => {
    throw new Error(`unexpected call to ${name}`);
  };
}

export interface FakeClientParts {
  merchants?: Partial<MolamClient['merchants']>;
  keys?: Partial<MolamClient['keys']>;
  payments?: Partial<MolamClient['payments']>;
  webhookEndpoints?: Partial<MolamClient['webhookEndpoints']>;
  events?: Partial<MolamClient['events']>;
  transactionEvents?: Partial<MolamClient['transactionEvents']>;
  analytics?: Partial<MolamClient['analytics']>;
  aggregates?: Partial<MolamClient['aggregates']>;
  auth?: Partial<MolamClient['auth']>;
  payEntry?: Partial<MolamClient['payEntry']>;
  transfers?: Partial<MolamClient['transfers']>;
  customers?: Partial<MolamClient['customers']>;
  accounts?: Partial<MolamClient['accounts']>;
  notifications?: Partial<MolamClient['notifications']>;
  whoami?: MolamClient['whoami'];
  health?: MolamClient['health'];
}

/** A client whose unmocked methods fail the test loudly. */
export function fakeClient(parts: FakeClientParts = {}): MolamClient {
  return {
    merchants: {
      create: unexpected('merchants.create'),
      list: unexpected('merchants.list'),
      get: unexpected('merchants.get'),
      update: unexpected('merchants.update'),
      createKey: unexpected('merchants.createKey'),
      listKeys: unexpected('merchants.listKeys'),
      getRouting: unexpected('merchants.getRouting'),
      setRouting: unexpected('merchants.setRouting'),
      ...parts.merchants,
    },
    transactionEvents: { ingest: unexpected('transactionEvents.ingest'), ...parts.transactionEvents },
    analytics: {
      overview: unexpected('analytics.overview'),
      series: unexpected('analytics.series'),
      paymentMethods: unexpected('analytics.paymentMethods'),
      topProducts: unexpected('analytics.topProducts'),
      customers: unexpected('analytics.customers'),
      ...parts.analytics,
    },
    aggregates: {
      createReplay: unexpected('aggregates.createReplay'),
      getReplay: unexpected('aggregates.getReplay'),
      status: unexpected('aggregates.status'),
      ...parts.aggregates,
    },
    auth: {
      createDevToken: unexpected('auth.createDevToken'),
      logout: unexpected('auth.logout'),
      createSignInLink: unexpected('auth.createSignInLink'),
      ...parts.auth,
    },
    payEntry: {
      get: unexpected('payEntry.get'),
      update: unexpected('payEntry.update'),
      ...parts.payEntry,
    },
    transfers: {
      confirm: unexpected('transfers.confirm'),
      get: unexpected('transfers.get'),
      list: unexpected('transfers.list'),
      resendOtp: unexpected('transfers.resendOtp'),
      ...parts.transfers,
    },
    customers: {
      create: unexpected('customers.create'),
      get: unexpected('customers.get'),
      list: unexpected('customers.list'),
      setKyc: unexpected('customers.setKyc'),
      ...parts.customers,
    },
    accounts: {
      create: unexpected('accounts.create'),
      get: unexpected('accounts.get'),
      list: unexpected('accounts.list'),
      deposit: unexpected('accounts.deposit'),
      ...parts.accounts,
    },
    notifications: { list: unexpected('notifications.list'), ...parts.notifications },
    payments: {
      create: unexpected('payments.create'),
      get: unexpected('payments.get'),
      list: unexpected('payments.list'),
      attempts: unexpected('payments.attempts'),
      waitFor: unexpected('payments.waitFor'),
      ...parts.payments,
    },
    keys: {
      create: unexpected('keys.create'),
      list: unexpected('keys.list'),
      get: unexpected('keys.get'),
      revoke: unexpected('keys.revoke'),
      rotate: unexpected('keys.rotate'),
      ...parts.keys,
    },
    webhookEndpoints: {
      create: unexpected('webhookEndpoints.create'),
      list: unexpected('webhookEndpoints.list'),
      get: unexpected('webhookEndpoints.get'),
      update: unexpected('webhookEndpoints.update'),
      delete: unexpected('webhookEndpoints.delete'),
      rotateSecret: unexpected('webhookEndpoints.rotateSecret'),
      listDeliveries: unexpected('webhookEndpoints.listDeliveries'),
      getDelivery: unexpected('webhookEndpoints.getDelivery'),
      retryDelivery: unexpected('webhookEndpoints.retryDelivery'),
      recover: unexpected('webhookEndpoints.recover'),
      ...parts.webhookEndpoints,
    },
    events: {
      list: unexpected('events.list'),
      get: unexpected('events.get'),
      resend: unexpected('events.resend'),
      stream: unexpected('events.stream'),
      ...parts.events,
    },
    whoami: parts.whoami ?? unexpected('whoami'),
    health: parts.health ?? unexpected('health'),
  };
}

/** A real SDK PagePromise over fixed pages; cursors are the page numbers. */
export function pagesOf<T>(pages: T[][]): PagePromise<T> {
  return new PagePromise<T>(async (cursor) => {
    const index = cursor === undefined ? 0 : Number(cursor);
    const hasMore = index + 1 < pages.length;
    const page: Page<T> = {
      object: 'list',
      data: pages[index] ?? [],
      has_more: hasMore,
      next_cursor: hasMore ? String(index + 1) : null,
    };
    return page;
  });
}

export interface PromptAnswers {
  text?: string[];
  secret?: string[];
  confirm?: boolean[];
}

export interface FakeDeps extends Deps {
  clientOptions: ClientOptions[];
  questions: string[];
  /** Aborts the signal `onInterrupt()` hands out, as Ctrl-C would. */
  interrupt(): void;
}

/**
 * A clock that never waits: `sleep` moves the time forward at once and records how long it was asked to
 * wait. `random` is fixed (0.5 gives the backoff without jitter).
 */
export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-11-22T09:30:00.000Z'), random = 0.5): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    random: () => random,
    advance: (ms) => {
      time += ms;
    },
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (!signal?.aborted) time += ms;
    },
  };
}

/** Deps whose prompter answers from queues and records every question asked. */
export function fakeDeps(
  options: {
    client?: MolamClient;
    server?: Partial<ServerModule>;
    answers?: PromptAnswers;
    clock?: Clock;
    fetch?: Fetch;
  } = {},
): FakeDeps {
  const clientOptions: ClientOptions[] = [];
  const questions: string[] = [];
  const answers = {
    text: [...(options.answers?.text ?? [])],
    secret: [...(options.answers?.secret ?? [])],
    confirm: [...(options.answers?.confirm ?? [])],
  };
  const next = <T>(queue: T[], question: string): T => {
    questions.push(question);
    if (queue.length === 0) throw new Error(`no answer prepared for "${question}"`);
    return queue.shift() as T;
  };
  const prompter: Prompter = {
    text: async (message) => next(answers.text, message),
    secret: async (message) => next(answers.secret, message),
    confirm: async (message) => next(answers.confirm, message),
  };
  const server: ServerModule = {
    startServer: unexpected('startServer'),
    runServerUntilSignal: unexpected('runServerUntilSignal'),
    openDatabase: unexpected('openDatabase'),
    migrateUp: unexpected('migrateUp'),
    migrateDown: unexpected('migrateDown'),
    migrationStatus: unexpected('migrationStatus'),
    createAdminKey: unexpected('createAdminKey'),
    parseSdnRows: unexpected('parseSdnRows'),
    replaceSanctionsList: unexpected('replaceSanctionsList'),
    screenName: unexpected('screenName'),
    listDeadJobs: unexpected('listDeadJobs'),
    redriveDeadJobs: unexpected('redriveDeadJobs'),
    outboxStatus: unexpected('outboxStatus'),
    replayOutbox: unexpected('replayOutbox'),
    checkKafka: unexpected('checkKafka'),
    ...options.server,
  };
  const interruption = new AbortController();
  const onInterrupt = (): Interruption => ({ signal: interruption.signal, dispose: () => {} });
  return {
    clientOptions,
    questions,
    interrupt: () => interruption.abort(),
    clock: options.clock ?? fakeClock(),
    fetch: options.fetch ?? unexpected('fetch'),
    onInterrupt,
    createClient: async (clientOptionsGiven) => {
      clientOptions.push(clientOptionsGiven);
      return options.client ?? fakeClient();
    },
    loadServer: async () => server,
    prompter: async () => prompter,
  };
}

/** The CLI only passes the handle around and closes it. */
export function fakeDatabase(
  description = 'embedded PostgreSQL in ./fake-data',
): Database & { closed: boolean } {
  const db = {
    description,
    closed: false,
    async close() {
      db.closed = true;
    },
  };
  return db as unknown as Database & { closed: boolean };
}
