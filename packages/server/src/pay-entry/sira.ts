import { performance } from 'node:perf_hooks';
import type { CircuitBreakerPolicy } from 'cockatiel';
import { z } from 'zod';
import { type HttpExchange, type HttpRequest, JsonHttpClient } from '../platform/outbound/json-client.js';
import { type BreakerState, outcomeBreaker, throughBreaker } from '../platform/outbound/outcome-breaker.js';
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

/** SIRA's answer, once validated: the module it recommends among the enabled ones, or why there is none. */
export type SiraAnswer = { outcome: 'hint'; module: string } | { outcome: Exclude<SiraOutcome, 'hint'> };

const answerSchema = z.object({ module: z.string().max(64).nullable() });

/** The path SIRA serves hints at, under `SIRA_URL` (documented in the README). */
export const SIRA_HINT_PATH = '/v1/pay-entry/recommendation';

/** Outcomes that say SIRA is unwell; a well-formed answer we cannot use (`rejected`) says nothing of its health. */
const FAILURES: ReadonlySet<string> = new Set(['timeout', 'error', 'invalid']);

export interface SiraOptions {
  url: string;
  /** The hard budget of one recommendation, everything included (connecting, a half-open breaker's wait). */
  budgetMs: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
  metrics: PayEntryMetrics;
  onBreakerChange?: (state: BreakerState) => void;
  /** The HTTP client; tests give one that misbehaves. */
  http?: { request(request: HttpRequest): Promise<HttpExchange>; close(): Promise<void> };
}

/** Resolves with a `timeout` answer when the deadline passes; never rejects. */
function whenExpired(deadline: AbortSignal): Promise<SiraAnswer> {
  return new Promise((resolve) => {
    if (deadline.aborted) resolve({ outcome: 'timeout' });
    else deadline.addEventListener('abort', () => resolve({ outcome: 'timeout' }), { once: true });
  });
}

/**
 * SIRA's module recommendation: one POST, a validated answer, and a circuit breaker that stops calling a SIRA
 * that keeps failing. The budget is a deadline of our own, raced against everything (undici only honours an
 * abort once a socket is connected): when it passes, the caller has its `timeout` at once and the request is
 * aborted behind it. Every failure is an outcome, never an exception: the caller always has its fallback.
 */
export class SiraClient {
  private readonly http: NonNullable<SiraOptions['http']>;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly options: SiraOptions) {
    this.http =
      options.http ??
      new JsonHttpClient({ baseUrl: options.url, timeoutMs: options.budgetMs, connections: 32 });
    this.breaker = outcomeBreaker((answer) => FAILURES.has((answer as SiraAnswer).outcome), {
      threshold: options.breakerThreshold,
      halfOpenAfterMs: options.halfOpenAfterMs,
      onStateChange: options.onBreakerChange,
    });
  }

  async recommend(question: SiraQuestion, requestId: string | undefined): Promise<SiraAnswer> {
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.options.budgetMs);
    const call = throughBreaker(
      this.breaker,
      () => this.ask(question, requestId, deadline),
      (): SiraAnswer => ({ outcome: 'breaker_open' }),
    );
    const answer = await Promise.race([call, whenExpired(deadline)]);
    this.options.metrics.siraCalls.inc({ outcome: answer.outcome });
    if (answer.outcome !== 'breaker_open') {
      this.options.metrics.siraDuration.observe(
        { outcome: answer.outcome },
        (performance.now() - started) / 1000,
      );
    }
    return answer;
  }

  private async ask(
    question: SiraQuestion,
    requestId: string | undefined,
    deadline: AbortSignal,
  ): Promise<SiraAnswer> {
    const exchange = await this.http.request({
      method: 'POST',
      path: SIRA_HINT_PATH,
      json: question,
      signal: deadline,
      ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
    });
    if (exchange.kind === 'network_error') {
      return { outcome: deadline.aborted || /TIMEOUT/.test(exchange.error.code) ? 'timeout' : 'error' };
    }
    if (exchange.status < 200 || exchange.status > 299) return { outcome: 'error' };
    const parsed = answerSchema.safeParse(exchange.body.json);
    if (!parsed.success) return { outcome: 'invalid' };
    const { module } = parsed.data;
    if (module === null) return { outcome: 'no_hint' };
    return question.modules_enabled.includes(module) ? { outcome: 'hint', module } : { outcome: 'rejected' };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
