import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Express, NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Paths owned by the API; the SPA fallback must never answer them with HTML. */
const API_PATHS = /^\/(graphql|health|ready|metrics|\.well-known|files|webhooks|api|auth)(\/|$)/;

/** Whether a dashboard build is there to serve. */
export const hasDashboard = (clientDist: string) => existsSync(join(clientDist, 'index.html'));

/**
 * Serves the built dashboard at `/` with a history-API fallback to index.html. Without a build
 * (API-only deployments, development with Vite's own server) `/` points at the API instead.
 * The build writes brotli and gzip copies beside each asset, sent as the browser's Accept-Encoding
 * allows (no compression work per request). Source maps are built for error tooling but referenced
 * by no asset, and are served only when `serveSourceMaps` (outside production).
 */
export function mountDashboard(app: Express, clientDist: string, serveSourceMaps: boolean): boolean {
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
  if (!serveSourceMaps) {
    app.get(/\.map$/, (_req: Request, res: Response) => {
      res.status(404).end();
    });
  }
  app.use(
    expressStaticGzip(clientDist, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders(res, path) {
          // Vite fingerprints everything under assets/; index.html must be revalidated to pick up new builds.
          res.setHeader(
            'cache-control',
            path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
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
