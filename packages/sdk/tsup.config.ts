import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // The spec's types come from the generated contract; they are written into the published .d.ts, so the
  // package depends on nothing of ours at install time.
  dts: { resolve: true },
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
});
