import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MolamValidationError } from '../src/index.js';
import { BASE_URL, problem, testMolam, useMswServer } from './support.js';

const server = useMswServer();

const event = (i: number) => ({
  transaction_id: `txn-${i}`,
  event_type: 'payment_succeeded' as const,
  amount: 100,
  currency: 'ZMW',
});

describe('transactionEvents.ingest', () => {
  it('sends chunks of 1000, each with its own key re-sent on its retry, and adds up the results', async () => {
    const chunks: Array<{ size: number; key: string | null }> = [];
    let failedOnce = false;
    server.use(
      http.post(`${BASE_URL}/api/v1/transaction-events/batch`, async ({ request }) => {
        const body = (await request.json()) as unknown[];
        chunks.push({ size: body.length, key: request.headers.get('idempotency-key') });
        if (chunks.length === 2 && !failedOnce) {
          failedOnce = true;
          return problem(503, 'provider_unavailable', {}, { 'retry-after': '0' });
        }
        return HttpResponse.json({ ok: true, total: body.length, ingested: body.length - 1, duplicates: 1 });
      }),
    );
    const { molam } = testMolam();
    const progress: number[] = [];
    const events = Array.from({ length: 2500 }, (_, i) => event(i));
    const result = await molam.transactionEvents.ingest(events, {
      onProgress: ({ sent }) => progress.push(sent),
    });
    expect(result).toEqual({ ok: true, total: 2500, ingested: 2497, duplicates: 3 });
    expect(chunks.map((chunk) => chunk.size)).toEqual([1000, 1000, 1000, 500]);
    // The retried chunk kept its key; the other chunks each had their own.
    expect(chunks[1]?.key).toBe(chunks[2]?.key);
    expect(new Set(chunks.map((chunk) => chunk.key)).size).toBe(3);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('rejects with the problem of a refused chunk, after the chunks before it', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE_URL}/api/v1/transaction-events/batch`, async ({ request }) => {
        calls++;
        const body = (await request.json()) as unknown[];
        if (calls === 2) {
          return problem(400, 'validation_failed', {
            errors: [{ field: 'body.3.currency', message: 'not an ISO 4217 currency' }],
          });
        }
        return HttpResponse.json({ ok: true, total: body.length, ingested: body.length, duplicates: 0 });
      }),
    );
    const { molam } = testMolam();
    const progress: number[] = [];
    const events = Array.from({ length: 1500 }, (_, i) => event(i));
    await expect(
      molam.transactionEvents.ingest(events, { onProgress: ({ sent }) => progress.push(sent) }),
    ).rejects.toBeInstanceOf(MolamValidationError);
    expect(progress).toEqual([1000]);
  });
});

describe('chunking by size', () => {
  it('splits 1000 large events so that no request body passes 1 MiB', async () => {
    const sizes: number[] = [];
    server.use(
      http.post(`${BASE_URL}/api/v1/transaction-events/batch`, async ({ request }) => {
        const text = await request.text();
        sizes.push(new TextEncoder().encode(text).length);
        const body = JSON.parse(text) as unknown[];
        return HttpResponse.json({ ok: true, total: body.length, ingested: body.length, duplicates: 0 });
      }),
    );
    const { molam } = testMolam();
    // 255 four-byte characters: about 1.2 KB of JSON per event.
    const events = Array.from({ length: 1000 }, (_, i) => ({ ...event(i), product_name: '😀'.repeat(255) }));
    const result = await molam.transactionEvents.ingest(events);
    expect(result.total).toBe(1000);
    expect(sizes.length).toBe(2);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('analytics', () => {
  it('asks for the series with its query, and requires the dates', async () => {
    let url = '';
    server.use(
      http.get(`${BASE_URL}/api/v1/analytics/series`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ object: 'analytics_series', data: [] });
      }),
    );
    const { molam } = testMolam();
    await molam.analytics.series({ start_date: '2026-11-01', end_date: '2026-11-30', granularity: 'daily' });
    expect(new URL(url).search).toBe('?start_date=2026-11-01&end_date=2026-11-30&granularity=daily');
    await expect(molam.analytics.series({ start_date: '2026-11-01' } as never)).rejects.toThrow(TypeError);
  });
});
