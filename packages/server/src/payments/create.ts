import { createHash, randomUUID } from 'node:crypto';
import type { Schemas } from '@molam/contract';
import { paymentTransactionEventRow } from '../analytics/ingest.js';
import { auditRow } from '../audit/audit.js';
import { type RequestContext, type Tenant, tenantOf } from '../auth/context.js';
import { newEventRow } from '../events/service.js';
import { outboxRow } from '../outbox/append.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { problemDocument } from '../platform/http/problem.js';
import {
  answerForTakenKey,
  claimIdempotencyKey,
  idempotencyOwner,
  KEY_KEEP_HOURS,
  type KeyColumns,
  keyRowOf,
  type StoredResponse,
  storeIdempotentResponse,
  withoutSecret,
} from '../platform/idempotency-keys.js';
import { newId } from '../platform/ids.js';
import { DEFAULT_MAX_ATTEMPTS } from '../platform/jobs/index.js';
import type { ProviderBreakers } from './breakers.js';
import { creationMessages } from './events.js';
import { submitJob } from './job-kinds.js';
import { type Payment, presentPayment } from './present.js';
import type { ProviderName } from './providers/types.js';
import { candidateProviders, checkCurrency, type ProviderRegistry } from './routing.js';
import * as store from './store.js';

/** A collection (with a payer) or a disbursement (with a payee), as the validator has let it through. */
export type PaymentInput = Schemas['PaymentCreate'];

export interface PaymentsDeps {
  db: Database;
  registry: ProviderRegistry;
  breakers: ProviderBreakers;
}

export interface PaymentResponse extends StoredResponse {
  replayed: boolean;
}

export const PAYMENTS_BELONG = 'Payments belong';

/** The SQLSTATE `molam_create_payment` raises when the merchant already has a payment with this external id. */
const EXTERNAL_ID_TAKEN = 'MP409';

/** The spec lets a collection name only a payer and a disbursement only a payee. */
const counterparty = (input: PaymentInput): string =>
  input.flow === 'collection' ? input.payer : input.payee;

const fingerprintOf = (input: PaymentInput): string =>
  createHash('sha256')
    .update(`POST /api/v1/payments\n${JSON.stringify(input)}`)
    .digest('hex');

/**
 * Creates a payment exactly once, in two round trips: the routing read, then one statement
 * (`molam_create_payment`, migration 0015) that claims the idempotency key and writes the payment, its outbox
 * message, its event and webhook deliveries, its analytics row, its submission job, its audit row and the stored
 * answer, all or nothing. Every row is built here, by the same code the other writes use. Concurrent retries with
 * the same key wait on the key's row and then replay that answer. Nothing talks to a provider here.
 */
export async function createPayment(
  deps: PaymentsDeps,
  ctx: RequestContext,
  input: PaymentInput,
  idempotencyKey: string,
): Promise<PaymentResponse> {
  const tenant = tenantOf(ctx, PAYMENTS_BELONG);
  checkCurrency(input.currency);
  const key = { owner: idempotencyOwner(ctx.auth), key: idempotencyKey, fingerprint: fingerprintOf(input) };
  const route = await routeOf(deps, tenant, input);
  // A refusal must not hide an earlier answer under the same key: that is replayed first.
  if (route instanceof AppError) return refuseUnlessReplay(deps.db, key, route);

  const row = newPaymentRow(tenant, input, route);
  const payment = presentPayment(row);
  try {
    const { rows } = await deps.db.query<{ outcome: 'created' | 'taken' } & KeyColumns>(
      'SELECT * FROM molam_create_payment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      creationArguments(ctx, tenant, key, row, payment),
    );
    const answer = rows[0];
    if (!answer) throw new Error('molam_create_payment answered nothing');
    if (answer.outcome === 'created') return { status: 202, body: payment, replayed: false };
    return { ...answerForTakenKey(keyRowOf(answer), key.fingerprint), replayed: true };
  } catch (error) {
    if ((error as { code?: unknown }).code !== EXTERNAL_ID_TAKEN) throw error;
    return answerExternalIdTaken(deps.db, ctx, tenant, input, key);
  }
}

interface KeyClaim {
  owner: string;
  key: string;
  fingerprint: string;
}

