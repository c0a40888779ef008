import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Base44Client } from '../src/base44.js';
import { ConfigError } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { Metrics } from '../src/metrics.js';
import { type MisbehavingServer, startMisbehavingServer } from '../src/testing/index.js';

const KEY = 'b44_key_9c1e7a5d3b2f8e6a4c0d9b1f7e5a3c2d';
const deps = () => ({ logger: createLogger('test', 'silent'), metrics: new Metrics('test') });

/** The contract Base44Client speaks (docs/integrations.md), against a fake Base44 that also misbehaves. */
describe('Base44 client contract', () => {
  let base44: MisbehavingServer;
  const clients: Base44Client[] = [];
  const client = (timeoutMs = 300) => {
    const c = new Base44Client({ url: `${base44.url}/api/apps/app-1`, apiKey: KEY, timeoutMs }, deps());
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    base44 = await startMisbehavingServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await base44.stop();
  });

  it('reads the production status with the API key in the api_key header', async () => {
    base44.script('/api/apps/app-1/production/status', {
      ok: { status: 'operational', version: '2026.12.1' },
    });

    const status = await client().getProductionStatus();

    expect(status).toEqual({ status: 'operational', version: '2026.12.1' });
    const sent = base44.received.find((r) => r.path === '/api/apps/app-1/production/status');
    expect(sent?.headers.api_key).toBe(KEY);
    expect(sent?.headers.accept).toBe('application/json');
  });

  it('pushes a user profile, and sends it again after a 500 (the sync is idempotent)', async () => {
    base44.script('/api/apps/app-1/users/u-1/sync', { status: 500 }, { ok: { synced: true } });

    await client().syncUserData({ id: 'u-1', email: 'ada@example.com', displayName: 'Ada', role: 'USER' });

    const sent = base44.received.filter((r) => r.path === '/api/apps/app-1/users/u-1/sync');
    expect(sent).toHaveLength(2);
    expect(sent[1].method).toBe('POST');
    expect(JSON.parse(sent[1].body)).toEqual({
      user: { id: 'u-1', email: 'ada@example.com', displayName: 'Ada', role: 'USER' },
    });
  });

  it('waits out a 429 with Retry-After', async () => {
    base44.script(
      '/api/apps/app-1/production/status',
      { status: 429, headers: { 'retry-after': '1' } },
      {
        ok: { status: 'degraded', message: 'builds slow' },
      },
    );

    const status = await client().getProductionStatus();

    expect(status).toEqual({ status: 'degraded', message: 'builds slow' });
  });

  it('fails with a coded, body-free error on malformed JSON, a slow answer, or an unknown status', async () => {
    const path = '/api/apps/app-1/production/status';
    base44.script(path, { malformed: '<html>oops' });
    const malformed = await client()
      .getProductionStatus()
      .catch((e) => e);
    base44.script(path, { ok: { status: 'operational' }, delayMs: 1_000 });
    const slow = await client(100)
      .getProductionStatus()
      .catch((e) => e);
    base44.script(path, { ok: { status: 'on fire' } });
    const unknown = await client()
      .getProductionStatus()
      .catch((e) => e);

    expect(malformed).toMatchObject({ integration: 'base44', failure: 'malformed' });
    expect(malformed.message).not.toContain('oops');
    expect(slow).toMatchObject({ failure: 'timeout' });
    expect(unknown).toMatchObject({ failure: 'malformed' });
    expect(malformed.toGraphQLError().extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      serviceName: 'base44',
    });
  });

  it('turns the status into a health check: an outage is down, degraded is up and says so', async () => {
    const path = '/api/apps/app-1/production/status';
    base44.script(path, { ok: { status: 'degraded', version: '7', message: 'slow builds' } });
    const degraded = await client().healthCheck();
    base44.script(path, { ok: { status: 'outage', message: 'region down' } });
    const outage = await client()
      .healthCheck()
      .catch((e) => e);

    expect(degraded).toEqual({ version: '7', detail: 'degraded: slow builds' });
    expect(outage.message).toBe('Base44 reports an outage: region down');
  });
});

describe('Base44 configuration', () => {
  const env = {
    NODE_ENV: 'development',
    BASE44_TIMEOUT_MS: 5_000,
    BASE44_URL: undefined,
    BASE44_API_KEY: undefined,
  };

  it('is off without BASE44_URL', () => {
    expect(Base44Client.fromConfig({ ...env }, deps())).toBeNull();
  });

  it('refuses a URL without a key, and plain http to another machine in production, naming the variable', () => {
    const noKey = () => Base44Client.fromConfig({ ...env, BASE44_URL: 'https://base44.example' }, deps());
    const plain = () =>
      Base44Client.fromConfig(
        { ...env, NODE_ENV: 'production', BASE44_URL: 'http://base44.example', BASE44_API_KEY: KEY },
        deps(),
      );

    expect(noKey).toThrow(ConfigError);
    expect(noKey).toThrow('BASE44_API_KEY');
    expect(plain).toThrow('BASE44_URL: must be https://');
  });
});
