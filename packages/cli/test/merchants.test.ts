import { join } from 'node:path';
import type { ApiKeyCreateParams, MerchantCreateParams, MerchantUpdateParams } from '@molam/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as createMerchant } from '../src/commands/merchants/create.js';
import { run as getMerchant } from '../src/commands/merchants/get.js';
import {
  runCreate as createMerchantKey,
  runList as listMerchantKeys,
} from '../src/commands/merchants/keys.js';
import { run as listMerchants } from '../src/commands/merchants/list.js';
import { run as updateMerchant } from '../src/commands/merchants/update.js';
import { updateProfile } from '../src/config/file.js';
import { UsageError } from '../src/errors.js';
import { fakeClient, fakeDeps, pagesOf } from './helpers/fake-deps.js';
import { fakeIO, tempDir } from './helpers/fake-io.js';
import { apiKey, apiKeyWithSecret, MERCHANT_ID, merchant, record, SECRET } from './helpers/fixtures.js';

describe('molam merchants', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await tempDir();
    env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
    await updateProfile(fakeIO({ env }), 'default', () => ({ api_key: 'mk_test_adminADMINadminADMIN' }));
  });
  afterEach(() => dir.cleanup());

  it('creates from flags, upper-casing the codes', async () => {
    const bodies: MerchantCreateParams[] = [];
    const client = fakeClient({ merchants: { create: async (body) => record(bodies, body, merchant()) } });
    const io = fakeIO({ env });
    await createMerchant(
      { json: false, name: 'Lusaka Grocers', country: 'zm', currency: 'zmw', email: 'ops@x.zm' },
      io,
      fakeDeps({ client }),
    );
    expect(bodies).toEqual([
      { name: 'Lusaka Grocers', country: 'ZM', default_currency: 'ZMW', email: 'ops@x.zm' },
    ]);
    expect(io.out()).toContain(`id        ${MERCHANT_ID}`);
  });

  it('prompts for each missing value on a terminal', async () => {
    const client = fakeClient({ merchants: { create: async () => merchant() } });
    const deps = fakeDeps({ client, answers: { text: ['Shop', 'sn', 'xof'] } });
    await createMerchant({ json: true }, fakeIO({ env, stdinTTY: true }), deps);
    expect(deps.questions).toEqual([
      'Merchant name:',
      'Country (ISO 3166-1 alpha-2):',
      'Default currency (ISO 4217):',
    ]);
  });

  it('rejects a missing or malformed code without a terminal, before any request', async () => {
    const deps = fakeDeps();
    await expect(
      createMerchant({ json: false, name: 'Shop', currency: 'ZMW' }, fakeIO({ env }), deps),
    ).rejects.toThrow(/--country/);
    await expect(
      createMerchant({ json: false, name: 'Shop', country: 'ZMB', currency: 'ZMW' }, fakeIO({ env }), deps),
    ).rejects.toBeInstanceOf(UsageError);
    expect(deps.clientOptions).toEqual([]);
  });

  it('lists and gets', async () => {
    const client = fakeClient({
      merchants: { list: () => pagesOf([[merchant()]]), get: async () => merchant({ email: null }) },
    });
    const list = fakeIO({ env });
    await listMerchants({ json: false, all: false }, list, fakeDeps({ client }));
    expect(list.out()).toBe(
      `${MERCHANT_ID}\tLusaka Grocers\tZM\tZMW\tactive\tops@lusakagrocers.zm\t2026-11-22T09:30:00.000Z\n`,
    );
    const get = fakeIO({ env });
    await getMerchant({ json: true, merchantId: MERCHANT_ID }, get, fakeDeps({ client }));
    expect(JSON.parse(get.out())).toEqual(merchant({ email: null }));
  });

  describe('update', () => {
    const bodies: MerchantUpdateParams[] = [];
    const client = fakeClient({
      merchants: { update: async (_id, body) => record(bodies, body, merchant()) },
    });
    const none = { json: false, merchantId: MERCHANT_ID, clearEmail: false, yes: false };
    beforeEach(() => void bodies.splice(0));

    it('sends only the fields given; --clear-email sends null', async () => {
      await updateMerchant(
        { ...none, name: 'New', status: 'suspended' },
        fakeIO({ env }),
        fakeDeps({ client }),
      );
      await updateMerchant({ ...none, clearEmail: true }, fakeIO({ env }), fakeDeps({ client }));
      expect(bodies).toEqual([{ name: 'New', status: 'suspended' }, { email: null }]);
    });

    it('needs something to change', async () => {
      await expect(updateMerchant(none, fakeIO({ env }), fakeDeps({ client }))).rejects.toThrow(
        /Nothing to update/,
      );
    });

    it('asks before closing, which cannot be undone', async () => {
      await expect(
        updateMerchant({ ...none, status: 'closed' }, fakeIO({ env }), fakeDeps({ client })),
      ).rejects.toMatchObject({
        code: 'confirmation_required',
      });
      await updateMerchant({ ...none, status: 'closed', yes: true }, fakeIO({ env }), fakeDeps({ client }));
      expect(bodies).toEqual([{ status: 'closed' }]);
    });
  });

  it("creates and lists a merchant's keys", async () => {
    const created: [string, ApiKeyCreateParams][] = [];
    const client = fakeClient({
      merchants: {
        createKey: async (id, body) => record(created, [id, body], apiKeyWithSecret()),
        listKeys: (id) => pagesOf([[apiKey({ merchant_id: id })]]),
      },
    });
    const io = fakeIO({ env });
    await createMerchantKey(
      { json: true, merchantId: MERCHANT_ID, name: 'pos', scope: ['payments:write'] },
      io,
      fakeDeps({ client }),
    );
    expect(created).toEqual([[MERCHANT_ID, { name: 'pos', scopes: ['payments:write'] }]]);
    expect(JSON.parse(io.out()).secret).toBe(SECRET);
    const list = fakeIO({ env });
    await listMerchantKeys({ json: true, merchantId: MERCHANT_ID, all: true }, list, fakeDeps({ client }));
    expect(JSON.parse(list.out()).data).toHaveLength(1);
  });
});
