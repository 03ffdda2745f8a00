import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type E2eServer, startE2eServer } from './helpers/e2e-server.js';
import { runBin } from './helpers/run-bin.js';

describe('molam events ingest, analytics and aggregates against a real server', () => {
  let e2e: E2eServer;
  let env: Record<string, string>;
  const json = <T>(args: string[], input?: string) => e2e.json<T>(args, input);

  beforeAll(async () => {
    e2e = await startE2eServer();
    env = e2e.env;
    const { url, sandbox } = e2e.server;
    await json(['login', '--with-token', '--profile', 'shop', '--base-url', url], sandbox?.merchantKey);
    await json(['login', '--with-token', '--profile', 'ops', '--base-url', url], sandbox?.adminKey);
  });

  afterAll(() => e2e?.close());

  it('ingests a CSV (rejecting bad lines by number), then reads, replays and verifies the figures', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const rows = [
      'transaction_id,event_type,amount,currency,fee,customer_id,payment_method,product_id,product_name',
      't-1,payment_succeeded,5000,ZMW,100,c-1,mtn,p-1,Rice',
      't-2,payment_succeeded,3000,ZMW,60,c-2,airtel,p-2,"Oil, 1 l"',
      't-2,payment_refunded,1000,ZMW,0,c-2,airtel,p-2,',
      't-3,payment_exploded,700,ZMW,,c-3,,,',
      't-4,payment_failed,700,XYZ,,c-3,,,',
      't-1,payment_succeeded,5000,ZMW,100,c-1,mtn,p-1,Rice',
    ];
    const csv = join(e2e.configDir, 'events.csv');
    await writeFile(csv, `${rows.join('\n')}\n`);
    const ingested = await runBin(['--profile', 'shop', 'events', 'ingest', csv, '--json'], { env });
    expect(ingested.code).toBe(1);
    const summary = JSON.parse(ingested.stdout);
    expect(summary).toMatchObject({ total: 4, ingested: 3, duplicates: 1 });
    expect(summary.rejected.map((rejection: { line: number }) => rejection.line)).toEqual([5, 6]);
    expect(JSON.parse(ingested.stderr).error.code).toBe('events_rejected');

    // The server's aggregator wakes on the ingest; the overview follows within moments.
    const overview = await vi.waitFor(
      async () => {
        const result = await json<{ today: { revenue: number; refunds: number } }>([
          '--profile',
          'shop',
          'analytics',
          'overview',
        ]);
        expect(result.today).toMatchObject({ revenue: 7000, refunds: 1 });
        return result;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(overview.today.revenue).toBe(7000);

    const products = await json<{ products: { product_id: string; product_name: string }[] }>([
      '--profile',
      'shop',
      'analytics',
      'products',
      '--days',
      '1',
    ]);
    expect(products.products.map((product) => product.product_name)).toEqual(['Rice', 'Oil, 1 l']);
    const table = await runBin(['--profile', 'shop', 'analytics', 'series', '--from', today, '--to', today], {
      env,
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(today);

    const replay = await json<{ status: string; events_replayed: number }>([
      '--profile',
      'ops',
      'aggregates',
      'replay',
      '--from',
      today,
      '--to',
      today,
      '--wait',
    ]);
    expect(replay).toMatchObject({ status: 'succeeded' });
    expect(replay.events_replayed).toBeGreaterThanOrEqual(3);
    const verified = await json<{ differences: unknown[] }>([
      '--profile',
      'ops',
      'aggregates',
      'replay',
      '--from',
      today,
      '--to',
      today,
      '--verify',
      '--wait',
    ]);
    expect(verified.differences).toEqual([]);
    const status = await json<{ unprocessed_events: number }>(['--profile', 'ops', 'aggregates', 'status']);
    expect(status.unprocessed_events).toBe(0);

    const badDay = await runBin(
      ['--profile', 'ops', 'aggregates', 'replay', '--from', '2026-02-30', '--to', today],
      {
        env,
      },
    );
    expect(badDay.code).toBe(2);
  });
});
