import {
  type HttpExchange,
  type JsonHttpClient,
  parseRetryAfter,
} from '../../platform/outbound/json-client.js';
import { callRecord } from './call-record.js';
import {
  type ClassificationRule,
  type ClassificationTable,
  classify,
  type Decision,
  type Operation,
} from './classification.js';
import { type Redaction, redactText } from './redact.js';
import { type RetryPolicy, retrying } from './retry.js';
import type { CallLog, ProviderName } from './types.js';

export interface CallSpec {
  operation: Operation;
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  json?: unknown;
  /** What the record shows as the request body when it is not `json` (parameters sent in the query string). */
  recordedBody?: unknown;
}

/** What one call to a provider came to, after retries. */
export interface Verdict {
  decision: Decision;
  rule: ClassificationRule;
  /** The last exchange; undefined when the call was never sent (its token could not be had). */
  exchange: HttpExchange | undefined;
  /** For people: status, provider code and message, redacted. */
  reason: string;
  retryAfterMs?: number | undefined;
}

export type Authorization = { ok: true; header: string } | { ok: false; verdict: Verdict };

/** Supplies the bearer token of a call, and forgets it when the provider refuses it. */
export interface Authorizer {
  authorize(log: CallLog): Promise<Authorization>;
  invalidate(header: string): void;
}

export interface ProviderClientOptions {
  provider: ProviderName;
  /** How messages name the provider: `MTN collection`. */
  label: string;
  http: JsonHttpClient;
  table: ClassificationTable;
  /** The provider's codes in a response body, most specific first. */
  codesOf: (json: unknown) => readonly string[];
  messageOf: (json: unknown) => string | undefined;
  retry: RetryPolicy;
  redaction: Redaction;
}

interface Attempt {
  verdict: Verdict;
  /** False when the exchange was already recorded (a token call records its own). */
  record: boolean;
}

/**
 * Sends one provider call: bearer token (refreshed once on a 401), classification by the provider's table,
 * short retries, and one redacted record per exchange with what was decided.
 */
export class ProviderClient {
  constructor(private readonly options: ProviderClientOptions) {}

  async call(spec: CallSpec, log: CallLog, auth?: Authorizer): Promise<Verdict> {
    const session = { refreshed: false };
    const result = await retrying<Attempt>(
      this.options.retry,
      async () => {
        const attempt = await this.attempt(spec, log, auth, session);
        const { decision, retryAfterMs } = attempt.verdict;
        return { value: attempt, retryable: decision === 'retry', retryAfterMs };
      },
      ({ verdict, record }, next) => {
        if (!record || !verdict.exchange) return;
        const decision = verdict.decision === 'retry' && next === 'stop' ? 'unavailable' : verdict.decision;
        log(this.record(spec, verdict.exchange, decision));
      },
    );
    const { verdict } = result.value;
    if (!result.exhausted) return verdict;
    const reason = `${verdict.reason}; gave up after ${result.attempts} attempts`;
    return { ...verdict, decision: 'unavailable', reason };
  }

  /** One exchange, or two when a refused token is refreshed (once per call). */
  private async attempt(
    spec: CallSpec,
    log: CallLog,
    auth: Authorizer | undefined,
    session: { refreshed: boolean },
  ): Promise<Attempt> {
    for (;;) {
      const authorization = auth ? await auth.authorize(log) : undefined;
      if (authorization?.ok === false) return { verdict: authorization.verdict, record: false };
      const headers = authorization?.ok
        ? { ...spec.headers, authorization: authorization.header }
        : spec.headers;
      const exchange = await this.options.http.request({ ...spec, ...(headers ? { headers } : {}) });
      const refused = exchange.kind === 'response' && exchange.status === 401;
      if (auth && authorization?.ok && refused && !session.refreshed) {
        session.refreshed = true;
        log(this.record(spec, exchange, 'refresh_token'));
        auth.invalidate(authorization.header);
        continue;
      }
      return { verdict: this.judge(spec.operation, exchange), record: true };
    }
  }

  private judge(operation: Operation, exchange: HttpExchange): Verdict {
    const { label, table, redaction } = this.options;
    if (exchange.kind === 'network_error') {
      const { code, delivery } = exchange.error;
      const rule = classify(table, operation, delivery, []);
      const sent = delivery === 'not_sent' ? 'not sent' : 'may have been sent';
      return { decision: rule.decision, rule, exchange, reason: `${label} ${operation}: ${code} (${sent})` };
    }
    const codes = this.options.codesOf(exchange.body.json);
    const rule = classify(table, operation, exchange.status, codes);
    const shownCode = rule.code !== '*' ? rule.code : codes[0];
    const message = this.options.messageOf(exchange.body.json);
    const said = `HTTP ${exchange.status}${shownCode ? ` ${shownCode}` : ''}${message ? ` (${message.slice(0, 200)})` : ''}`;
    const reason = redactText(`${label} ${operation}: ${said}`, redaction);
    const retryAfterMs = parseRetryAfter(exchange.headers['retry-after']);
    return { decision: rule.decision, rule, exchange, reason, retryAfterMs };
  }

  private record(spec: CallSpec, exchange: HttpExchange, decision: string) {
    return callRecord({
      provider: this.options.provider,
      operation: spec.operation,
      method: spec.method,
      url: this.options.http.urlFor(spec.path),
      exchange,
      requestBody: spec.recordedBody ?? spec.json,
      decision,
      redaction: this.options.redaction,
    });
  }
}
