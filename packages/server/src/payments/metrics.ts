import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ProviderCall, ProviderName } from './providers/types.js';

const BREAKER_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

/** Seed 001's payment metrics, plus provider traffic, circuit state and idempotent replays. */
export class PaymentMetrics {
  readonly processed: Counter<'provider' | 'flow'>;
  readonly failed: Counter<'provider' | 'flow' | 'code'>;
  readonly duration: Histogram<'provider' | 'status'>;
  readonly providerRequests: Counter<'provider' | 'operation' | 'decision'>;
  readonly providerDuration: Histogram<'provider' | 'operation'>;
  readonly breakerState: Gauge<'provider'>;
  readonly idempotentReplays: Counter;
  readonly staleAnswers: Counter<'provider' | 'status'>;
  readonly unservedJobs: Gauge<'provider'>;
  /** Set by a payments worker: ready jobs, by provider, of the providers it is not configured for. */
  unservedJobsSource: (() => Promise<Map<ProviderName, number>>) | undefined;

  constructor(registry: Registry) {
    const registers = [registry];
    const metrics = this;
    this.unservedJobs = new Gauge({
      name: 'payment_jobs_unserved',
      help: 'Ready payment jobs of providers this worker has no credentials for: they wait for a worker that has.',
      labelNames: ['provider'],
      registers,
      async collect() {
        const counts = await metrics.unservedJobsSource?.().catch(() => undefined);
        for (const [provider, ready] of counts ?? []) this.set({ provider }, ready);
      },
    });
    this.processed = new Counter({
      name: 'payments_processed_total',
      help: 'Payments that succeeded.',
      labelNames: ['provider', 'flow'],
      registers,
    });
    this.failed = new Counter({
      name: 'payments_failed_total',
      help: 'Payments that failed, by failure code.',
      labelNames: ['provider', 'flow', 'code'],
      registers,
    });
    this.staleAnswers = new Counter({
      name: 'payment_stale_answers_total',
      help: 'Final answers from a provider a payment had left (re-routed meanwhile), set aside.',
      labelNames: ['provider', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'payment_processing_duration_seconds',
      help: 'From creation to a final state.',
      labelNames: ['provider', 'status'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.providerRequests = new Counter({
      name: 'provider_requests_total',
      help: 'HTTP exchanges with providers, by what we made of them.',
      labelNames: ['provider', 'operation', 'decision'],
      registers,
    });
    this.providerDuration = new Histogram({
      name: 'provider_request_duration_seconds',
      help: 'Duration of HTTP exchanges with providers.',
      labelNames: ['provider', 'operation'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers,
    });
    this.breakerState = new Gauge({
      name: 'provider_circuit_state',
      help: 'Circuit breaker per provider: 0 closed, 1 half open, 2 open.',
      labelNames: ['provider'],
      registers,
    });
    this.idempotentReplays = new Counter({
      name: 'idempotent_replays_total',
      help: 'Requests answered from a stored idempotent response.',
      registers,
    });
  }

  recordCalls(calls: readonly ProviderCall[]): void {
    for (const call of calls) {
      this.providerRequests.inc({
        provider: call.provider,
        operation: call.operation,
        decision: call.decision,
      });
      this.providerDuration.observe(
        { provider: call.provider, operation: call.operation },
        call.durationMs / 1000,
      );
    }
  }

  recordBreaker(provider: ProviderName, state: keyof typeof BREAKER_VALUES): void {
    this.breakerState.set({ provider }, BREAKER_VALUES[state]);
  }
}
