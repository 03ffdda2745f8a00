import type { RequestOptions } from '../options.js';
import type { PayEntry, PayEntryUpdateParams } from '../types.js';
import { bodyOf, callInit, type ResourceContext } from './context.js';

/** The Molam ID user's own pay entry preferences: clients made with `accessToken` only. */
export interface PayEntryResource {
  /** The preferences (made from the token's claims on the first call) and the module to open. */
  get(opts?: RequestOptions): Promise<PayEntry>;
  /** Sets the fields given, leaves the others; answers as `get` does. */
  update(params: PayEntryUpdateParams, opts?: RequestOptions): Promise<PayEntry>;
}

export function payEntryResource(context: ResourceContext): PayEntryResource {
  return {
    async get(opts) {
      const init = callInit(context, opts, 'payEntry.get');
      return bodyOf(await context.client.GET('/api/pay/entry', { ...init }));
    },
    async update(params, opts) {
      const init = callInit(context, opts, 'payEntry.update');
      return bodyOf(await context.client.POST('/api/pay/entry', { ...init, body: params }));
    },
  };
}
