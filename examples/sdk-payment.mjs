// A merchant backend collecting a payment: create it with an idempotency key derived from the order, wait for
// the final state, and read what the provider said. Amounts are integers of minor units (1250 = 12.50 ZMW).
//
//   MOLAM_API_KEY=mk_test_… MOLAM_BASE_URL=http://127.0.0.1:8080 node examples/sdk-payment.mjs [payer]
//
// On the sandbox, 46733123451 is a payer who rejects the request; any other number pays.
import { createMolam, MolamError } from '@molam/sdk';

const apiKey = process.env.MOLAM_API_KEY;
if (!apiKey) {
  console.error('Set MOLAM_API_KEY to a merchant key (the sandbox server prints one on start).');
  process.exit(2);
}
const molam = createMolam({ apiKey, baseUrl: process.env.MOLAM_BASE_URL ?? 'http://127.0.0.1:8080' });
const payer = process.argv[2] ?? '260971234567';
const order = `order-${Date.now()}`;

try {
  // The same key for every retry of this order (across restarts too): the payer is charged once.
  const payment = await molam.payments.create(
    {
      external_id: order,
      flow: 'collection',
      amount: 1250,
      currency: 'ZMW',
      payer,
      description: `Order ${order}`,
    },
    { idempotencyKey: `${order}-collect` },
  );
  console.log(`Created ${payment.id}: ${payment.status} via ${payment.provider}`);

  const final = await molam.payments.waitFor(payment.id, { timeoutMs: 60_000, intervalMs: 200 });
  if (final.status === 'successful') {
    console.log(
      `Paid: ${final.amount} ${final.currency} minor units, provider id ${final.provider_transaction_id}`,
    );
  } else {
    console.log(`Not paid: ${final.failure?.code} (${final.failure?.message})`);
  }

  for await (const attempt of molam.payments.attempts(payment.id)) {
    console.log(`  ${attempt.operation} → ${attempt.decision}`);
  }
  process.exit(final.status === 'successful' ? 0 : 1);
} catch (error) {
  if (error instanceof MolamError) {
    console.error(`Molam error ${error.status} ${error.code}: ${error.detail} (request ${error.requestId})`);
    process.exit(1);
  }
  throw error;
}
