import { checkId, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyRotateParams,
  ApiKeyWithSecret,
  ListParams,
} from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';

/** The API keys of the caller's own merchant (or, for an admin key, the platform's admin keys). */
export interface KeysResource {
  /** The answer holds `secret`, shown this once only. */
  create(body: ApiKeyCreateParams, opts?: RequestOptions): Promise<ApiKeyWithSecret>;
  list(params?: ListParams, opts?: RequestOptions): PagePromise<ApiKey>;
  get(keyId: string, opts?: RequestOptions): Promise<ApiKey>;
  revoke(keyId: string, opts?: RequestOptions): Promise<ApiKey>;
  /** Issues a new secret; the old key keeps working for `grace_period_seconds` (server default: one day). */
  rotate(keyId: string, body?: ApiKeyRotateParams, opts?: RequestOptions): Promise<ApiKeyWithSecret>;
}

export function keysResource(context: ResourceContext): KeysResource {
  const { client } = context;
  return {
    async create(body, opts) {
      const init = callInit(context, opts, 'keys.create');
      return bodyOf(await client.POST('/api/v1/keys', { body, ...init }));
    },

    list(params, opts) {
      return paginate(params, 'keys.list', async (query) => {
        const init = callInit(context, opts, 'keys.list');
        return bodyOf(await client.GET('/api/v1/keys', { params: { query }, ...init }));
      });
    },

    async get(keyId, opts) {
      const path = { key_id: checkId(keyId, 'keyId', 'keys.get') };
      const init = callInit(context, opts, 'keys.get');
      return bodyOf(await client.GET('/api/v1/keys/{key_id}', { params: { path }, ...init }));
    },

    async revoke(keyId, opts) {
      const path = { key_id: checkId(keyId, 'keyId', 'keys.revoke') };
      const init = callInit(context, opts, 'keys.revoke');
      return bodyOf(await client.POST('/api/v1/keys/{key_id}/revoke', { params: { path }, ...init }));
    },

    async rotate(keyId, body, opts) {
      const path = { key_id: checkId(keyId, 'keyId', 'keys.rotate') };
      const init = callInit(context, opts, 'keys.rotate');
      const grace = body?.grace_period_seconds;
      // Without a grace period no body is sent, and the server applies its default.
      const rotateBody = grace === undefined ? undefined : { grace_period_seconds: grace };
      return bodyOf(
        await client.POST('/api/v1/keys/{key_id}/rotate', { params: { path }, body: rotateBody, ...init }),
      );
    },
  };
}
