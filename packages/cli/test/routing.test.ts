import { describe, expect, it } from 'vitest';
import type { MolamClient, ProviderName } from '../src/api/client.js';
import { runSet } from '../src/commands/merchants/routing.js';
import { main } from '../src/main.js';
import { fakeClient, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';
import { MERCHANT_ID, record, routing } from './helpers/fixtures.js';

const env = {
  MOLAM_API_KEY: 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456',
  MOLAM_CONFIG_DIR: '/nonexistent/molam',
};

type Sent = [string, Record<string, ProviderName[]>];

function routingClient(sent: Sent[]): MolamClient {
  return fakeClient({
    merchants: {
      getRouting: async (id) => routing({ merchant_id: id }),
      setRouting: async (id, currencies) =>
        record(sent, [id, currencies] as Sent, routing({ merchant_id: id, currencies })),
    },
  });
}

async function molam(argv: string[], client: MolamClient) {
  const io = fakeIO({ env });
  const deps = fakeDeps({ client });
  const code = await main(argv, io, deps);
  return { code, out: io.out(), err: io.err(), deps };
}

describe('molam merchants routing', () => {
  it('gets the preference: providers in order per currency', async () => {
    const result = await molam(['merchants', 'routing', 'get', MERCHANT_ID], routingClient([]));
    expect(result.out).toContain('ZMW       mtn, airtel\n');
    const json = await molam(['merchants', 'routing', 'get', MERCHANT_ID, '--json'], routingClient([]));
    expect(JSON.parse(json.out)).toEqual(routing());
  });

  it('says when there is no preference', async () => {
    const client = fakeClient({
      merchants: { getRouting: async () => routing({ currencies: {}, updated_at: null }) },
    });
    const result = await molam(['merchants', 'routing', 'get', MERCHANT_ID], client);
    expect(result.err).toContain('No preference');
  });

  it('replaces the whole preference from repeated --currency, upper-casing codes, without asking', async () => {
    const sent: Sent[] = [];
    const result = await molam(
      ['merchants', 'routing', 'set', MERCHANT_ID, '--currency', 'zmw=mtn,Airtel', '--currency', 'EUR=mtn'],
      routingClient(sent),
    );
    expect(result.code).toBe(0);
    expect(sent).toEqual([[MERCHANT_ID, { ZMW: ['mtn', 'airtel'], EUR: ['mtn'] }]]);
    expect(result.err).toContain('Replaced the routing preference');
    await molam(['merchants', 'routing', 'set', MERCHANT_ID, '--clear'], routingClient(sent));
    expect(sent[1]).toEqual([MERCHANT_ID, {}]);
  });

  it('refuses malformed entries with exit 2 and sends nothing', async () => {
    const sent: Sent[] = [];
    for (const entry of [
      'ZMW',
      'ZMW=',
      'ZMW=orange',
      'ZMW=mtn,mtn',
      'ZM=mtn',
      'ZMW=mtn,airtel,zamtel,sandbox,mtn',
    ]) {
      const result = await molam(
        ['merchants', 'routing', 'set', MERCHANT_ID, '--currency', entry],
        routingClient(sent),
      );
      expect({ entry, code: result.code }).toEqual({ entry, code: 2 });
    }
    const twice = ['--currency', 'ZMW=mtn', '--currency', 'zmw=airtel'];
    expect(
      (await molam(['merchants', 'routing', 'set', MERCHANT_ID, ...twice], routingClient(sent))).code,
    ).toBe(2);
    const both = ['--currency', 'ZMW=mtn', '--clear'];
    expect(
      (await molam(['merchants', 'routing', 'set', MERCHANT_ID, ...both], routingClient(sent))).code,
    ).toBe(2);
    expect(sent).toEqual([]);
  });

  it('asks for the entries on a terminal, and is a usage error without one', async () => {
    const sent: Sent[] = [];
    const deps = fakeDeps({ client: routingClient(sent), answers: { text: ['ZMW=airtel,mtn  EUR=mtn'] } });
    await runSet({ json: true, merchantId: MERCHANT_ID }, fakeIO({ env, stdinTTY: true }), deps);
    expect(sent).toEqual([[MERCHANT_ID, { ZMW: ['airtel', 'mtn'], EUR: ['mtn'] }]]);
    const none = await molam(['merchants', 'routing', 'set', MERCHANT_ID], routingClient(sent));
    expect(none.code).toBe(2);
    expect(none.err).toContain('Missing required option --currency.');
  });
});
