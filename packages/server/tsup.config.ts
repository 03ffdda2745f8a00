import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts', resolve: ['@molam/contract'] },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  // The contract is generated TypeScript source, bundled rather than installed.
  noExternal: ['@molam/contract'],
  // An optional dependency with a native binding: loaded from node_modules at run time, never bundled.
  external: ['@confluentinc/kafka-javascript'],
});
