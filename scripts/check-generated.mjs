#!/usr/bin/env node
// Fails when the committed contract (types, enums, limits) differs from what the spec generates: the spec is the source of
// truth. Generates into temporary files and formats them the way `pnpm generate` does, so the committed files
// are only read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'molam-generated-'));
const bin = (name) => join('node_modules', '.bin', name);
/** Each committed file, and how to generate it into a given path. */
const generated = [
  [
    'packages/contract/src/index.ts',
    (to) => execFileSync(process.execPath, ['scripts/generate-contract.mjs', '--out', to]),
  ],
];
let stale = false;
try {
  for (const [file, generate] of generated) {
    const to = join(dir, file.replaceAll('/', '_'));
    generate(to);
    // Formatted as if it stood where the committed file stands, so the same Biome settings apply.
    const fresh = execFileSync(bin('biome'), ['format', `--stdin-file-path=${file}`], {
      input: readFileSync(to),
      encoding: 'utf8',
    });
    if (fresh === readFileSync(file, 'utf8')) {
      console.log(`${file} matches openapi/molam.yaml.`);
    } else {
      console.error(`${file} is stale: run \`pnpm generate\` and commit the result.`);
      stale = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (stale) process.exit(1);
