import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts'],
  format: ['esm'],
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Commands import heavy modules lazily; keep those imports as separate chunks.
  splitting: true,
  banner: { js: '#!/usr/bin/env node' },
  // The contract is generated TypeScript source, bundled rather than installed.
  noExternal: ['@molam/contract'],
});
