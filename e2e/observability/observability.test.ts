import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

// Services inherit this process's environment: ship logs (vitest would turn it off) and scrape often.
Object.assign(process.env, { LOG_SHIPPING: 'true', SCRAPE_INTERVAL_MS: '1000', HEALTH_INTERVAL_MS: '2000' });

type Component = { name: string; status: string; version: string | null };

describe('e2e observability through the gateway', () => {
  let p: Platform;
  let admin: string;

  beforeAll(async () => {
    p = await bootPlatform('observability');
    const login = await p.gql<{ login: { accessToken: string } }>(
      'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { login: ADMIN.login, password: ADMIN.password } },
    );
    admin = login.data!.login.accessToken;
  });
  afterAll(() => p?.stop());

  it('reports every component healthy with its version', async () => {
    const components = async () => {
      const health = await p.gql<{ systemHealth: { components: Component[] } }>(
        '{ systemHealth { status components { name status version } } }',
        {},
        admin,
      );
      return Object.fromEntries(health.data!.systemHealth.components.map((c) => [c.name, c]));
    };
    // Services start side by side; a probe from before one was ready is rechecked on demand.
    const names = ['database', 'redis', 'identity', 'observability', 'gateway', 'tasks', 'tasks-worker'];
    const down = async () => {
      const byName = await components();
      return names.filter((n) => byName[n]?.status !== 'UP');
    };
    await expect.poll(down, { timeout: 15_000, interval: 500 }).toEqual([]);
    const byName = await components();
    for (const name of names)
      expect(byName[name]).toMatchObject({ status: 'UP', version: expect.any(String) });
    expect((await p.gql('{ systemHealth { status } }')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('collects one request’s logs from the gateway and the subgraph it reached', async () => {
    const requestId = `e2e-${randomUUID()}`;
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const services = async () => {
      const r = await p.gql<{ logs: { edges: { node: { service: string } }[] } }>(
        'query ($r: String) { logs(requestId: $r) { edges { node { service } } } }',
        { r: requestId },
        admin,
      );
      return [...new Set(r.data?.logs.edges.map((e) => e.node.service))].sort();
    };
    await expect.poll(services, { timeout: 15_000, interval: 500 }).toEqual(['gateway', 'identity']);
  });

  it('scrapes every service and serves the series', async () => {
    const up = async () => {
      const r = await p.gql<{ metricSeries: { service: string; max: number }[] }>(
        '{ metricSeries(name: "up", step: 5) { service max } }',
        {},
        admin,
      );
      return new Set(r.data?.metricSeries.filter((x) => x.max === 1).map((x) => x.service));
    };
    await expect
      .poll(async () => (await up()).has('identity') && (await up()).has('observability'), {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(true);
    const latest = await p.gql<{ latestMetrics: { services: { service: string; memoryBytes: number }[] } }>(
      '{ latestMetrics { services { service memoryBytes } } }',
      {},
      admin,
    );
    expect(
      latest.data?.latestMetrics.services.find((s) => s.service === 'identity')?.memoryBytes,
    ).toBeGreaterThan(0);
  });
});
