import { type CircuitBreakerPolicy, CircuitState } from 'cockatiel';
import {
  type BreakerState,
  breakerState,
  outcomeBreaker,
  throughBreaker,
} from '../platform/outbound/outcome-breaker.js';
import type { ProviderName } from './providers/types.js';

export interface BreakerOptions {
  /** Consecutive downtime-type outcomes that open a provider's circuit. */
  threshold?: number;
  /** How long an open circuit refuses calls before letting one through to test the provider. */
  halfOpenAfterMs?: number;
  onStateChange?: (provider: ProviderName, state: BreakerState) => void;
}

/**
 * Only downtime opens a circuit: a submission the provider could not take (`unavailable`) or a status it could
 * not give (`unknown`). A payer's rejection says nothing about the provider's health.
 */
const isDowntime = (outcome: unknown): boolean => {
  const kind =
    typeof outcome === 'object' && outcome !== null ? (outcome as { kind?: unknown }).kind : undefined;
  return kind === 'unavailable' || kind === 'unknown';
};

/** One circuit breaker per provider (cockatiel). */
export class ProviderBreakers {
  private readonly breakers = new Map<ProviderName, CircuitBreakerPolicy>();
  private readonly openedAt = new Map<ProviderName, number>();
  private readonly threshold: number;
  private readonly halfOpenAfterMs: number;

  constructor(private readonly options: BreakerOptions = {}) {
    this.threshold = options.threshold ?? 5;
    this.halfOpenAfterMs = options.halfOpenAfterMs ?? 30_000;
  }

  private breaker(provider: ProviderName): CircuitBreakerPolicy {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = outcomeBreaker(isDowntime, {
        threshold: this.threshold,
        halfOpenAfterMs: this.halfOpenAfterMs,
        onStateChange: (state) => {
          if (state === 'open') this.openedAt.set(provider, Date.now());
          this.options.onStateChange?.(provider, state);
        },
      });
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  isOpen(provider: ProviderName): boolean {
    return this.breaker(provider).state === CircuitState.Open;
  }

  state(provider: ProviderName): BreakerState {
    return breakerState(this.breaker(provider));
  }

  /** Seconds until an open circuit lets a test call through (at least 1). */
  retryAfterSeconds(provider: ProviderName): number {
    const opened = this.openedAt.get(provider) ?? Date.now();
    return Math.max(1, Math.ceil((opened + this.halfOpenAfterMs - Date.now()) / 1000));
  }

  /** Runs a provider call through its breaker; an open circuit answers `unavailable` without calling. */
  async run<T>(
    provider: ProviderName,
    call: () => Promise<T>,
  ): Promise<T | { kind: 'unavailable'; reason: string; retryAfterMs: number }> {
    return throughBreaker(this.breaker(provider), call, () => ({
      kind: 'unavailable' as const,
      reason: `${provider} circuit is open after repeated downtime`,
      retryAfterMs: this.retryAfterSeconds(provider) * 1000,
    }));
  }
}
