import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths owned by the API; the SPA fallback must never answer them with HTML. */
const API_PATHS = /^\/(graphql|health|ready|metrics|\.well-known|files|webhooks|api)(\/|$)/;

/** Whether a dashboard build is there to serve. */
export const hasDashboard = (clientDist: string) => existsSync(join(clientDist, 'index.html'));

/**
 * Serves the built dashboard at `/` with a history-API fallback to index.html. Without a build
 * (API-only deployments, development with Vite's own server) `/` points at the API instead.
 */
export function mountDashboard(app: Express, clientDist: string): boolean {
  const indexHtml = join(clientDist, 'index.html');
  if (!hasDashboard(clientDist)) {
    app.get('/', (_req, res) => {
      res.json({
        name: 'TRAE.AI gateway',
        graphql: '/graphql',
        health: '/health',
        metrics: '/metrics',
        discovery: '/api/discovery',
      });
    });
    return false;
  }
  const assets = resolve(clientDist, 'assets') + sep;
  app.use(
    express.static(clientDist, {
      index: 'index.html',
      setHeaders(res, path) {
        // Vite fingerprints everything under assets/; index.html must be revalidated to pick up new builds.
        res.setHeader(
          'cache-control',
          path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.get('/{*path}', (req: Request, res: Response, next: NextFunction) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (!wantsHtml || API_PATHS.test(req.path)) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return true;
}
