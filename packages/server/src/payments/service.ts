import type { Schemas } from '@molam/contract';
import { type RequestContext, tenantOf } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { notFound } from '../platform/errors.js';
import { type PageRequest, toPage } from '../platform/pagination.js';
import { listAttempts } from './attempts-store.js';
import { PAYMENTS_BELONG } from './create.js';
import { type Payment, presentAttempt, presentPayment } from './present.js';
import * as store from './store.js';

export { createPayment, type PaymentInput, type PaymentResponse, type PaymentsDeps } from './create.js';

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
