import { createHash, randomUUID } from 'node:crypto';
import type { Schemas } from '@molam/contract';
import { writeAudit } from '../audit/audit.js';
import { type RequestContext, type Tenant, tenantOf } from '../auth/context.js';
import type { Database, Queryable } from '../platform/db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { problemDocument } from '../platform/http/problem.js';
import {
  claimIdempotencyKey,
  idempotencyOwner,
  type StoredResponse,
  storeIdempotentResponse,
} from '../platform/idempotency-keys.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/index.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import { listAttempts } from './attempts-store.js';
import type { ProviderBreakers } from './breakers.js';
import { paymentRequested } from './events.js';
import { submitJob } from './job-kinds.js';
import { type Payment, presentAttempt, presentPayment } from './present.js';
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

const PAYMENTS_BELONG = 'Payments belong';
/** The spec lets a collection name only a payer and a disbursement only a payee. */
const counterparty = (input: PaymentInput): string =>
  input.flow === 'collection' ? input.payer : input.payee;

const fingerprintOf = (input: PaymentInput): string =>
  createHash('sha256')
    .update(`POST /api/v1/payments\n${JSON.stringify(input)}`)
    .digest('hex');

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
 * Creates a payment exactly once. One transaction claims the idempotency key, inserts the payment, its
 * events, its submission job and its audit row, and stores the response; concurrent retries with the same
 * key wait on the key's row and then replay that response. Nothing talks to a provider here.
 */
export async function createPayment(
  deps: PaymentsDeps,
  ctx: RequestContext,
  input: PaymentInput,
  idempotencyKey: string,
): Promise<PaymentResponse> {
  const tenant = tenantOf(ctx, PAYMENTS_BELONG);
  const owner = idempotencyOwner(ctx.auth);
  const msisdn = counterparty(input);
  checkCurrency(input.currency);
  const fingerprint = fingerprintOf(input);

  return deps.db.transaction(async (tx) => {
    // No lock time: the claim lives and dies with this transaction.
    const stored = await claimIdempotencyKey(tx, owner, idempotencyKey, fingerprint, 0);
    if (stored) return { ...stored, replayed: true };
    const candidates = await candidateProviders(tx, deps.registry, {
      tenant,
      flow: input.flow,
      currency: input.currency,
      amount: input.amount,
      requested: input.provider,
    });
    const provider = chooseProvider(candidates, deps.breakers, input.currency);
    const response = await insertNewPayment(tx, ctx, tenant, input, msisdn, provider);
    await storeIdempotentResponse(tx, owner, idempotencyKey, response);
    return response;
  });
}

async function insertNewPayment(
  tx: Queryable,
  ctx: RequestContext,
  tenant: Tenant,
  input: PaymentInput,
  msisdn: string,
  provider: ProviderName,
): Promise<PaymentResponse> {
  const row = await store.insertPayment(tx, {
    id: newId('pay'),
    merchant_id: tenant.merchantId,
    external_id: input.external_id,
    flow: input.flow,
    amount: input.amount,
    currency: input.currency,
    msisdn,
    provider,
    provider_reference: randomUUID(),
    description: input.description ?? null,
    payer_message: input.payer_message ?? null,
    payee_note: input.payee_note ?? null,
    metadata: input.metadata ?? {},
    mode: tenant.mode,
    provider_requested: input.provider !== undefined,
  });
  if (!row) {
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
    return { status: 409, body: problemDocument(conflict, ctx.actor.requestId), replayed: false };
  }
  const payment = presentPayment(row);
  await paymentRequested(tx, payment);
  await enqueueJob(tx, submitJob(provider), { paymentId: payment.id, tried: [] });
  await writeAudit(tx, {
    actor: ctx.actor,
    merchantId: tenant.merchantId,
    action: 'payment.created',
    entityType: 'payment',
    entityId: payment.id,
    newValues: payment,
  });
  return { status: 202, body: payment, replayed: false };
}

export async function getPayment(db: Queryable, ctx: RequestContext, id: string): Promise<Payment> {
  const row = await store.findPayment(db, tenantOf(ctx, PAYMENTS_BELONG), id);
  if (!row) throw notFound('payment', id);
  return presentPayment(row);
}

export async function listPayments(
  db: Queryable,
  ctx: RequestContext,
  page: PageRequest,
  filters: Omit<store.PaymentFilters, 'limit' | 'startingAfter'>,
): Promise<Schemas['PaymentList']> {
  const rows = await store.listPayments(db, tenantOf(ctx, PAYMENTS_BELONG), {
    ...filters,
    limit: page.limit + 1,
    startingAfter: page.startingAfter,
  });
  return toPage(rows, page.limit, presentPayment);
}

export async function listPaymentAttempts(
  db: Queryable,
  ctx: RequestContext,
  paymentId: string,
  page: PageRequest,
): Promise<Schemas['PaymentAttemptList']> {
  const payment = await getPayment(db, ctx, paymentId);
  const rows = await listAttempts(db, payment.id, page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, presentAttempt);
}
