import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, dashboardRouter } from '../src/platform/http/dashboard.js';
import { createLogger } from '../src/platform/http/logger.js';
import { lastResortHandler, problemHandler } from '../src/platform/http/problem.js';

// The dashboard's files as the server serves them: the page for every dashboard path, revalidated; hashed
// assets cached for a year; a CSP that allows only this origin; a clear 404 where nothing was built.

function serve(folder: string | null) {
  const app = express();
  app.use(dashboardRouter(folder));
  const logger = createLogger('silent');
  app.use(problemHandler(logger));
  app.use(lastResortHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  return {
    url: () => `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the dashboard’s files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'molam-dashboard-'));
  mkdirSync(join(folder, 'assets'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Molam dashboard</title>');
  writeFileSync(join(folder, 'assets', 'index-abc123.js'), 'console.log(1)');
  const built = serve(folder);
  const missing = serve(null);
  afterAll(async () => {
    await built.close();
    await missing.close();
  });

  it('answers the page for every dashboard path, revalidated, under the CSP', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/payments/pay_01X']) {
      const response = await fetch(`${built.url()}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Molam dashboard');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline');
  });

  it('caches hashed assets for a year, and 404s an asset that does not exist', async () => {
    const asset = await fetch(`${built.url()}/dashboard/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${built.url()}/dashboard/assets/gone-000.js`)).status).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const response = await fetch(`${missing.url()}/dashboard/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('pnpm build');
  });
});
