import type { KeyMode } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { AppError, type FieldError } from '../platform/errors.js';
import { currencyExponent } from './providers/currency.js';
import type { Flow, ProviderAdapter, ProviderName } from './providers/types.js';
import { findRouting } from './routing-store.js';

export interface ProviderRegistry {
  adapters: ReadonlyMap<ProviderName, ProviderAdapter>;
  /** Providers that are switched off, with the reason (missing credentials …). */
  disabled: ReadonlyMap<ProviderName, string>;
  /** A production server: its providers move real money, so test payments go to the simulator only. */
  production?: boolean;
}

export interface RouteRequest {
  tenant: Tenant;
  flow: Flow;
  currency: string;
  amount: number;
  /** The provider the merchant asked for, if any: then there is no fallback. */
  requested?: ProviderName | undefined;
}

// Test mode defaults to the simulator; live mode to the real networks, in this order, unless the merchant
// set a preference.
const DEFAULT_ORDER: Record<KeyMode, ProviderName[]> = {
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
    if (name !== 'sandbox' && request.tenant.mode === 'test' && registry.production) {
      throw new AppError(
        400,
        'provider_not_in_test_mode',
        `Test payments on this server go to the sandbox simulator only: ${name} would move real money.`,
        {
          errors: [
            {
              field: 'body.provider',
              message: 'not available to test keys here',
              code: 'provider_not_in_test_mode',
            },
          ],
        },
      );
    }
    if (name === 'sandbox' && request.tenant.mode === 'live') {
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
        // Why it is off (which variables are unset) is the operator's business: it is in the start-up log.
        `${name} is not enabled on this server.`,
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
  const { mode } = request.tenant;
  const preference = (await findRouting(db, request.tenant))?.currencies[request.currency];
  const order =
    mode === 'test' && registry.production ? ['sandbox' as const] : (preference ?? DEFAULT_ORDER[mode]);
  return order.filter((name) => {
    const adapter = registry.adapters.get(name);
    if (!adapter || exclude.includes(name)) return false;
    if (name === 'sandbox' && mode === 'live') return false;
    return unsupportedReason(adapter, request) === null;
  });
}

/**
 * A routing preference may only name providers this server has enabled, and never the simulator for live
 * payments: refused when it is saved, not discovered when a payment cannot go anywhere.
 */
export function checkRoutingPreference(
  registry: ProviderRegistry,
  mode: KeyMode,
  currencies: Record<string, ProviderName[]>,
): void {
  const errors: FieldError[] = [];
  for (const [currency, providers] of Object.entries(currencies)) {
    if (currencyExponent(currency) === undefined) {
      errors.push({
        field: `body.currencies.${currency}`,
        message: 'not an ISO 4217 currency Molam handles',
        code: 'currency_not_supported',
      });
    }
    providers.forEach((name, index) => {
      const field = `body.currencies.${currency}[${index}]`;
      if (name === 'sandbox' && mode === 'live') {
        errors.push({ field, message: 'the simulator takes no live payments', code: 'sandbox_in_live_mode' });
      } else if (name !== 'sandbox' && mode === 'test' && registry.production) {
        errors.push({
          field,
          message: 'test payments here go to the simulator only',
          code: 'provider_not_in_test_mode',
        });
      } else if (!registry.adapters.has(name)) {
        errors.push({ field, message: `${name} is not enabled on this server`, code: 'provider_disabled' });
      }
    });
  }
  if (errors.length > 0) {
    throw new AppError(
      400,
      'invalid_routing',
      'The routing names providers that cannot take these payments.',
      {
        errors,
      },
    );
  }
}
