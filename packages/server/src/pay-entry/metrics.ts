import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * What became of one call to SIRA: `rejected` is a well-formed hint for a module the user has not enabled;
 * `breaker_open`, a call not made because SIRA has been failing.
 */
export type SiraOutcome = 'hint' | 'no_hint' | 'timeout' | 'error' | 'invalid' | 'rejected' | 'breaker_open';

/** Seed 000's metric names, plus SIRA's outcomes. */
export class PayEntryMetrics {
  readonly requests: Counter<'method' | 'endpoint' | 'status'>;
  readonly duration: Histogram<'method' | 'endpoint'>;
  readonly siraCalls: Counter<'outcome'>;
  readonly siraDuration: Histogram<'outcome'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'molam_pay_entry_requests_total',
      help: 'Pay entry requests, by method, endpoint and status (authentication failures included).',
      labelNames: ['method', 'endpoint', 'status'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'molam_pay_entry_request_duration_seconds',
      help: 'Pay entry request duration in seconds, SIRA included.',
      labelNames: ['method', 'endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 2.5, 5],
      registers: [registry],
    });
    this.siraCalls = new Counter({
      name: 'molam_pay_entry_sira_requests_total',
      help: 'SIRA hint requests by outcome: hint, no_hint, timeout, error, invalid, rejected (a module not enabled), breaker_open (not sent).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.siraDuration = new Histogram({
      name: 'molam_pay_entry_sira_duration_seconds',
      help: 'SIRA hint request duration in seconds, by outcome (never more than SIRA_TIMEOUT_MS).',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5],
      registers: [registry],
    });
  }

  /** Mounted before authentication, so refused tokens are counted too. */
  middleware(endpoint: string): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      const path = req.baseUrl + req.path;
      const label = path.replace(/\/+$/, '') === endpoint ? endpoint : 'unmatched';
      res.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.requests.inc({ method: req.method, endpoint: label, status: String(res.statusCode) });
        this.duration.observe({ method: req.method, endpoint: label }, seconds);
      });
      next();
    };
  }
}
