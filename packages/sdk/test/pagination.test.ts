import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MolamServerError, type Page, PagePromise } from '../src/index.js';
import { apiKey, BASE_URL, MERCHANT_ID, merchant, problem, testMolam, useMswServer } from './support.js';

const server = useMswServer();

const PAGES: Record<string, { ids: string[]; next: string | null }> = {
  first: { ids: ['mer_A', 'mer_B'], next: 'cur_1' },
  cur_1: { ids: ['mer_C', 'mer_D'], next: 'cur_2' },
  cur_2: { ids: ['mer_E'], next: null },
};

/** Serves PAGES by `starting_after`; records the query of each request. */
function serveMerchantPages(path = '/api/v1/merchants', item: (id: string) => object = merchant) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE_URL}${path}`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const page = PAGES[query.get('starting_after') ?? 'first'];
      if (!page) return problem(400, 'bad_cursor');
      return HttpResponse.json({
        object: 'list',
        data: page.ids.map(item),
        has_more: page.next !== null,
        next_cursor: page.next,
      });
    }),
  );
  return queries;
}

describe('PagePromise', () => {
  it('gives the first page when awaited, with one request', async () => {
    const queries = serveMerchantPages();
    const page = await testMolam().molam.merchants.list({ limit: 2 });
    expect(page).toEqual({
      object: 'list',
      data: [merchant('mer_A'), merchant('mer_B')],
      has_more: true,
      next_cursor: 'cur_1',
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]?.get('limit')).toBe('2');
    expect(queries[0]?.has('starting_after')).toBe(false);
  });

  it('walks every item of every page with for await, passing starting_after = next_cursor', async () => {
    const queries = serveMerchantPages();
    const ids: string[] = [];
    for await (const item of testMolam().molam.merchants.list({ limit: 2 })) ids.push(item.id);
    expect(ids).toEqual(['mer_A', 'mer_B', 'mer_C', 'mer_D', 'mer_E']);
    expect(queries.map((query) => query.get('starting_after'))).toEqual([null, 'cur_1', 'cur_2']);
    expect(queries.every((query) => query.get('limit') === '2')).toBe(true);
  });

  it('starts from the caller’s starting_after', async () => {
    serveMerchantPages();
    const ids: string[] = [];
    for await (const item of testMolam().molam.merchants.list({ starting_after: 'cur_1' })) ids.push(item.id);
    expect(ids).toEqual(['mer_C', 'mer_D', 'mer_E']);
  });

  it('sends nothing until awaited or iterated, and fetches only the pages a loop reaches', async () => {
    const queries = serveMerchantPages();
    const list = testMolam().molam.merchants.list();
    await Promise.resolve();
    expect(queries).toHaveLength(0);
    for await (const item of list) {
      if (item.id === 'mer_B') break;
    }
    expect(queries).toHaveLength(1);
  });

  it('reuses the first page between await and for await', async () => {
    const queries = serveMerchantPages();
    const list = testMolam().molam.merchants.list();
    await list;
    const ids: string[] = [];
    for await (const item of list) ids.push(item.id);
    expect(ids).toHaveLength(5);
    expect(queries).toHaveLength(3);
  });

  it('rejects the loop with the error of a failing page', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v1/merchants`, ({ request }) =>
        new URL(request.url).searchParams.has('starting_after')
          ? problem(500, 'internal')
          : HttpResponse.json({ object: 'list', data: [merchant()], has_more: true, next_cursor: 'cur_1' }),
      ),
    );
    const seen: string[] = [];
    const walk = async () => {
      for await (const item of testMolam({ maxRetries: 0 }).molam.merchants.list()) seen.push(item.id);
    };
    await expect(walk()).rejects.toBeInstanceOf(MolamServerError);
    expect(seen).toEqual([MERCHANT_ID]);
  });

  it('stops when has_more is true but no cursor came back', async () => {
    let calls = 0;
    const pages = new PagePromise<number>(async (): Promise<Page<number>> => {
      calls += 1;
      return { object: 'list', data: [1, 2], has_more: true, next_cursor: null };
    });
    const items: number[] = [];
    for await (const item of pages) items.push(item);
    expect(items).toEqual([1, 2]);
    expect(calls).toBe(1);
  });

  it('supports catch and finally like a promise', async () => {
    const failing = new PagePromise<number>(() => Promise.reject(new Error('boom')));
    let finished = false;
    await expect(failing.finally(() => (finished = true))).rejects.toThrow('boom');
    expect(finished).toBe(true);
    await expect(failing.catch((error: unknown) => (error as Error).message)).resolves.toBe('boom');
  });

  it('pages the keys of a merchant and the caller’s own keys the same way', async () => {
    const merchantKeys = serveMerchantPages(`/api/v1/merchants/${MERCHANT_ID}/keys`, apiKey);
    const ownKeys = serveMerchantPages('/api/v1/keys', apiKey);
    const { molam } = testMolam();
    const fromMerchant: string[] = [];
    for await (const key of molam.merchants.listKeys(MERCHANT_ID, { limit: 2 })) fromMerchant.push(key.id);
    const own: string[] = [];
    for await (const key of molam.keys.list()) own.push(key.id);
    expect(fromMerchant).toHaveLength(5);
    expect(own).toHaveLength(5);
    expect(merchantKeys).toHaveLength(3);
    expect(ownKeys).toHaveLength(3);
  });
});
