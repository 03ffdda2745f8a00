import type { AdapterOptions } from '../../src/payments/providers/adapter-options.js';
import { createAirtelAdapter } from '../../src/payments/providers/airtel/adapter.js';
import { loadAirtelConfig } from '../../src/payments/providers/airtel/config.js';
import { createMtnAdapter } from '../../src/payments/providers/mtn/adapter.js';
import { loadMtnConfig } from '../../src/payments/providers/mtn/config.js';
import type { ProviderAdapter } from '../../src/payments/providers/types.js';
import {
  createZamtelAdapter,
  type ZamtelAdapterOptions,
} from '../../src/payments/providers/zamtel/adapter.js';
import { loadZamtelConfig } from '../../src/payments/providers/zamtel/config.js';
import type { AirtelFake } from '../fakes/airtel-fake.js';
import type { MtnFake } from '../fakes/mtn-fake.js';
import type { ZamtelFake } from '../fakes/zamtel-fake.js';

/** Short timeouts so that "hang" faults end quickly. */
const TEST_TIMEOUT_MS = '300';

export function mtnAdapterFor(
  fake: MtnFake,
  options: AdapterOptions,
  env: Record<string, string> = {},
): ProviderAdapter {
  const result = loadMtnConfig({ ...fake.env(), MTN_TIMEOUT_MS: TEST_TIMEOUT_MS, ...env });
  if (!result.enabled) throw new Error(result.reason);
  return createMtnAdapter(result.config, options);
}

export function airtelAdapterFor(fake: AirtelFake, options: AdapterOptions): ProviderAdapter {
  const result = loadAirtelConfig({ ...fake.env(), AIRTEL_TIMEOUT_MS: TEST_TIMEOUT_MS });
  if (!result.enabled) throw new Error(result.reason);
  return createAirtelAdapter(result.config, options);
}

export function zamtelAdapterFor(fake: ZamtelFake, options: ZamtelAdapterOptions): ProviderAdapter {
  const result = loadZamtelConfig({ ...fake.env(), ZAMTEL_TIMEOUT_MS: TEST_TIMEOUT_MS });
  if (!result.enabled) throw new Error(result.reason);
  return createZamtelAdapter(result.config, options);
}
