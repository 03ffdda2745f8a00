// The SDK must run wherever fetch does (Node, Deno, Bun, browsers, edge): its sources may not reach
// for Node-only modules or globals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC_DIR = fileURLToPath(new URL('../src', import.meta.url));

const sources = readdirSync(SRC_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(SRC_DIR, file), 'utf8') }));

const FORBIDDEN: Array<[string, RegExp]> = [
  ['a node: import', /from\s+['"]node:|import\(\s*['"]node:/],
  [
    'a bare Node built-in import',
    /from\s+['"](fs|path|os|http|https|crypto|stream|util|buffer|url|zlib|events)['"]/,
  ],
  ['require()', /\brequire\s*\(/],
  ['process', /\bprocess\./],
  ['Buffer', /\bBuffer\b/],
  ['__dirname', /\b__dirname\b/],
];

describe('sources are runtime-neutral', () => {
  it('finds the sources', () => {
    const files = sources.map(({ file }) => file);
    expect(files).toContain('transport.ts');
    expect(files).toContain('sse.ts');
    // Subdirectories too: the webhook verification has to run on edge runtimes like the rest.
    expect(files).toContain(join('webhooks', 'verify.ts'));
    expect(files).toContain(join('webhooks', 'crypto.ts'));
  });

  it.each(FORBIDDEN)('no source uses %s', (_what, pattern) => {
    const offenders = sources.filter(({ text }) => pattern.test(text)).map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
