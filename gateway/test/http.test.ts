import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

interface HealthBody {
  status: string;
  timestamp: string;
  version: string;
  services: Record<string, { status: string; latencyMs: number; error?: string }>;
}

describe('the HTTP edge', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack);
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('sends the security headers', async () => {
    const res = await request(gw.url).get('/health');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS from a listed origin, with credentials', async () => {
    const preflight = await request(gw.url)
      .options('/graphql')
      .set('origin', 'http://localhost:5173')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type,authorization');
    const post = await request(gw.url)
      .post('/graphql')
      .set('origin', 'http://localhost:5173')
      .send({ query: '{ __typename }' });

    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(post.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('gives an unlisted origin no CORS grant', async () => {
    const res = await request(gw.url)
      .options('/graphql')
      .set('origin', 'http://evil.example')
      .set('access-control-request-method', 'POST');

    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('reports healthy when the database, Redis and every subgraph are up', async () => {
    const res = await request(gw.url).get('/health');
    const body = res.body as HealthBody;

    expect(res.status).toBe(200);
    expect(body.status).toBe('healthy');
    expect(body.version).toBe('0.1.0');
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(Object.keys(body.services).sort()).toEqual(['accounts', 'database', 'redis', 'reviews']);
    for (const service of Object.values(body.services)) {
      expect(service).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    }
  });

  it('is ready when Redis answers', async () => {
    const res = await request(gw.url).get('/ready');

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
  });

  it('points / at the API when no dashboard is built', async () => {
    const res = await request(gw.url).get('/').set('accept', 'text/html');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ graphql: '/graphql', health: '/health' });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await request(gw.url).get('/nope');

    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  // Last: it stops a subgraph.
  it('reports degraded, and still serves the rest of the graph, when a subgraph is down', async () => {
    await stack.reviews.stop();

    const res = await request(gw.url).get('/health');
    const body = res.body as HealthBody;
    const { body: data } = await gql(gw.url, '{ user(id: "u1") { username } }');

    expect(res.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.services.reviews.status).toBe('down');
    expect(body.services.reviews.error).toEqual(expect.any(String));
    expect(body.services.accounts.status).toBe('up');
    expect(data.data).toEqual({ user: { username: 'alice' } });
  });
});

describe('health edge cases', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports unhealthy with 503 when the database is unreachable', async () => {
    const gw = await startGateway(stack, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const res = await request(gw.url).get('/health');

      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unhealthy');
      expect(res.body.services.database.status).toBe('down');
      expect(res.body.services.redis.status).toBe('up');
      // Liveness asks nothing: an outage elsewhere must not get the gateway restarted.
      const live = await request(gw.url).get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'ok', service: 'gateway' });
    } finally {
      await gw.stop();
    }
  });

  it('reuses a recent result instead of probing the subgraphs again', async () => {
    const gw = await startGateway(stack, { HEALTH_CACHE_MS: '60000' });
    try {
      const hits = stack.accounts.readyHits;

      const [a, b] = await Promise.all([request(gw.url).get('/health'), request(gw.url).get('/health')]);
      const c = await request(gw.url).get('/health');

      expect(stack.accounts.readyHits - hits).toBe(1);
      expect(b.body).toEqual(a.body);
      expect(c.body).toEqual(a.body);
    } finally {
      await gw.stop();
    }
  });
});

describe('the dashboard', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    const dist = mkdtempSync(join(tmpdir(), 'gateway-client-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><div id="root"></div><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("dashboard")');
    gw = await startGateway(stack, { CLIENT_DIST: dist });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('serves index.html at / and fingerprinted assets as immutable', async () => {
    const index = await request(gw.url).get('/').set('accept', 'text/html');
    const asset = await request(gw.url).get('/assets/app.js');

    expect(index.status).toBe(200);
    expect(index.text).toContain('<div id="root">');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for client routes that accept HTML', async () => {
    const res = await request(gw.url).get('/tasks/42').set('accept', 'text/html,application/xhtml+xml');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
  });

  it('never answers API paths or non-HTML requests with the app', async () => {
    const api = await request(gw.url).get('/files/abc').set('accept', 'text/html');
    const json = await request(gw.url).get('/tasks/42').set('accept', 'application/json');
    const health = await request(gw.url).get('/health').set('accept', 'text/html');

    expect(api.status).toBe(404);
    expect(json.status).toBe(404);
    expect(health.headers['content-type']).toContain('application/json');
  });
});
