#!/usr/bin/env node
// Fails when the committed SDK types differ from what the spec generates: the spec is the source of truth.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const file = 'packages/sdk/src/generated/schema.ts';
const committed = readFileSync(file, 'utf8');
execSync('pnpm -s generate', { stdio: 'ignore' });
const fresh = readFileSync(file, 'utf8');
if (fresh !== committed) {
  console.error(`${file} is stale: run \`pnpm generate\` and commit the result.`);
  process.exit(1);
}
console.log(`${file} matches openapi/molam.yaml.`);
