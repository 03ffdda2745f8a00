import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

// The file set the image ships (the Dockerfile's `pnpm deploy --prod` and the dashboard's assets), built outside
// the repository so nothing above it can lend a module, then started in production mode: on a fresh
// PostgreSQL database when the suite runs on one, else on an embedded folder named on purpose.

const ROOT = new URL('../../../', import.meta.url).pathname;
let dir: string;
let app: string;
let database: TestDatabase;
/** What the image sets, plus the database. */
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'molam-image-'));
  app = join(dir, 'app');
  execFileSync('pnpm', ['--filter', '@molam/server', 'deploy', '--prod', '--legacy', app], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  cpSync(join(ROOT, 'packages/dashboard/dist'), join(app, 'dashboard'), { recursive: true });
  database = await createTestDatabase();
  const { databaseUrl } = database.options;
  env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    MOLAM_MODE: 'production',
    MOLAM_AUTO_MIGRATE: 'false',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { MOLAM_DATA_DIR: join(dir, 'data') }),
  };
}, 120_000);
afterAll(async () => {
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts the deployed server; resolves with its URL and a stop function. */
async function start(args: string[]) {
  const child = spawn(process.execPath, [join(app, 'bin/molam-server.js'), ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk;
      const match = /listening on (http:\/\/\S+?),/.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the deployed server exited ${code}: ${text}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

describe('the production file set', () => {
  it('holds production dependencies only', () => {
    const modules = readdirSync(join(app, 'node_modules'));
    expect(modules).toContain('express');
    for (const dev of ['vitest', 'typescript', 'tsup', 'kubernetes-models', '@molam'])
      expect(modules, dev).not.toContain(dev);
    expect(existsSync(join(app, 'dashboard/index.html'))).toBe(true);
    expect(existsSync(join(app, 'openapi/molam.yaml'))).toBe(true);
  });

  it('migrates as a one-shot step, then serves the API, the docs and the dashboard in production mode', async () => {
    const server0 = await start(['--port', '0']);
    try {
      // Not ready before the one-shot migration (MOLAM_AUTO_MIGRATE=false, as in the image).
      expect((await fetch(`${server0.url}/readyz`)).status).toBe(503);
    } finally {
      await server0.stop();
    }
    execFileSync(process.execPath, [join(app, 'bin/molam-server.js'), 'migrate'], { env, stdio: 'ignore' });
    const server = await start(['--port', '0']);
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const dashboard = await fetch(`${server.url}/dashboard/`);
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('<div id="root">');
      expect((await fetch(`${server.url}/docs`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);
});
