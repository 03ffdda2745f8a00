import type { RequestOptions } from '../options.js';
import type { DevToken, DevTokenCreateParams, SignIn, SignInLink } from '../types.js';
import { bodyOf, callInit, type ResourceContext } from './context.js';

export interface AuthResource {
  /** Mints a Molam ID user token with the sandbox's development key (sandbox servers, admin keys). */
  createDevToken(params: DevTokenCreateParams, opts?: RequestOptions): Promise<DevToken>;
  /** Revokes this client's user token (`accessToken`) on every server, until it would have expired. */
  logout(opts?: RequestOptions): Promise<void>;
  /** A one-click dashboard sign-in link for a merchant (sandbox servers, admin keys); `path` joins the base URL. */
  createSignInLink(params: { merchant_id: string }, opts?: RequestOptions): Promise<SignInLink>;
  /** Spends a sign-in link's code (once) for a dashboard key; needs no credentials. */
  redeemSignInLink(code: string, opts?: RequestOptions): Promise<SignIn>;
}

export function authResource(context: ResourceContext): AuthResource {
  return {
    async createDevToken(params, opts) {
      const init = callInit(context, opts, 'auth.createDevToken');
      return bodyOf(await context.client.POST('/api/v1/dev/tokens', { ...init, body: params }));
    },
    async createSignInLink(params, opts) {
      const init = callInit(context, opts, 'auth.createSignInLink');
      return bodyOf(await context.client.POST('/api/v1/dev/sign-in-links', { ...init, body: params }));
    },
    async redeemSignInLink(code, opts) {
      const init = callInit(context, opts, 'auth.redeemSignInLink', { auth: 'none' });
      return bodyOf(
        await context.client.POST('/api/v1/dev/sign-in-links/redeem', { ...init, body: { code } }),
      );
    },
    async logout(opts) {
      const init = callInit(context, opts, 'auth.logout');
      await context.client.POST('/api/v1/auth/logout', { ...init });
    },
  };
}
