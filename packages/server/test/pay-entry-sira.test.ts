import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PayEntryMetrics } from '../src/pay-entry/metrics.js';
import { SiraClient, type SiraQuestion } from '../src/pay-entry/sira.js';

// The budget is a deadline of the client's own: whatever the HTTP layer does (undici honours an abort only
// once a socket is connected), the answer comes when the budget runs out.
const question: SiraQuestion = {
  user_id: 'usr_1',
  country: null,
  currency: null,
  lang: null,
  modules_enabled: ['wallet'],
  preferred_module: 'wallet',
  last_module_used: null,
};

const clientWith = (request: () => Promise<never>) =>
  new SiraClient({
    url: 'http://sira.test',
    budgetMs: 50,
    breakerThreshold: 5,
    halfOpenAfterMs: 1000,
    metrics: new PayEntryMetrics(new Registry()),
    http: { request, close: async () => {} },
  });

describe('SIRA’s budget', () => {
  it('answers timeout when the HTTP layer never returns, even ignoring the abort', async () => {
    const client = clientWith(() => new Promise<never>(() => {}));
    expect(await client.recommend(question, undefined)).toEqual({ outcome: 'timeout' });
  });

  it('answers every one of several calls in flight at once within the budget', async () => {
    const client = clientWith(() => new Promise<never>(() => {}));
    const answers = await Promise.all(Array.from({ length: 3 }, () => client.recommend(question, 'req_1')));
    expect(answers).toEqual(Array(3).fill({ outcome: 'timeout' }));
  });
});
