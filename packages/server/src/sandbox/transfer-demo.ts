import type { Actor } from '../audit/audit.js';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { depositTestMoney } from '../transfers/service.js';
import * as store from '../transfers/store.js';

/** The seed's demo user (`demo` / `password123` at `/auth/login`) confirms transfers for `cust_001`. */
export const DEMO_USER_ID = 'demo';

/**
 * Seed 002's demo data, in the sandbox merchant's test mode: `cust_001` (the demo user's, KYC verified, codes by
 * SMS) with ACC001 holding USD 20 000, and `cust_002` with ACC002, so the seed's curl commands work at once.
 */
export async function seedTransferDemo(tx: Queryable, merchantId: string, actor: Actor): Promise<void> {
  const tenant: Tenant = { merchantId, mode: 'test' };
  const people = [
    { ref: 'cust_001', name: 'Demo Customer', phone: '+260970000001', user: DEMO_USER_ID, account: 'ACC001' },
    { ref: 'cust_002', name: 'Demo Payee', phone: '+260970000002', user: null, account: 'ACC002' },
  ];
  for (const person of people) {
    const customer = await store.insertCustomer(tx, tenant, {
      id: newId('cus'),
      external_id: person.ref,
      name: person.name,
      kyc_status: 'verified',
      phone: person.phone,
      email: null,
      user_id: person.user,
    });
    if (!customer) continue;
    await store.insertAccount(tx, tenant, {
      id: newId('acc'),
      number: person.account,
      customerId: customer.id,
      currency: 'USD',
      kind: 'customer',
    });
  }
  await depositTestMoney(tx, tenant, actor, 'ACC001', 2_000_000);
}

/** The merchant whose demo customer the demo user is: the token's `merchant_id`. */
export async function demoMerchant(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ merchant_id: string }>(
    `SELECT merchant_id FROM customers WHERE user_id = $1 AND mode = 'test' ORDER BY created_at LIMIT 1`,
    [DEMO_USER_ID],
  );
  return rows[0]?.merchant_id ?? null;
}
