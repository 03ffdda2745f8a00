#!/usr/bin/env node
// First step of `npm run sandbox` and `npm test` on a fresh machine: make sure pnpm 10 is there, install the
// locked dependencies and build every package. Each step is skipped when it has nothing to do.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const quiet = (command) => {
  try {
    return execSync(command, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
};

if (!quiet('pnpm --version').startsWith('10.')) {
  console.error('Installing pnpm 10 with npm (corepack is not needed)…');
  run('npm install --global pnpm@10');
}

const lock = 'pnpm-lock.yaml';
const marker = 'node_modules/.modules.yaml';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  run('pnpm install --frozen-lockfile');
}

run('pnpm -s build');
