import type { HttpExchange } from '../../platform/outbound/json-client.js';
import { type Redaction, redactBody, redactText } from './redact.js';
import type { ProviderCall, ProviderName } from './types.js';

const MAX_TEXT_IN_RECORD = 500;

export interface CallRecordInput {
  provider: ProviderName;
  operation: string;
  method: string;
  /** Already stripped of query strings and user info. */
  url: string;
  exchange: HttpExchange;
  /** As sent; redacted here. */
  requestBody?: unknown;
  decision: string;
  redaction: Redaction;
}

/** The redacted `ProviderCall` of one exchange: no secrets, phone numbers masked, long text cut. */
export function callRecord(input: CallRecordInput): ProviderCall {
  const { exchange, redaction } = input;
  const record: ProviderCall = {
    provider: input.provider,
    operation: input.operation,
    method: input.method,
    url: input.url,
    httpStatus: exchange.kind === 'response' ? exchange.status : null,
    durationMs: exchange.durationMs,
    decision: input.decision,
  };
  if (input.requestBody !== undefined) record.requestBody = redactBody(input.requestBody, redaction);
  if (exchange.kind === 'response') {
    const { json, text } = exchange.body;
    if (json !== undefined) record.responseBody = redactBody(json, redaction);
    else if (text !== '') record.responseBody = redactText(text.slice(0, MAX_TEXT_IN_RECORD), redaction);
  } else {
    record.error = redactText(`${exchange.error.code}: ${exchange.error.message}`, redaction);
  }
  return record;
}
