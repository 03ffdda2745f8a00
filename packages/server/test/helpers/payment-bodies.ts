import { randomUUID } from 'node:crypto';

/** A `POST /api/v1/payments` body for a sandbox collection, with a new external id each time. */
export const collection = (overrides: Record<string, unknown> = {}) => ({
  external_id: `order-${randomUUID()}`,
  flow: 'collection',
  amount: 1250,
  currency: 'ZMW',
  payer: '260971234567',
  ...overrides,
});
