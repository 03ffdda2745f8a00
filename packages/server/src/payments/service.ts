import { createHash, randomUUID } from 'node:crypto';
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
import { type Page, type PageRequest, toPage } from '../platform/pagination.js';
import { listAttempts } from './attempts-store.js';
import type { ProviderBreakers } from './breakers.js';
import { paymentRequested } from './events.js';
import { submitJob } from './job-kinds.js';
import { type Payment, presentAttempt, presentPayment } from './present.js';
import type { Flow, ProviderName } from './providers/types.js';
import { candidateProviders, checkCurrency, type ProviderRegistry } from './routing.js';
import * as store from './store.js';

export interface PaymentInput {
  external_id: string;
  flow: Flow;
  amount: number;
  currency: string;
  payer?: string | undefined;
  payee?: string | undefined;
  provider?: ProviderName | undefined;
  description?: string | undefined;
  payer_message?: string | undefined;
  payee_note?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface PaymentsDeps {
  db: Database;
  registry: ProviderRegistry;
  breakers: ProviderBreakers;
}

export interface PaymentResponse extends StoredResponse {
  replayed: boolean;
}

const PAYMENTS_BELONG = 'Payments belong';
/** The counterparty must match the flow: a collection has a payer, a disbursement a payee. */
function counterparty(input: PaymentInput): string {
  const [wanted, unwanted] =
    input.flow === 'collection' ? (['payer', 'payee'] as const) : (['payee', 'payer'] as const);
  if (input[unwanted] !== undefined) {
    throw new AppError(400, 'validation_failed', `A ${input.flow} has a ${wanted}, not a ${unwanted}.`, {
      errors: [
        { field: `body.${unwanted}`, message: `not allowed for a ${input.flow}`, code: 'not_allowed' },
      ],
    });
  }
  const msisdn = input[wanted];
  if (msisdn === undefined) {
    throw new AppError(
      400,
      'validation_failed',
      `A ${input.flow} needs a ${wanted} (an MSISDN such as 260971234567).`,
      {
        errors: [{ field: `body.${wanted}`, message: 'is required', code: 'required' }],
      },
    );
  }
  return msisdn;
}

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
): Promise<Page<Payment>> {
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
) {
  const payment = await getPayment(db, ctx, paymentId);
  const rows = await listAttempts(db, payment.id, page.limit + 1, page.startingAfter);
  return toPage(rows, page.limit, presentAttempt);
}
