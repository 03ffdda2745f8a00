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

/** Installs a Debian package as root when its command is missing; otherwise says how to get it. */
function debianTool(path, pkg, purpose) {
  if (existsSync(path)) return;
  const canInstall = process.getuid?.() === 0 && quiet('command -v apt-get') !== '';
  if (canInstall) {
    console.error(`Installing Debian's ${pkg} for ${purpose}…`);
    const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkg}`;
    run(`${install} >/dev/null || (apt-get update >/dev/null && ${install} >/dev/null)`);
  } else {
    console.error(`${purpose} need ${path}: install Debian's ${pkg} (sudo apt-get install ${pkg}).`);
  }
}

// `--test-tools` installs only the Debian tools the tests need (CI runs it before its own install).
const toolsOnly = process.argv.includes('--test-tools');
const testing = toolsOnly || process.argv.includes('--browser');

// `npm test` (`--browser`): the dashboard's browser tests drive Debian's Chromium, never a downloaded one, and
// the alert rules are checked and unit-tested by Debian's promtool. The Kafka client's native binding is built
// at install when no prebuilt one can be downloaded: that takes a C++ toolchain and OpenSSL and zlib headers.
if (testing) {
  debianTool(process.env.MOLAM_CHROMIUM || '/usr/bin/chromium', 'chromium', "The dashboard's browser tests");
  debianTool('/usr/bin/promtool', 'prometheus', 'The alert rules’ checks');
  debianTool('/usr/bin/g++', 'g++', 'The Kafka client’s build');
  debianTool('/usr/bin/make', 'make', 'The Kafka client’s build');
  debianTool('/usr/bin/python3', 'python3', 'The Kafka client’s build');
  debianTool('/usr/include/openssl/ssl.h', 'libssl-dev', 'The Kafka client’s build');
  debianTool('/usr/include/zlib.h', 'zlib1g-dev', 'The Kafka client’s build');
}
if (toolsOnly) process.exit(0);

if (!quiet('pnpm --version').startsWith('10.')) {
  console.error('Installing pnpm 10 with npm (corepack is not needed)…');
  run('npm install --global pnpm@10');
}

const lock = 'pnpm-lock.yaml';
const marker = 'node_modules/.modules.yaml';
// Offline, the Kafka client builds its binding against the system's OpenSSL and zlib instead of downloading them.
const installEnv = { ...process.env, CKJS_LINKING: process.env.CKJS_LINKING ?? 'dynamic' };
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  execSync('pnpm install --frozen-lockfile', { stdio: 'inherit', env: installEnv });
}

run('pnpm -s build');

// The Kafka tests' broker: librdkafka's mock cluster in a small program built from the client's own sources.
if (testing) run('node scripts/kafka-mock/build.mjs');
