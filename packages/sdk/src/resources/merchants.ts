import { checkId, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyWithSecret,
  ListParams,
  Merchant,
  MerchantCreateParams,
  MerchantUpdateParams,
  ProviderName,
  Routing,
} from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';

/** Merchants (the platform's tenants) and their API keys. Most calls need an `admin` key. */
export interface MerchantsResource {
  create(body: MerchantCreateParams, opts?: RequestOptions): Promise<Merchant>;
  list(params?: ListParams, opts?: RequestOptions): PagePromise<Merchant>;
  get(merchantId: string, opts?: RequestOptions): Promise<Merchant>;
  update(merchantId: string, body: MerchantUpdateParams, opts?: RequestOptions): Promise<Merchant>;
  createKey(merchantId: string, body: ApiKeyCreateParams, opts?: RequestOptions): Promise<ApiKeyWithSecret>;
  listKeys(merchantId: string, params?: ListParams, opts?: RequestOptions): PagePromise<ApiKey>;
  /** The providers tried, in order, for a payment without `provider`, per currency. */
  getRouting(merchantId: string, opts?: RequestOptions): Promise<Routing>;
  /**
   * Replaces the whole preference: currencies left out lose theirs. The first provider of a list takes the
   * payment; the next one is tried only when the first certainly did not accept it.
   */
  setRouting(
    merchantId: string,
    currencies: Record<string, ProviderName[]>,
    opts?: RequestOptions,
  ): Promise<Routing>;
}

export function merchantsResource(context: ResourceContext): MerchantsResource {
  const { client } = context;
  return {
    async create(body, opts) {
      const init = callInit(context, opts, 'merchants.create');
      return bodyOf(await client.POST('/api/v1/merchants', { body, ...init }));
    },

    list(params, opts) {
      return paginate(params, 'merchants.list', async (query) => {
        const init = callInit(context, opts, 'merchants.list');
        return bodyOf(await client.GET('/api/v1/merchants', { params: { query }, ...init }));
      });
    },

    async get(merchantId, opts) {
      const path = { merchant_id: checkId(merchantId, 'merchantId', 'merchants.get') };
      const init = callInit(context, opts, 'merchants.get');
      return bodyOf(await client.GET('/api/v1/merchants/{merchant_id}', { params: { path }, ...init }));
    },

    async update(merchantId, body, opts) {
      const path = { merchant_id: checkId(merchantId, 'merchantId', 'merchants.update') };
      const init = callInit(context, opts, 'merchants.update');
      return bodyOf(
        await client.PATCH('/api/v1/merchants/{merchant_id}', { params: { path }, body, ...init }),
      );
    },

    async createKey(merchantId, body, opts) {
      const path = { merchant_id: checkId(merchantId, 'merchantId', 'merchants.createKey') };
      const init = callInit(context, opts, 'merchants.createKey');
      return bodyOf(
        await client.POST('/api/v1/merchants/{merchant_id}/keys', { params: { path }, body, ...init }),
      );
    },

    listKeys(merchantId, params, opts) {
      return paginate(params, 'merchants.listKeys', async (query) => {
        const path = { merchant_id: checkId(merchantId, 'merchantId', 'merchants.listKeys') };
        const init = callInit(context, opts, 'merchants.listKeys');
        return bodyOf(
          await client.GET('/api/v1/merchants/{merchant_id}/keys', { params: { path, query }, ...init }),
        );
      });
    },

    async getRouting(merchantId, opts) {
      const path = { merchant_id: checkId(merchantId, 'merchantId', 'merchants.getRouting') };
      const init = callInit(context, opts, 'merchants.getRouting');
      return bodyOf(
        await client.GET('/api/v1/merchants/{merchant_id}/routing', { params: { path }, ...init }),
      );
    },

    async setRouting(merchantId, currencies, opts) {
      const where = 'merchants.setRouting';
      const path = { merchant_id: checkId(merchantId, 'merchantId', where) };
      if (typeof currencies !== 'object' || currencies === null || Array.isArray(currencies)) {
        throw new TypeError(
          `${where}: \`currencies\` must be an object of provider lists, such as { ZMW: ['mtn'] }.`,
        );
      }
      const init = callInit(context, opts, where);
      return bodyOf(
        await client.PUT('/api/v1/merchants/{merchant_id}/routing', {
          params: { path },
          body: { currencies },
          ...init,
        }),
      );
    },
  };
}
