import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Served by the Molam server under /dashboard, same origin as the API.
  base: '/dashboard/',
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, target: 'es2022' },
  test: {
    name: 'dashboard',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
