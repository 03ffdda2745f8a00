import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // A poll once a minute: only the NOTIFY sent by the ingest can make the figures appear within the test.
  server = await startTestServer({ ANALYTICS_POLL_MS: '60000' });
});
afterAll(() => server.close());

it('wakes the aggregator on ingest: the event shows in the overview, with as_of past its arrival', async () => {
  const merchant = server.merchantKey;
  const before = await server.call('GET', '/api/v1/analytics/overview', { key: merchant });
  const sent = Date.now();
  const ingested = await server.call('POST', '/api/v1/transaction-events', {
    key: merchant,
    body: {
      transaction_id: `live-${randomUUID()}`,
      event_type: 'payment_succeeded',
      amount: 4321,
      currency: 'ZMW',
    },
  });
  expect(ingested.status).toBe(202);
  const after = await vi.waitFor(
    async () => {
      const overview = await server.call('GET', '/api/v1/analytics/overview', { key: merchant });
      expect(overview.body.today.revenue).toBe(before.body.today.revenue + 4321);
      return overview.body;
    },
    { timeout: 30_000, interval: 25 },
  );
  expect(Date.parse(after.as_of)).toBeGreaterThanOrEqual(sent - 1000);
});
