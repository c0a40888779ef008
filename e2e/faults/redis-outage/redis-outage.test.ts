import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RedisServer, startRedisServer } from '@trae/launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type Platform } from '../../support/platform.js';

const WINDOW_S = 8;
const HEALTH = '{ systemHealth { status components { name status history(last: 60) { status } } } }';
type Health = {
  systemHealth: {
    status: string;
    components: { name: string; status: string; history: { status: string }[] }[];
  };
};

/** Redis killed with -9 under a running platform, then started again on its port and files. */
describe('fault: Redis killed', () => {
  let p: Platform;
  let redis: RedisServer;
  let port: number;
  let dir: string;
  let admin: string;
  const component = async (name: string) => {
    const r = await p.gql<Health>(HEALTH, {}, admin);
    return { ...r, component: r.data?.systemHealth.components.find((c) => c.name === name) };
  };

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'trae-fault-redis-'));
    redis = await startRedisServer({ port, dir });
    p = await bootPlatform(
      'faults-redis',
      { REVOCATION_FAIL_OPEN_SECONDS: String(WINDOW_S) },
      { redisUrl: redis.url },
    );
    admin = await p.login();
  });
  afterAll(async () => {
    await p?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering health, lets tokens in for the window only, and shows the outage afterwards', async () => {
    expect((await component('redis')).component?.status).toBe('UP');

    const killedAt = performance.now();
    process.kill(redis.process.pid as number, 'SIGKILL');
    await expect
      .poll(async () => (await component('redis')).component?.status, { timeout: 10_000, interval: 250 })
      .toBe('DOWN');
    const detectedMs = performance.now() - killedAt;
    const during = await component('redis');
    expect(during.errors).toBeUndefined();
    expect(during.data?.systemHealth.status).toBe('UNHEALTHY');
    expect(
      (await p.gql<{ me: { username: string } }>('{ me { username } }', {}, admin)).data?.me.username,
    ).toBe(ADMIN.login);

    // Past the window, a token is no longer taken on its signature alone; guests are unaffected.
    const wait = WINDOW_S * 1000 - (performance.now() - killedAt) + 500;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const refused = await p.gql('{ me { username } }', {}, admin);
    expect(refused.status).toBe(503);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await p.gql<{ __typename: string }>('{ __typename }')).data?.__typename).toBe('Query');
    const gatewayHealth = await fetch(`${p.url}/health`);
    expect(gatewayHealth.status).toBe(503);
    expect(
      ((await gatewayHealth.json()) as { services: { redis: { status: string } } }).services.redis.status,
    ).toBe('down');

    const restartedAt = performance.now();
    redis = await startRedisServer({ port, dir });
    await expect
      .poll(async () => (await p.gql('{ me { username } }', {}, admin)).status, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(200);
    const authBackMs = performance.now() - restartedAt;
    await expect
      .poll(async () => (await component('redis')).component?.status, { timeout: 20_000, interval: 500 })
      .toBe('UP');
    const healthBackMs = performance.now() - restartedAt;
    const history = (await component('redis')).component?.history.map((s) => s.status) ?? [];
    expect(history[0]).toBe('UP');
    expect(history).toContain('DOWN');
    console.log(
      `redis fault: detected in ${Math.round(detectedMs)} ms; after restart, signed-in requests back in ${Math.round(authBackMs)} ms, health UP in ${Math.round(healthBackMs)} ms`,
    );
  }, 90_000);
});
