import { performance } from 'node:perf_hooks';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
} from 'cockatiel';
import { z } from 'zod';
import { JsonHttpClient } from '../platform/outbound/json-client.js';
import type { PayEntryMetrics, SiraOutcome } from './metrics.js';

/** What SIRA is told about the user: their context and modules, never their token. */
export interface SiraQuestion {
  user_id: string;
  country: string | null;
  currency: string | null;
  lang: string | null;
  modules_enabled: string[];
  preferred_module: string | null;
  last_module_used: string | null;
}

/** SIRA's answer, once validated: the module it recommends among the enabled ones, or none. */
export type SiraAnswer = { outcome: 'hint'; module: string } | { outcome: Exclude<SiraOutcome, 'hint'> };

const answerSchema = z.object({ module: z.string().max(64).nullable() });

/** The path SIRA serves hints at, under `SIRA_URL` (documented in the README). */
export const SIRA_HINT_PATH = '/v1/pay-entry/recommendation';

export interface SiraOptions {
  url: string;
  /** The hard budget of one call, everything included. */
  budgetMs: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
  metrics: PayEntryMetrics;
}

/**
 * SIRA's module recommendation: one POST with a hard budget (the call is aborted when it runs out, whatever it
 * is waiting for), a validated answer, and a circuit breaker that stops calling a SIRA that keeps failing.
 * Every failure is an outcome, never an exception: the caller always has its local fallback.
 */
export class SiraClient {
  private readonly http: JsonHttpClient;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly options: SiraOptions) {
    this.http = new JsonHttpClient({ baseUrl: options.url, timeoutMs: options.budgetMs, connections: 32 });
    this.breaker = circuitBreaker(
      handleWhenResult((answer) => {
        const outcome = (answer as SiraAnswer).outcome;
        return outcome === 'timeout' || outcome === 'error' || outcome === 'invalid';
      }),
      { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
    );
  }

  async recommend(question: SiraQuestion, requestId: string | undefined): Promise<SiraAnswer> {
    const started = performance.now();
    let answer: SiraAnswer;
    try {
      answer = await this.breaker.execute(() => this.ask(question, requestId));
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      answer = { outcome: 'breaker_open' };
    }
    this.options.metrics.siraCalls.inc({ outcome: answer.outcome });
    if (answer.outcome !== 'breaker_open') {
      this.options.metrics.siraDuration.observe(
        { outcome: answer.outcome },
        (performance.now() - started) / 1000,
      );
    }
    return answer;
  }

  private async ask(question: SiraQuestion, requestId: string | undefined): Promise<SiraAnswer> {
    const signal = AbortSignal.timeout(this.options.budgetMs);
    const exchange = await this.http.request({
      method: 'POST',
      path: SIRA_HINT_PATH,
      json: question,
      signal,
      ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
    });
    if (exchange.kind === 'network_error') {
      return { outcome: signal.aborted || /TIMEOUT/.test(exchange.error.code) ? 'timeout' : 'error' };
    }
    if (exchange.status < 200 || exchange.status > 299) return { outcome: 'error' };
    const parsed = answerSchema.safeParse(exchange.body.json);
    if (!parsed.success) return { outcome: 'invalid' };
    const { module } = parsed.data;
    if (module === null) return { outcome: 'no_hint' };
    // A module the user has not enabled is no answer we can use.
    return question.modules_enabled.includes(module) ? { outcome: 'hint', module } : { outcome: 'invalid' };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
