import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockBroker, startMockBroker } from '../../../scripts/kafka-mock/broker.mjs';
import { holderPath } from '../../../scripts/kafka-mock/build.mjs';
import { type MigratedDataDir, migratedDataDir } from './helpers/data-dir.js';
import { assertBuilt, runBin } from './helpers/run-bin.js';

// The runbook's Kafka tools with the built CLI: what waits in the outbox, publishing a window again, and
// checking the brokers with the server's own settings.
let data: MigratedDataDir;
const molam = (args: string[], env: Record<string, string> = {}) => runBin([...args], { env });
const withData = (args: string[]) => molam([...args, '--data-dir', data.dataDir]);

/** Outbox rows as payments leave them: two published an hour ago, one published now, two waiting. */
const writeOutbox = () =>
  data.write(async (db) => {
    await db.query(
      `INSERT INTO outbox (topic, key, event_type, correlation_id, payload, created_at, published_at) VALUES
        ('audit.payment-events', 'pay_1', 'payment.created', 'o1', '{}', now() - interval '1 hour', now() - interval '1 hour'),
        ('payments.payment-processed', 'pay_1', 'payment.succeeded', 'o1', '{}', now() - interval '1 hour', now() - interval '1 hour'),
        ('audit.payment-events', 'pay_2', 'payment.created', 'o2', '{}', now(), now()),
        ('audit.payment-events', 'pay_3', 'payment.created', 'o3', '{}', now() - interval '10 minutes', NULL),
        ('payments.payment-failed', 'pay_3', 'payment.failed', 'o3', '{}', now(), NULL)`,
    );
  });

beforeAll(async () => {
  assertBuilt();
  data = await migratedDataDir();
  await writeOutbox();
});
afterAll(() => data?.cleanup());

describe('molam outbox', () => {
  it('shows what waits per topic and how long the oldest has waited', async () => {
    const listed = await withData(['outbox', 'status', '--json']);
    expect(listed.code).toBe(0);
    const topics = JSON.parse(listed.stdout).data as Array<{
      topic: string;
      unpublished: number;
      published: number;
      oldest_unpublished_seconds: number | null;
    }>;
    const audit = topics.find((row) => row.topic === 'audit.payment-events');
    expect(audit).toMatchObject({ unpublished: 1, published: 2 });
    expect(audit?.oldest_unpublished_seconds).toBeGreaterThan(590);
    expect(topics.find((row) => row.topic === 'payments.payment-processed')).toMatchObject({
      unpublished: 0,
    });
    const table = await withData(['outbox', 'status']);
    expect(table.stdout).toMatch(/audit\.payment-events\s+1\s+10 min\s+2/);
    expect(table.stderr).toContain('--role relay');
  });

  it('marks a window to publish again, by topic, and says when nothing matched', async () => {
    const one = await withData([
      'outbox',
      'replay',
      '--since',
      '2h',
      '--topic',
      'payments.payment-processed',
      '--json',
    ]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ replayed: 1, topic: 'payments.payment-processed' });
    const rest = await withData(['outbox', 'replay', '--since', '5m']);
    expect(rest.code).toBe(0);
    expect(rest.stderr).toContain('Marked 1 message to publish again');
    const none = await withData([
      'outbox',
      'replay',
      '--since',
      '2026-01-01T00:00:00Z',
      '--until',
      '2026-01-02T00:00:00Z',
    ]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('nothing to send again');
    const status = JSON.parse((await withData(['outbox', 'status', '--json'])).stdout).data;
    expect(status.reduce((sum: number, row: { unpublished: number }) => sum + row.unpublished, 0)).toBe(4);
  });

  it('refuses a window it cannot read', async () => {
    for (const args of [
      ['outbox', 'replay'],
      ['outbox', 'replay', '--since', 'yesterday'],
      ['outbox', 'replay', '--since', '1h', '--until', '2h'],
      ['outbox', 'replay', '--since', '1h', '--topic', 'payments.payment-requested'],
    ]) {
      expect((await withData(args)).code, args.join(' ')).toBe(2);
    }
  });
});

describe.skipIf(!holderPath() && !process.env.CI)('molam kafka check', () => {
  let broker: MockBroker;

  beforeAll(async () => {
    broker = await startMockBroker({
      topics: {
        'payments.payment-requested': 3,
        'payments.payment-processed': 3,
        'payments.payment-failed': 3,
        'audit.payment-events': 3,
      },
    });
  });
  afterAll(() => broker?.stop());

  it('lists the topics, and fails naming the server’s topics the cluster lacks', async () => {
    const checked = await molam(['kafka', 'check', '--json'], { KAFKA_BROKERS: broker.brokers });
    // The dead-letter topic is missing from this cluster.
    expect(checked.code).toBe(1);
    const result = JSON.parse(checked.stdout);
    expect(result.brokers).toEqual(broker.brokers.split(','));
    expect(result.topics).toContainEqual({ name: 'audit.payment-events', partitions: 3 });
    expect(result.missing).toEqual(['payments.payment-requested.dlq']);
    expect(checked.stderr).toContain('payments.payment-requested.dlq');

    const named = await molam(['kafka', 'check'], {
      KAFKA_BROKERS: broker.brokers,
      KAFKA_DEAD_LETTER_TOPIC: 'audit.payment-events',
    });
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/payments\.payment-requested\s+3/);
  });

  it('says which setting is missing or wrong, and when nothing answers', async () => {
    const unset = await molam(['kafka', 'check']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('KAFKA_BROKERS');
    const half = await molam(['kafka', 'check'], {
      KAFKA_BROKERS: broker.brokers,
      KAFKA_SASL_USERNAME: 'molam',
    });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('KAFKA_SASL_PASSWORD');
    const password = 'hunter2-kafka-password';
    const leaky = await molam(['kafka', 'check'], {
      KAFKA_BROKERS: 'not a broker',
      KAFKA_SASL_PASSWORD: password,
    });
    expect(leaky.stderr).not.toContain(password);
    const dead = await molam(['kafka', 'check', '--json'], { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(dead.code).toBe(1);
    expect(dead.stderr).toContain('kafka_unreachable');
  }, 30_000);
});
