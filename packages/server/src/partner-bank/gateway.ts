import type { CircuitBreakerPolicy } from 'cockatiel';
import { type BreakerState, outcomeBreaker, throughBreaker } from '../platform/outbound/outcome-breaker.js';
import { sandboxBank } from './sandbox.js';
import type { BankSendOutcome, BankStatusOutcome, BankTransfer, PartnerBank } from './types.js';

export interface BankGatewayOptions {
  /** The budget of one call to the bank. */
  timeoutMs: number;
  threshold: number;
  halfOpenAfterMs: number;
  onStateChange?: ((bank: string, state: BreakerState) => void) | undefined;
}

const TIMED_OUT: unique symbol = Symbol('timed out');

const failed = (outcome: unknown) => {
  const kind = (outcome as { kind?: string }).kind;
  return kind === 'unknown' || kind === 'unavailable';
};

/**
 * The partner banks, each behind a deadline and a circuit breaker, as the mobile-money providers are: a bank
 * that stops answering is not called again until its circuit half-opens, and every call ends by its budget.
 * Retries across time belong to the job that calls it (with backoff), never to a loop here.
 */
export class BankGateway {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(
    private readonly banks: ReadonlyMap<string, PartnerBank>,
    private readonly options: BankGatewayOptions,
  ) {
    for (const code of banks.keys()) {
      this.breakers.set(
        code,
        outcomeBreaker(failed, {
          threshold: options.threshold,
          halfOpenAfterMs: options.halfOpenAfterMs,
          onStateChange: options.onStateChange && ((state) => options.onStateChange?.(code, state)),
        }),
      );
    }
  }

  /** Whether transfers of this mode may go to the bank `code`. */
  serves(code: string, mode: 'test' | 'live'): boolean {
    return this.banks.get(code)?.modes.includes(mode) ?? false;
  }

  send(code: string, transfer: BankTransfer): Promise<BankSendOutcome> {
    return this.call(
      code,
      (bank, signal) => bank.send(transfer, signal),
      (reason) => ({ kind: 'unavailable', reason }),
    );
  }

  status(code: string, reference: string): Promise<BankStatusOutcome> {
    return this.call(
      code,
      (bank, signal) => bank.status(reference, signal),
      (reason) => ({ kind: 'unknown', reason }),
    );
  }

  private async call<O>(
    code: string,
    call: (bank: PartnerBank, signal: AbortSignal) => Promise<O>,
    refused: (reason: string) => O,
  ): Promise<O> {
    const bank = this.banks.get(code);
    const breaker = this.breakers.get(code);
    if (!bank || !breaker) return refused(`no partner bank ${code} on this server`);
    return throughBreaker(
      breaker,
      async () => {
        // Raced rather than trusted: an adapter that ignores its signal still ends by the budget for us.
        const signal = AbortSignal.timeout(this.options.timeoutMs);
        const timedOut = new Promise<typeof TIMED_OUT>((resolve) =>
          signal.addEventListener('abort', () => resolve(TIMED_OUT), { once: true }),
        );
        const answered = call(bank, signal).catch((error: unknown): typeof TIMED_OUT => {
          if (signal.aborted) return TIMED_OUT;
          throw error;
        });
        const outcome: O | typeof TIMED_OUT = await Promise.race([answered, timedOut]);
        // A timeout after sending: maybe taken.
        if (outcome === TIMED_OUT)
          return { kind: 'unknown', reason: `no answer within ${this.options.timeoutMs} ms` } as O;
        return outcome;
      },
      () => refused(`the circuit of ${code} is open`),
    );
  }
}

/** The partner banks this server knows: today the simulator, for test mode. */
export function partnerBanksFromConfig(
  config: {
    PARTNER_BANK_TIMEOUT_MS: number;
    CIRCUIT_BREAKER_THRESHOLD: number;
    CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: number;
  },
  onStateChange?: BankGatewayOptions['onStateChange'],
): BankGateway {
  const simulator = sandboxBank();
  return new BankGateway(new Map([[simulator.code, simulator]]), {
    timeoutMs: config.PARTNER_BANK_TIMEOUT_MS,
    threshold: config.CIRCUIT_BREAKER_THRESHOLD,
    halfOpenAfterMs: config.CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS,
    onStateChange,
  });
}
