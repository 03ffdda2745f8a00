import type { RequestContext } from '../auth/context.js';
import type { KeyMode } from '../keys/secrets.js';
import { createPayment, type PaymentInput, type PaymentsDeps } from '../payments/service.js';
import { AppError } from '../platform/errors.js';
import { type SchemaIssue, schemaIssues, specSchema } from '../platform/spec-schemas.js';

/** Seed 001's request, as `PaymentRequested` in `openapi/kafka.asyncapi.yaml` lets it through. */
interface PaymentRequested {
  paymentId: string;
  userId: string;
  merchantId: string;
  mode: KeyMode;
  amount: number;
  currency: string;
  paymentMethod: 'mobile_money' | 'mtn' | 'airtel' | 'zamtel' | 'sandbox';
  flow: 'collection' | 'disbursement';
  msisdn: string;
  description?: string;
  metadata?: Record<string, string>;
}

export type RequestOutcome =
  | { kind: 'created'; paymentId: string }
  | { kind: 'duplicate' }
  | { kind: 'dead_letter'; reason: string; detail: string; errors?: SchemaIssue[] };

const deadLetter = (reason: string, detail: string, errors?: SchemaIssue[]): RequestOutcome => ({
  kind: 'dead_letter',
  reason,
  detail,
  ...(errors && errors.length > 0 ? { errors } : {}),
});

let validators:
  | { request: ReturnType<typeof specSchema>; payment: ReturnType<typeof specSchema> }
  | undefined;
const validate = () => {
  validators ??= {
    request: specSchema('kafka.asyncapi.yaml', 'PaymentRequested'),
    payment: specSchema('molam.yaml', 'PaymentCreate'),
  };
  return validators;
};

/** The bytes as text when they are UTF-8; undefined otherwise. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseValue(value: Buffer | null): unknown {
  const text = value === null ? undefined : strictUtf8(value);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API's payment creation for a request: `paymentId` is the external id, `userId` goes in the metadata. */
function paymentInput(request: PaymentRequested): PaymentInput {
  const common = {
    external_id: request.paymentId,
    amount: request.amount,
    currency: request.currency,
    ...(request.paymentMethod === 'mobile_money' ? {} : { provider: request.paymentMethod }),
    ...(request.description === undefined ? {} : { description: request.description }),
    metadata: { ...request.metadata, user_id: request.userId },
  };
  return request.flow === 'disbursement'
    ? { ...common, flow: 'disbursement', payee: request.msisdn }
    : { ...common, flow: 'collection', payer: request.msisdn };
}

/** Requests act as the requested merchant, in the requested mode, through the topic's own identity. */
function contextFor(request: PaymentRequested): RequestContext {
  return {
    auth: {
      keyId: 'kafka',
      merchantId: request.merchantId,
      mode: request.mode,
      scopes: ['payments:write'],
      expiresAt: null,
      superseded: false,
      user: null,
      merchantInactive: null,
    },
    actor: { id: 'kafka' },
  };
}

/**
 * Takes one `payments.payment-requested` message: a payment created exactly once per `paymentId` (redelivered
 * or re-sent messages are duplicates), or the reason it goes to the dead-letter topic. Throws only for what
 * may pass (the database, a provider whose circuit is open): the caller retries without committing.
 */
export async function takePaymentRequest(
  deps: PaymentsDeps,
  value: Buffer | null,
  options: { liveAllowed: boolean },
): Promise<RequestOutcome> {
  const message = parseValue(value);
  if (message === undefined) return deadLetter('invalid_json', 'The value is not a UTF-8 JSON document.');
  const { request: validRequest, payment: validPayment } = validate();
  if (!validRequest(message)) {
    return deadLetter(
      'invalid_message',
      'The message does not match PaymentRequested.',
      schemaIssues(validRequest.errors),
    );
  }
  const request = message as PaymentRequested;
  if (request.mode === 'live' && !options.liveAllowed) {
    // As for API keys: a sandbox server makes no live payments.
    return deadLetter('live_mode_unavailable', 'A sandbox server takes test requests only (mode: test).');
  }
  const input = paymentInput(request);
  if (!validPayment(input)) {
    return deadLetter(
      'invalid_message',
      'The payment it asks for is not one the API would take.',
      schemaIssues(validPayment.errors),
    );
  }
  const { rows } = await deps.db.query<{ status: string }>('SELECT status FROM merchants WHERE id = $1', [
    request.merchantId,
  ]);
  const merchant = rows[0];
  if (!merchant) return deadLetter('merchant_not_found', `No merchant ${request.merchantId}.`);
  if (merchant.status !== 'active') {
    return deadLetter('merchant_inactive', `Merchant ${request.merchantId} is ${merchant.status}.`);
  }
  try {
    const answer = await createPayment(deps, contextFor(request), input, `kafka:${request.paymentId}`);
    if (answer.replayed) return { kind: 'duplicate' };
    const body = answer.body as { id?: string; code?: string; detail?: string };
    if (answer.status === 202 && body.id) return { kind: 'created', paymentId: body.id };
    // Made by the API (or an earlier request) with this external id: the request is already served.
    if (body.code === 'payment_exists') return { kind: 'duplicate' };
    return deadLetter(body.code ?? 'payment_refused', body.detail ?? `Answered ${answer.status}.`);
  } catch (error) {
    // Refusals are final; an open circuit (503) or a failing database passes, so the message is retried.
    if (error instanceof AppError && error.status < 500) return deadLetter(error.code, error.message);
    throw error;
  }
}
