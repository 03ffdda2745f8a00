import type { RequestOptions } from '../options.js';
import type { Health, Whoami } from '../types.js';
import { bodyOf, callInit, type ResourceContext } from './context.js';

/** A 503 health answer is still an answer: the body says what is down. A proxy's error page is not. */
function isHealthAnswer(response: Response): boolean {
  const mediaType = response.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  return response.status === 503 && mediaType === 'application/json';
}

export function whoami(context: ResourceContext, opts?: RequestOptions): Promise<Whoami> {
  return (async () => {
    const init = callInit(context, opts, 'whoami');
    return bodyOf(await context.client.GET('/api/v1/whoami', { ...init }));
  })();
}

/**
 * GET /healthz without credentials. Resolves with the body for 200 and for 503 (`status: 'unhealthy'`),
 * so check `status`; makes a single attempt unless `opts.maxRetries` says otherwise, since a probe
 * should report the state now rather than wait for it to change.
 */
export function health(context: ResourceContext, opts?: RequestOptions): Promise<Health> {
  return (async () => {
    const init = callInit(context, opts, 'health', { auth: 'none', maxRetries: 0, accept: isHealthAnswer });
    const result = await context.client.GET('/healthz', { ...init });
    // The only error answer let through is the 503 health body (a 400 is thrown as a problem by the transport).
    if (result.error !== undefined && 'database' in result.error) return result.error;
    return bodyOf(result);
  })();
}
