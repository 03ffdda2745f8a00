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

// `npm test` (`--browser`): the dashboard's browser tests drive Debian's Chromium, never a downloaded one.
if (process.argv.includes('--browser')) {
  const chromium = process.env.MOLAM_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const canInstall = process.getuid?.() === 0 && quiet('command -v apt-get') !== '';
    if (canInstall) {
      console.error("Installing Debian's chromium for the dashboard's browser tests…");
      const install = 'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium';
      run(`${install} >/dev/null || (apt-get update >/dev/null && ${install} >/dev/null)`);
    } else {
      console.error(
        `The dashboard's browser tests need Chromium at ${chromium}: install Debian's (sudo apt-get install chromium) or set MOLAM_CHROMIUM.`,
      );
    }
  }
}
