import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { enqueueJob } from '../platform/jobs/index.js';
import { checkJob } from './job-kinds.js';
import { verifyHmacSha256 } from './providers/signature.js';
import type { ProviderName } from './providers/types.js';
import * as store from './store.js';

/** What a callback body says about which payment it concerns: our id, or our provider reference. */
interface CallbackTarget {
  paymentId?: string | undefined;
  reference?: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * MTN echoes `externalId` (we send our payment id) and sometimes the reference; Airtel sends
 * `transaction.id` (our reference); Zamtel's unofficial format carries `ConversationId` (our reference).
 */
function targetOf(provider: ProviderName, body: unknown): CallbackTarget {
  switch (provider) {
    case 'mtn':
    case 'sandbox':
      return { paymentId: text(field(body, 'externalId')), reference: text(field(body, 'referenceId')) };
    case 'airtel':
      return { reference: text(field(field(body, 'transaction'), 'id')) };
    case 'zamtel':
      return { reference: text(field(body, 'ConversationId')) ?? text(field(body, 'conversationId')) };
  }
}

export interface CallbackInput {
  provider: ProviderName;
  rawBody: Buffer | undefined;
  body: unknown;
  signature: string | undefined;
  /** The provider's webhook secret, when one is configured. */
  secret: string | undefined;
}

/**
 * A callback is only a hint. It is verified when the provider signs (a bad signature changes nothing), tied to
 * one of our payments, and answered by scheduling an immediate status check: the provider's status endpoint,
 * not the callback's body, decides the payment's state, so a forged callback cannot settle anything.
 */
export async function receiveCallback(db: Database, input: CallbackInput): Promise<{ paymentId: string }> {
  if (
    input.secret !== undefined &&
    !verifyHmacSha256(input.rawBody ?? Buffer.alloc(0), input.signature, input.secret)
  ) {
    throw new AppError(
      401,
      'invalid_signature',
      'X-Signature-256 does not match the body for this provider’s webhook secret.',
    );
  }
  const target = targetOf(input.provider, input.body);
  const row =
    (target.paymentId && /^pay_[0-9A-Z]{26}$/.test(target.paymentId)
      ? await store.findPaymentById(db, target.paymentId)
      : undefined) ??
    (target.reference ? await store.findPaymentByReference(db, target.reference) : undefined);
  if (!row || row.provider !== input.provider) {
    throw new AppError(404, 'payment_not_found', `The ${input.provider} callback names no payment of ours.`);
  }
  // One statement: atomic without a transaction around it (two round trips fewer).
  if (row.status === 'pending') await enqueueJob(db, checkJob(row.provider), { paymentId: row.id });
  return { paymentId: row.id };
}
