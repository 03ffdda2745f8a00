import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The file set the image ships (the Dockerfile's `pnpm deploy --prod` and the dashboard's assets), built outside
// the repository so nothing above it can lend a module, then started as the image starts it.

const ROOT = new URL('../../../', import.meta.url).pathname;
let dir: string;
let app: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'molam-image-'));
  app = join(dir, 'app');
  execFileSync('pnpm', ['--filter', '@molam/server', 'deploy', '--prod', '--legacy', app], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  cpSync(join(ROOT, 'packages/dashboard/dist'), join(app, 'dashboard'), { recursive: true });
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts the deployed server; resolves with its URL and a stop function. */
async function start(args: string[]) {
  const child = spawn(process.execPath, [join(app, 'bin/molam-server.js'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' },
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

  it('migrates as a one-shot step, then serves the API, the docs and the dashboard', async () => {
    const data = join(dir, 'data');
    execFileSync(process.execPath, [join(app, 'bin/molam-server.js'), 'migrate', '--data-dir', data], {
      env: { PATH: process.env.PATH },
      stdio: 'ignore',
    });
    const server = await start(['--port', '0', '--data-dir', data]);
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
