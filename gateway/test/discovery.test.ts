import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

interface Discovery {
  version: string;
  generatedAt: string;
  status: string;
  services: { name: string; kind: string; status: string; version?: string }[];
  graphql: {
    endpoint: string;
    websocket: { path: string; protocol: string };
    queries: { name: string; description: string | null }[];
    mutations: { name: string }[];
    subscriptions: { name: string }[];
  };
  http: { method: string; path: string; summary: string }[];
  links: Record<string, string>;
}

describe('API discovery', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack, { INTERNAL_SECRET: 'discovery-test-internal-secret-0123456789' });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('lists the services with their versions and health', async () => {
    const res = await request(gw.url).get('/api/discovery');
    const body = res.body as Discovery;

    expect(res.status).toBe(200);
    expect(body.status).toBe('healthy');
    expect(body.services).toEqual(
      expect.arrayContaining([
        { name: 'gateway', kind: 'gateway', status: 'up', version: '0.1.0' },
        expect.objectContaining({
          name: 'accounts',
          kind: 'subgraph',
          status: 'up',
          version: 'accounts-1.0.0',
        }),
        expect.objectContaining({
          name: 'reviews',
          kind: 'subgraph',
          status: 'up',
          version: 'reviews-1.0.0',
        }),
        expect.objectContaining({ name: 'database', kind: 'dependency', status: 'up' }),
        expect.objectContaining({ name: 'redis', kind: 'dependency', status: 'up' }),
      ]),
    );
  });

  it('lists the GraphQL root fields with their descriptions, from the public schema', async () => {
    const body = (await request(gw.url).get('/api/discovery')).body as Discovery;

    expect(body.graphql.endpoint).toBe('/graphql');
    expect(body.graphql.websocket).toEqual({
      path: '/graphql',
      protocol: 'graphql-transport-ws',
      for: 'subscriptions',
    });
    expect(body.graphql.queries).toEqual([
      { name: 'me', description: 'Who the gateway says is asking' },
      { name: 'user', description: 'One user by id' },
    ]);
    expect(body.graphql.mutations).toEqual([]);
    expect(body.graphql.subscriptions).toEqual([]);
  });

  it('lists the HTTP routes and the links', async () => {
    const body = (await request(gw.url).get('/api/discovery')).body as Discovery;
    const routes = body.http.map((r) => `${r.method} ${r.path}`);

    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /metrics',
        'PUT /files/uploads/:id',
        'GET /files/:id/content',
        'POST /webhooks/:source',
        'GET /api/openapi.json',
      ]),
    );
    expect(body.links).toMatchObject({
      graphql: '/graphql',
      openapi: '/api/openapi.json',
      health: '/health',
    });
    // No dashboard build in the tests, so no playground to point at.
    expect(body.links.playground).toBeUndefined();
  });

  it('gives away no secrets nor internal addresses', async () => {
    const text = (await request(gw.url).get('/api/discovery')).text;

    expect(text).not.toContain('discovery-test-internal-secret');
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('postgres');
  });

  it('shares one answer for a few seconds', async () => {
    const first = await request(gw.url).get('/api/discovery');
    const hits = stack.accounts.readyHits;
    const second = await request(gw.url).get('/api/discovery');

    expect(second.body.generatedAt).toBe(first.body.generatedAt);
    expect(stack.accounts.readyHits).toBe(hits);
    expect(second.headers['cache-control']).toBe('public, max-age=5');
  });

  it('serves a valid OpenAPI 3.1 document of the HTTP routes', async () => {
    const res = await request(gw.url).get('/api/openapi.json');
    const result = await new Validator().validate(res.body);

    expect(res.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/metrics', '/files/uploads/{id}', '/webhooks/{source}']),
    );
    expect(res.body.paths['/webhooks/{source}'].post.parameters[0]).toMatchObject({
      name: 'source',
      in: 'path',
      required: true,
    });
  });

  it('reports a subgraph that is down, still without its error text', async () => {
    await stack.reviews.stop();
    // The discovery answer is cached; a fresh gateway asks again.
    const fresh = await startGateway(stack);
    try {
      const body = (await request(fresh.url).get('/api/discovery')).body as Discovery;

      expect(body.status).toBe('degraded');
      expect(body.services.find((s) => s.name === 'reviews')).toEqual({
        name: 'reviews',
        kind: 'subgraph',
        status: 'down',
        latencyMs: expect.any(Number),
      });
    } finally {
      await fresh.stop();
    }
  });
});
