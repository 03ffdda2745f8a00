import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { AppError } from '../errors.js';
import { packageRoot } from '../package-root.js';

/**
 * Only what the dashboard needs: its own scripts and styles, calls to this origin, inline images; no framing.
 * Styles set from scripts (the charts) go through the CSS object model, which `style-src 'self'` allows.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** In the repository the dashboard package's build; an installed server ships a copy in `dashboard/`. */
export function dashboardFolder(): string | null {
  const candidates = [join(packageRoot(), '..', 'dashboard', 'dist'), join(packageRoot(), 'dashboard')];
  return candidates.find((folder) => existsSync(join(folder, 'index.html'))) ?? null;
}

const withCsp: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  next();
};

/**
 * The merchant dashboard at `/dashboard`: hashed assets cached for a year (a new build has new names), and the
 * page itself, for every dashboard path (the app routes in the browser), revalidated on every load.
 */
export function dashboardRouter(folder: string | null = dashboardFolder()): Router {
  const router = express.Router();
  router.use('/dashboard', withCsp);
  if (folder === null) {
    router.get(['/dashboard', '/dashboard/*path'], () => {
      throw new AppError(
        404,
        'route_not_found',
        'The dashboard is not built on this server: run `pnpm build`.',
      );
    });
    return router;
  }
  router.use(
    '/dashboard/assets',
    express.static(join(folder, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
    () => {
      throw new AppError(
        404,
        'route_not_found',
        'No such dashboard file: the page may be from an older build, reload it.',
      );
    },
  );
  router.get(['/dashboard', '/dashboard/*path'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(folder, 'index.html'));
  });
  return router;
}
