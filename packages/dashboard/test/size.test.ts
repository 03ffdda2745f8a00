// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_BYTES = 200 * 1024;

describe('the size budget', () => {
  it('loads at most 200 kB of gzipped JavaScript before the first page shows', () => {
    const page = join(DIST, 'index.html');
    if (!existsSync(page)) throw new Error('packages/dashboard/dist is missing: run `pnpm build` first.');
    const html = readFileSync(page, 'utf8');
    // Everything the page loads up front: its entry script and the chunks it preloads.
    const scripts = [...html.matchAll(/(?:src|href)="\/dashboard\/(assets\/[^"]+\.js)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (total, file) => total + gzipSync(readFileSync(join(DIST, file))).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
