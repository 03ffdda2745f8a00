import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../platform/config.js';
import { PayEntryMetrics } from './metrics.js';
import type { PayEntrySettings } from './service.js';
import { SiraClient } from './sira.js';

/** Pay entry's metrics, modules and SIRA client. */
export interface PayEntryDeps {
  metrics: PayEntryMetrics;
  settings: PayEntrySettings;
}

/**
 * From the configuration; whoever makes it with SIRA closes `settings.sira` at shutdown (`main` does; an app
 * built without one gets no SIRA client, so nothing is left open).
 */
export function payEntryFromConfig(
  config: Config,
  registry: Registry,
  logger: Logger,
  options: { sira: boolean } = { sira: true },
): PayEntryDeps {
  const metrics = new PayEntryMetrics(registry);
  const sira =
    options.sira && config.SIRA_URL
      ? new SiraClient({
          url: config.SIRA_URL,
          budgetMs: config.SIRA_TIMEOUT_MS,
          breakerThreshold: config.CIRCUIT_BREAKER_THRESHOLD,
          halfOpenAfterMs: config.CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS,
          metrics,
          onBreakerChange: (state) => logger.warn({ state }, 'SIRA circuit changed state'),
        })
      : null;
  return {
    metrics,
    settings: { modules: config.PAY_ENTRY_MODULES, defaultModules: config.PAY_ENTRY_DEFAULT_MODULES, sira },
  };
}
