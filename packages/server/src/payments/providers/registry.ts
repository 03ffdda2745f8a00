import { z } from 'zod';
import type { AdapterOptions } from './adapter-options.js';
import { createAirtelAdapter } from './airtel/adapter.js';
import { loadAirtelConfig } from './airtel/config.js';
import { type Env, parseEnv } from './env.js';
import { createMtnAdapter } from './mtn/adapter.js';
import { loadMtnConfig } from './mtn/config.js';
import { createSandboxAdapter, DEFAULT_SANDBOX_PENDING_SECONDS } from './sandbox.js';
import type { ProviderAdapter, ProviderName } from './types.js';
import { createZamtelAdapter } from './zamtel/adapter.js';
import { loadZamtelConfig } from './zamtel/config.js';

export interface ProviderRegistry {
  adapters: Map<ProviderName, ProviderAdapter>;
  /** Providers left off, with the reason an operator needs (which variables to set). */
  disabled: Map<ProviderName, string>;
  /** A production server (`MOLAM_MODE=production`): test payments go to the simulator only. */
  production: boolean;
}

export interface ProviderRegistryOptions extends AdapterOptions {
  /** The sandbox's clock. */
  sandboxNow?: () => Date;
}

const sandboxShape = { SANDBOX_PENDING_SECONDS: z.coerce.number().int().min(0).max(86_400).optional() };

/**
 * Builds every adapter the environment configures. The sandbox is always there; the others are enabled when
 * their variables are set. A variable that is set but malformed throws ProviderConfigError naming it.
 */
export function createProviders(
  env: Env = process.env,
  options: ProviderRegistryOptions = {},
): ProviderRegistry {
  const adapters = new Map<ProviderName, ProviderAdapter>();
  const disabled = new Map<ProviderName, string>();
  const { SANDBOX_PENDING_SECONDS } = parseEnv(sandboxShape, env);
  adapters.set(
    'sandbox',
    createSandboxAdapter({
      pendingSeconds: SANDBOX_PENDING_SECONDS ?? DEFAULT_SANDBOX_PENDING_SECONDS,
      ...(options.sandboxNow ? { now: options.sandboxNow } : {}),
    }),
  );
  const mtn = loadMtnConfig(env);
  if (mtn.enabled) adapters.set('mtn', createMtnAdapter(mtn.config, options));
  else disabled.set('mtn', mtn.reason);
  const airtel = loadAirtelConfig(env);
  if (airtel.enabled) adapters.set('airtel', createAirtelAdapter(airtel.config, options));
  else disabled.set('airtel', airtel.reason);
  const zamtel = loadZamtelConfig(env);
  if (zamtel.enabled) adapters.set('zamtel', createZamtelAdapter(zamtel.config, options));
  else disabled.set('zamtel', zamtel.reason);
  return { adapters, disabled, production: env.MOLAM_MODE === 'production' };
}

/** Closes every adapter's connections, for graceful shutdown. */
export async function closeProviders(registry: ProviderRegistry): Promise<void> {
  await Promise.all([...registry.adapters.values()].map((adapter) => adapter.close?.()));
}