/** The provider this payment goes to, or why none can take it (answered only when the key has no earlier answer). */
async function routeOf(
  deps: PaymentsDeps,
  tenant: Tenant,
  input: PaymentInput,
): Promise<ProviderName | AppError> {
  try {
    const candidates = await candidateProviders(deps.db, deps.registry, {
      tenant,
      flow: input.flow,
      currency: input.currency,
      amount: input.amount,
      requested: input.provider,
    });
    return chooseProvider(candidates, deps.breakers, input.currency);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** Chooses the first provider whose circuit is closed; 503 when every candidate's circuit is open. */
function chooseProvider(
  candidates: ProviderName[],
  breakers: ProviderBreakers,
  currency: string,
): ProviderName {
  const first = candidates[0];
  if (first === undefined) {
    throw new AppError(
      400,
      'no_provider_available',
      `No enabled provider can take this ${currency} payment; set a routing preference or configure a provider.`,
    );
  }
  const healthy = candidates.find((name) => !breakers.isOpen(name));
  if (healthy) return healthy;
  const seconds = Math.min(...candidates.map((name) => breakers.retryAfterSeconds(name)));
  throw new AppError(
    503,
    'provider_unavailable',
    `${candidates.join(', ')} ${candidates.length === 1 ? 'is' : 'are'} not answering; retry after ${seconds} s.`,
    {
      title: 'Provider unavailable',
      headers: { 'Retry-After': String(seconds) },
    },
  );
}

/**
 * The new payment's row: created now, pending, not yet submitted. Its times come from this server's clock, not
 * the database's: the answer is built before the row is written, and must read back the same (the analytics row
 * and the job's run time were already this clock's).
 */
function newPaymentRow(tenant: Tenant, input: PaymentInput, provider: ProviderName): store.PaymentRow {
  const now = new Date();
  return {
    id: newId('pay'),
    merchant_id: tenant.merchantId,
    external_id: input.external_id,
    flow: input.flow,
    amount: input.amount,
    currency: input.currency,
    msisdn: counterparty(input),
    provider,
    provider_reference: randomUUID(),
    provider_transaction_id: null,
    status: 'pending',
    failure_code: null,
    failure_message: null,
    description: input.description ?? null,
    payer_message: input.payer_message ?? null,
    payee_note: input.payee_note ?? null,
    metadata: input.metadata ?? {},
    mode: tenant.mode,
    provider_requested: input.provider !== undefined,
    submitted_at: null,
    created_at: now,
    updated_at: now,
    completed_at: null,
  };
}

/** `molam_create_payment`'s arguments, in order: the key, then each row it writes, as JSON. */
function creationArguments(
  ctx: RequestContext,
  tenant: Tenant,
  key: KeyClaim,
  row: store.PaymentRow,
  payment: Payment,
): unknown[] {
  const analytics = paymentTransactionEventRow(payment, 'payment_created');
  return [
    key.owner,
    key.key,
    key.fingerprint,
    KEY_KEEP_HOURS,
    JSON.stringify(row),
    JSON.stringify(creationMessages(payment).map(outboxRow)),
    JSON.stringify(newEventRow({ tenant, type: 'payment.created', object: payment })),
    analytics && JSON.stringify(analytics),
    JSON.stringify({
      kind: submitJob(row.provider),
      payload: { paymentId: payment.id, tried: [] },
      max_attempts: DEFAULT_MAX_ATTEMPTS,
    }),
    JSON.stringify(
      auditRow({
        actor: ctx.actor,
        merchantId: tenant.merchantId,
        action: 'payment.created',
        entityType: 'payment',
        entityId: payment.id,
        newValues: payment,
      }),
    ),
    JSON.stringify({ status: 202, body: withoutSecret(payment) }),
  ];
}

/** A refusal (no provider, circuit open …) answered as before: after the key's claim, which it then gives back. */
function refuseUnlessReplay(db: Database, key: KeyClaim, refusal: AppError): Promise<PaymentResponse> {
  return db.transaction(async (tx) => {
    const stored = await claimIdempotencyKey(tx, key.owner, key.key, key.fingerprint, 0);
    if (stored) return { ...stored, replayed: true };
    throw refusal; // rolls the claim back: the key stays free for a request that can be served
  });
}

/**
 * The merchant already has a payment with this external id: a 409 naming it, stored under the key like any
 * answer. Rare, so it takes the slower way (a transaction of its own) and the database function stays simple.
 */
function answerExternalIdTaken(
  db: Database,
  ctx: RequestContext,
  tenant: Tenant,
  input: PaymentInput,
  key: KeyClaim,
): Promise<PaymentResponse> {
  return db.transaction(async (tx) => {
    const stored = await claimIdempotencyKey(tx, key.owner, key.key, key.fingerprint, 0);
    if (stored) return { ...stored, replayed: true };
    const existing = await store.findPaymentByExternalId(tx, tenant, input.external_id);
    const conflict = new AppError(
      409,
      'payment_exists',
      `Payment ${existing?.id ?? ''} already has external_id ${input.external_id}.`,
      {
        errors: [
          {
            field: 'body.external_id',
            message: `already used by ${existing?.id ?? 'another payment'}`,
            code: 'duplicate',
          },
        ],
      },
    );
    const response = { status: 409, body: problemDocument(conflict, ctx.actor.requestId) };
    await storeIdempotentResponse(tx, key.owner, key.key, response);
    return { ...response, replayed: false };
  });
}
