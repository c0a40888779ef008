import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedis, INTERNAL_AUTH_HEADER } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthCheck } from '../src/http/health.js';
import { DATABASE_URL } from './support/stack.js';

describe('/health: the agents entry', () => {
  const agents = { status: 'up', workers: 2 };
  const seenAuth: (string | undefined)[] = [];
  const tasks = createServer((req, res) => {
    if (req.url === '/ready') return res.end('{}');
    seenAuth.push(req.headers[INTERNAL_AUTH_HEADER] as string | undefined);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(agents));
  });
  const redis = createRedis(testRedisUrl(), 'health-test:');
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((r) => tasks.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(tasks.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    tasks.close();
    redis.disconnect();
    await pool.end();
  });

  const check = () =>
    createHealthCheck({
      version: 't',
      redis,
      pool,
      subgraphs: [{ name: 'tasks', baseUrl, graphqlUrl: `${baseUrl}/graphql` }],
      internalSecret: 'the-secret-value',
      cacheMs: 0,
    }).check();

  it('reports the workers through the tasks service, with the internal secret', async () => {
    const up = await check();
    expect(up.status).toBe('healthy');
    expect(up.services.agents.status).toBe('up');
    expect(seenAuth.at(-1)).toBe('the-secret-value');

    agents.status = 'down';
    agents.workers = 0;
    const down = await check();
    expect(down.status).toBe('degraded');
    expect(down.services.agents).toMatchObject({ status: 'down', error: 'agents down (0 workers)' });
  });
});
