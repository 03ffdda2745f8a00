#!/usr/bin/env node
// Fails when the committed SDK types differ from what the spec generates: the spec is the source of truth.
// Generates into a temporary file and formats it the way `pnpm generate` does, so the committed file is only read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = 'packages/sdk/src/generated/schema.ts';
const dir = mkdtempSync(join(tmpdir(), 'molam-generated-'));
try {
  const generated = join(dir, 'schema.ts');
  const bin = (name) => join('node_modules', '.bin', name);
  execFileSync(
    bin('openapi-typescript'),
    ['openapi/molam.yaml', '--default-non-nullable', 'false', '-o', generated],
    {
      stdio: 'ignore',
    },
  );
  // Formatted as if it stood where the committed file stands, so the same Biome settings apply.
  const fresh = execFileSync(bin('biome'), ['format', `--stdin-file-path=${file}`], {
    input: readFileSync(generated),
    encoding: 'utf8',
  });
  if (fresh !== readFileSync(file, 'utf8')) {
    console.error(`${file} is stale: run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${file} matches openapi/molam.yaml.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
