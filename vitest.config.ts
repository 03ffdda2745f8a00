import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/sdk', 'packages/cli', 'packages/server', 'packages/dashboard', 'examples'],
  },
});
