import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthCheck } from '../src/http/health.js';
import { DATABASE_URL } from './support/stack.js';

const HEAD =
  '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight';
const row = (backend: string, server: string, status: string) =>
  `${backend},${server},0,0,0,0,,0,0,0,,0,,0,0,0,0,${status},1`;

describe('/health: the balancer entry', () => {
  let tasks = ['UP', 'UP'];
  const balancer = createServer((req, res) => {
    if (req.url !== '/stats;csv') return res.writeHead(404).end();
    res.end(
      [
        HEAD,
        row('public', 'FRONTEND', 'OPEN'),
        ...tasks.map((s, i) => row('tasks', `tasks${i + 1}`, s)),
      ].join('\n'),
    );
  });
  const redis = createRedis(testRedisUrl(), 'health-balancer-test:');
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  let statsUrl: string;

  beforeAll(async () => {
    await new Promise<void>((r) => balancer.listen(0, '127.0.0.1', r));
    statsUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}/stats;csv`;
  });
  afterAll(async () => {
    balancer.close();
    redis.disconnect();
    await pool.end();
  });

  const check = (balancerStatsUrl?: string) =>
    createHealthCheck({
      version: 't',
      redis,
      pool,
      subgraphs: [],
      internalSecret: 'the-secret-value',
      balancerStatsUrl,
      cacheMs: 0,
    }).check();

  it('says degraded, naming the instance, while one of two is out of rotation', async () => {
    const up = await check(statsUrl);
    expect(up.status).toBe('healthy');
    expect(up.services.balancer.status).toBe('up');

    tasks = ['UP', 'DOWN'];
    const down = await check(statsUrl);
    expect(down.status).toBe('degraded');
    expect(down.services.balancer).toMatchObject({ status: 'down', error: 'out of rotation: tasks2 DOWN' });
  });

  it('has no balancer entry without HAPROXY_STATS_URL, and a down one when the statistics cannot be read', async () => {
    expect((await check()).services.balancer).toBeUndefined();

    const unreadable = await check(statsUrl.replace('/stats;csv', '/nope'));
    expect(unreadable.status).toBe('degraded');
    expect(unreadable.services.balancer).toMatchObject({ status: 'down' });
  });
});
