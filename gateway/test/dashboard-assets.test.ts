import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mountDashboard } from '../src/http/dashboard.js';

// The dashboard's build writes .br and .gz beside each asset and hidden source maps (client/vite.config.ts).
function builtDashboard(): string {
  const dist = mkdtempSync(join(tmpdir(), 'gateway-assets-'));
  mkdirSync(join(dist, 'assets'));
  const script = `console.log(${JSON.stringify('dashboard '.repeat(200))});`;
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), script);
  writeFileSync(join(dist, 'assets', 'app-1a2b.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets', 'app-1a2b.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'assets', 'app-1a2b.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
  return dist;
}

function appFor(serveSourceMaps: boolean) {
  const app = express();
  mountDashboard(app, builtDashboard(), serveSourceMaps);
  return app;
}

describe('the dashboard assets', () => {
  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const app = appFor(false);
    const br = await request(app).get('/assets/app-1a2b.js').set('accept-encoding', 'gzip, deflate, br');
    const gz = await request(app).get('/assets/app-1a2b.js').set('accept-encoding', 'gzip');

    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.text).toContain('dashboard dashboard');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('dashboard dashboard');
  });

  it('sends the plain file to a client that accepts no compression', async () => {
    const res = await request(appFor(false)).get('/assets/app-1a2b.js').set('accept-encoding', 'identity');

    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toContain('dashboard dashboard');
  });

  it('keeps source maps private in production and serves them in development', async () => {
    const production = await request(appFor(false)).get('/assets/app-1a2b.js.map');
    const development = await request(appFor(true)).get('/assets/app-1a2b.js.map');

    expect(production.status).toBe(404);
    expect(production.text).not.toContain('secret.ts');
    expect(development.status).toBe(200);
    expect(development.text).toContain('secret.ts');
  });
});
