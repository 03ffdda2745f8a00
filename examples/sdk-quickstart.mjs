// A merchant backend's first steps with the SDK: who am I, which merchant, and a scoped key for a reporting job.
//
//   MOLAM_API_KEY=mk_test_… MOLAM_BASE_URL=http://127.0.0.1:8080 node examples/sdk-quickstart.mjs
//
// The sandbox server prints a merchant key on start; `molam server start` also saves it as the `sandbox` profile.
import { createMolam, MolamError } from '@molam/sdk';

const apiKey = process.env.MOLAM_API_KEY;
if (!apiKey) {
  console.error('Set MOLAM_API_KEY to a merchant key (the sandbox server prints one on start).');
  process.exit(2);
}
const molam = createMolam({ apiKey, baseUrl: process.env.MOLAM_BASE_URL ?? 'http://127.0.0.1:8080' });

try {
  const me = await molam.whoami();
  console.log(`Authenticated as key ${me.key_id} (${me.mode} mode) of merchant ${me.merchant_id}`);

  const merchant = await molam.merchants.get(me.merchant_id);
  console.log(`Merchant: ${merchant.name}, ${merchant.country}, settles in ${merchant.default_currency}`);

  // A least-privilege key for a job that only reads payments. The secret is shown once: store it now.
  const reporting = await molam.keys.create({ name: 'nightly report', scopes: ['payments:read'] });
  console.log(
    `Created key ${reporting.id} (${reporting.prefix}…) with scopes ${reporting.scopes.join(', ')}`,
  );

  // Lists are pages; `for await` walks every page.
  let count = 0;
  for await (const key of molam.keys.list({ limit: 2 })) {
    count += 1;
    if (key.id === reporting.id) console.log('The new key is listed.');
  }
  console.log(`The merchant has ${count} keys.`);

  const revoked = await molam.keys.revoke(reporting.id);
  console.log(`Revoked ${revoked.id}: status ${revoked.status}`);
} catch (error) {
  if (error instanceof MolamError) {
    console.error(`Molam error ${error.status} ${error.code}: ${error.detail} (request ${error.requestId})`);
    process.exit(1);
  }
  throw error;
}
