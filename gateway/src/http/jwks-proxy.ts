import { appError, sendError } from '@trae/kit';
import type { Request, Response } from 'express';

/**
 * Publishes identity's public keys at the gateway, the only public door. Kept for `ttlMs` so a
 * burst of clients costs identity one fetch; a stale copy is served while identity is unreachable.
 */
export function jwksProxy(identityUrl: string, ttlMs = 60_000) {
  let cached: { body: string; at: number } | undefined;

  async function refresh(): Promise<void> {
    const res = await fetch(`${identityUrl}/.well-known/jwks.json`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`identity answered HTTP ${res.status}`);
    const body = await res.text();
    if (!Array.isArray((JSON.parse(body) as { keys?: unknown }).keys)) throw new Error('not a JWK set');
    cached = { body, at: Date.now() };
  }

  return async (req: Request, res: Response) => {
    if (!cached || Date.now() - cached.at >= ttlMs) {
      try {
        await refresh();
      } catch (err) {
        req.log.warn({ err }, 'JWKS refresh failed');
        if (!cached) {
          sendError(res, appError('INTERNAL_SERVER_ERROR', 'Key set unavailable', { http: { status: 502 } }));
          return;
        }
      }
    }
    res.setHeader('cache-control', `public, max-age=${Math.round(ttlMs / 1000)}`);
    res.type('application/json').send(cached?.body);
  };
}
