import type { Queryable } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { currencyExponent } from './providers/currency.js';
import type { Flow, ProviderAdapter, ProviderName } from './providers/types.js';
import { findRouting } from './routing-store.js';

export interface ProviderRegistry {
  adapters: ReadonlyMap<ProviderName, ProviderAdapter>;
  /** Providers that are switched off, with the reason (missing credentials …). */
  disabled: ReadonlyMap<ProviderName, string>;
}

export interface RouteRequest {
  merchantId: string;
  mode: 'test' | 'live';
  flow: Flow;
  currency: string;
  amount: number;
  /** The provider the merchant asked for, if any: then there is no fallback. */
  requested?: ProviderName | undefined;
}

// Test mode defaults to the simulator; live mode to the real networks, in this order, unless the merchant
// set a preference.
const DEFAULT_ORDER: Record<'test' | 'live', ProviderName[]> = {
  test: ['sandbox'],
  live: ['mtn', 'airtel', 'zamtel'],
};

/** Why `adapter` cannot take this payment, or null when it can. */
export function unsupportedReason(adapter: ProviderAdapter, request: RouteRequest): AppError | null {
  const { capabilities } = adapter;
  if (!capabilities.flows.includes(request.flow)) {
    return new AppError(400, 'flow_not_supported', `${adapter.name} does not support ${request.flow}s.`, {
      errors: [
        { field: 'body.flow', message: `${adapter.name} does not support it`, code: 'flow_not_supported' },
      ],
    });
  }
  if (!capabilities.currencies.includes('*') && !capabilities.currencies.includes(request.currency)) {
    return new AppError(
      400,
      'currency_not_supported',
      `${adapter.name} does not take ${request.currency} (it takes ${capabilities.currencies.join(', ')}).`,
      {
        errors: [
          {
            field: 'body.currency',
            message: `${adapter.name} does not take it`,
            code: 'currency_not_supported',
          },
        ],
      },
    );
  }
  const limits = capabilities.limits?.[request.currency];
  if (limits && (request.amount < limits.min || request.amount > limits.max)) {
    return new AppError(
      400,
      'amount_out_of_range',
      `${adapter.name} takes ${request.currency} amounts from ${limits.min} to ${limits.max} minor units.`,
      {
        errors: [
          {
            field: 'body.amount',
            message: `must be between ${limits.min} and ${limits.max}`,
            code: 'amount_out_of_range',
          },
        ],
      },
    );
  }
  return null;
}

/** The currency itself must be one we know, so amounts in it mean something. */
export function checkCurrency(currency: string): void {
  if (currencyExponent(currency) === undefined) {
    throw new AppError(400, 'currency_not_supported', `${currency} is not a currency Molam handles.`, {
      errors: [
        {
          field: 'body.currency',
          message: 'unknown or unsupported ISO 4217 code',
          code: 'currency_not_supported',
        },
      ],
    });
  }
}

/**
 * The providers to try, in order. An explicit `provider` is the only candidate and must be able to take the
 * payment; otherwise the merchant's preference (or the default) filtered to the enabled providers that can.
 * The simulator never handles live payments.
 */
export async function candidateProviders(
  db: Queryable,
  registry: ProviderRegistry,
  request: RouteRequest,
  exclude: readonly ProviderName[] = [],
): Promise<ProviderName[]> {
  if (request.requested) {
    const name = request.requested;
    if (name === 'sandbox' && request.mode === 'live') {
      throw new AppError(
        400,
        'sandbox_in_live_mode',
        'The sandbox provider moves no money: use a test key with it.',
        {
          errors: [
            { field: 'body.provider', message: 'not available to live keys', code: 'sandbox_in_live_mode' },
          ],
        },
      );
    }
    const adapter = registry.adapters.get(name);
    if (!adapter) {
      throw new AppError(
        400,
        'provider_disabled',
        registry.disabled.get(name) ?? `${name} is not configured on this server.`,
        {
          errors: [
            { field: 'body.provider', message: 'not enabled on this server', code: 'provider_disabled' },
          ],
        },
      );
    }
    const reason = unsupportedReason(adapter, request);
    if (reason) throw reason;
    return exclude.includes(name) ? [] : [name];
  }
  const preference = (await findRouting(db, request.merchantId))?.currencies[request.currency];
  const order = preference ?? DEFAULT_ORDER[request.mode];
  return order.filter((name) => {
    const adapter = registry.adapters.get(name);
    if (!adapter || exclude.includes(name)) return false;
    if (name === 'sandbox' && request.mode === 'live') return false;
    return unsupportedReason(adapter, request) === null;
  });
}
