import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
} from 'cockatiel';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface OutcomeBreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number;
  /** How long an open circuit refuses calls before letting one through to test the service. */
  halfOpenAfterMs: number;
  onStateChange?: ((state: BreakerState) => void) | undefined;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

export const breakerState = (breaker: CircuitBreakerPolicy): BreakerState => STATE_NAMES[breaker.state];

/**
 * A circuit breaker (cockatiel, consecutive failures) for calls that report failure as a value rather than
 * throwing: `isFailure` says which outcomes count against the service called.
 */
export function outcomeBreaker(
  isFailure: (outcome: unknown) => boolean,
  options: OutcomeBreakerOptions,
): CircuitBreakerPolicy {
  const breaker = circuitBreaker(handleWhenResult(isFailure), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.threshold),
  });
  const { onStateChange } = options;
  if (onStateChange) breaker.onStateChange((state) => onStateChange(STATE_NAMES[state]));
  return breaker;
}

/** Runs `call` through the breaker; while the circuit is open, answers `whenOpen()` without calling. */
export async function throughBreaker<T, O>(
  breaker: CircuitBreakerPolicy,
  call: () => Promise<T>,
  whenOpen: () => O,
): Promise<T | O> {
  try {
    return await breaker.execute(call);
  } catch (error) {
    if (error instanceof BrokenCircuitError) return whenOpen();
    throw error;
  }
}
