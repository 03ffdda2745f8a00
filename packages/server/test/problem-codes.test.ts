import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/platform/spec.js';

// Every code the server can put in a problem document is in the spec's ProblemCode enum and its table, and the
// enum names no code the server has stopped using: clients generated from the spec know every code they get.
const SOURCE = new URL('../src', import.meta.url).pathname;

/** Codes of errors that end a process (start-up, the CLI's database commands), never an HTTP answer. */
const NOT_HTTP = new Set([
  'data_dir_in_use',
  'database_unreachable',
  'invalid_config',
  'kafka_client_missing',
  'kafka_not_configured',
  'kafka_unreachable',
  'migration_checksum_mismatch',
  'migration_invalid',
  'migration_missing',
  'migration_sequence_broken',
  'migrations_pending',
  'redis_unreachable',
  'usage',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `new AppError(status, 'code', …)` across the server, plus the one code built from a value. */
function emittedCodes(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SOURCE)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new AppError\(\s*\d+,\s*'([a-z_]+)'/g)) found.add(match[1] ?? '');
    // Rotating a key that is not active: `key_${status}`.
    if (/`key_\$\{old\.status\}`/.test(text))
      for (const status of ['expired', 'revoked']) found.add(`key_${status}`);
  }
  for (const code of NOT_HTTP) found.delete(code);
  return found;
}

const problemCode = () => {
  const schemas = (
    loadSpec().document.components as { schemas: Record<string, { enum: string[]; description: string }> }
  ).schemas;
  const schema = schemas.ProblemCode;
  if (!schema) throw new Error('the spec has no ProblemCode schema');
  return schema;
};

describe('problem codes', () => {
  it('the spec lists exactly the codes the server emits', () => {
    expect([...emittedCodes()].sort()).toEqual([...problemCode().enum].sort());
  });

  it('each is explained in the table of the spec', () => {
    const { description } = problemCode();
    for (const code of problemCode().enum) expect(description, code).toContain(`| \`${code}\` |`);
  });
});
