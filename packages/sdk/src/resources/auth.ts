import type { RequestOptions } from '../options.js';
import type { DevToken, DevTokenCreateParams } from '../types.js';
import { bodyOf, callInit, type ResourceContext } from './context.js';

export interface AuthResource {
  /** Mints a Molam ID user token with the sandbox's development key (sandbox servers, admin keys). */
  createDevToken(params: DevTokenCreateParams, opts?: RequestOptions): Promise<DevToken>;
  /** Revokes this client's user token (`accessToken`) on every server, until it would have expired. */
  logout(opts?: RequestOptions): Promise<void>;
}

export function authResource(context: ResourceContext): AuthResource {
  return {
    async createDevToken(params, opts) {
      const init = callInit(context, opts, 'auth.createDevToken');
      return bodyOf(await context.client.POST('/api/v1/dev/tokens', { ...init, body: params }));
    },
    async logout(opts) {
      const init = callInit(context, opts, 'auth.logout');
      await context.client.POST('/api/v1/auth/logout', { ...init });
    },
  };
}
