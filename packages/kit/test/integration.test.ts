import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IntegrationClient, type IntegrationOptions, parseRetryAfter } from '../src/integration.js';
import { createLogger } from '../src/logger.js';
import { Metrics } from '../src/metrics.js';
import { type MisbehavingServer, startMisbehavingServer } from '../src/testing/index.js';

const API_KEY = 'b44-live-3f9a1c7e5d2b8a6f4e0c9d1b7a5e3f2c';
const Status = z.object({ status: z.enum(['up', 'down']) });

let server: MisbehavingServer;
const clients: IntegrationClient[] = [];

beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

/** A client of the misbehaving server with quick policies, its metrics and its log lines. */
function client(options: Partial<IntegrationOptions> = {}) {
  const raw: string[] = [];
  const metrics = new Metrics('test');
  const c = new IntegrationClient({
    name: 'fake',
    baseUrl: server.url,
    headers: { authorization: `Bearer ${API_KEY}` },
    logger: createLogger('test', 'info', { write: (line: string) => void raw.push(line) }),
    metrics,
    timeoutMs: 300,
    maxAttempts: 3,
    backoff: { initialMs: 10, maxMs: 50 },
    breaker: { failures: 10, openMs: 200 },
    ...options,
  });
  clients.push(c);
  const count = async (name: string, labels: Record<string, string>) => {
    const metric = await metrics.registry.getSingleMetric(name)?.get();
    const match = (l: Record<string, unknown>) => Object.entries(labels).every(([k, v]) => l[k] === v);
    return metric?.values.filter((v) => match(v.labels)).reduce((n, v) => n + v.value, 0) ?? 0;
  };
  return { c, raw, count };
}

describe('IntegrationClient', () => {
  it('sends the configured headers and gives the checked answer its type', async () => {
    const { c, count } = client();
    server.script('/ok', { ok: { status: 'up' } });

    const answer = await c.get('/ok', Status);

    expect(answer).toEqual({ status: 'up' });
    expect(server.received.find((r) => r.path === '/ok')?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(await count('integration_requests_total', { integration: 'fake', outcome: 'ok' })).toBe(1);
    expect(await count('integration_request_duration_seconds', { integration: 'fake' })).toBeGreaterThan(0);
  });

  it('retries 500s with backoff and succeeds', async () => {
    const { c, count } = client();
    server.script('/flaky', { status: 500 }, { status: 502 }, { ok: { status: 'up' } });

    const answer = await c.get('/flaky', Status);

    expect(answer.status).toBe('up');
    expect(server.hits('/flaky')).toBe(3);
    expect(await count('integration_retries_total', { integration: 'fake' })).toBe(2);
    expect(await count('integration_requests_total', { outcome: 'http_5xx' })).toBe(2);
  });

  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    const { c } = client();
    server.script('/throttled', { status: 429, headers: { 'retry-after': '1' } }, { ok: { status: 'up' } });
    const started = Date.now();

    await c.get('/throttled', Status);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.hits('/throttled')).toBe(2);
  });

  it('fails at once when Retry-After is longer than it will wait', async () => {
    const { c } = client({ maxRetryAfterMs: 5_000 });
    server.script('/later', { status: 429, headers: { 'retry-after': '120' } });

    const error = await c.get('/later', Status).catch((e) => e);

    expect(error).toMatchObject({ failure: 'throttled', status: 429, details: { retryAfterMs: 120_000 } });
    expect(server.hits('/later')).toBe(1);
  });

  it('cuts a slow answer at the timeout, on every attempt', async () => {
    const { c, count } = client({ maxAttempts: 2 });
    server.script('/slow', { ok: { status: 'up' }, delayMs: 2_000 });
    const started = Date.now();

    const error = await c.get('/slow', Status).catch((e) => e);

    expect(error).toMatchObject({ name: 'IntegrationError', failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await count('integration_requests_total', { outcome: 'timeout' })).toBe(2);
    expect(await count('integration_failures_total', { reason: 'timeout' })).toBe(1);
  });

  it('refuses malformed JSON and an answer of the wrong shape, without quoting it', async () => {
    const { c } = client({ maxAttempts: 1 });
    server.script('/garbled', { malformed: '{"status": "up", SECRET-BODY' });
    server.script('/wrong', { ok: { status: 'sideways' } });

    const garbled = await c.get('/garbled', Status).catch((e) => e);
    const wrong = await c.get('/wrong', Status).catch((e) => e);

    expect(garbled).toMatchObject({ failure: 'malformed' });
    expect(garbled.message).not.toContain('SECRET-BODY');
    expect(wrong).toMatchObject({ failure: 'malformed' });
  });

  it('retries a reset connection', async () => {
    const { c, count } = client();
    server.script('/reset', { reset: true }, { ok: { status: 'up' } });

    await expect(c.get('/reset', Status)).resolves.toEqual({ status: 'up' });
    expect(await count('integration_requests_total', { outcome: 'network' })).toBe(1);
  });

  it('does not retry a 4xx, nor a POST that may have landed unless it is idempotent', async () => {
    const { c } = client();
    server.script('/missing', { status: 404 });
    server.script('/create', { status: 500 });
    server.script('/put-like', { status: 500 }, { ok: { status: 'up' } });

    const missing = await c.get('/missing', Status).catch((e) => e);
    const create = await c.post('/create', Status, { body: { a: 1 } }).catch((e) => e);
    const idempotent = await c.post('/put-like', Status, { body: { a: 1 }, idempotent: true });

    expect(missing).toMatchObject({ failure: 'http_4xx', status: 404 });
    expect(server.hits('/missing')).toBe(1);
    expect(create).toMatchObject({ failure: 'http_5xx' });
    expect(server.hits('/create')).toBe(1);
    expect(idempotent.status).toBe('up');
    expect(server.received.find((r) => r.path === '/create')?.body).toBe('{"a":1}');
  });

  it('opens the circuit after repeated failures, stops calling, and closes it when the service is back', async () => {
    const { c, count } = client({ maxAttempts: 1, breaker: { failures: 3, openMs: 200 } });
    server.script('/down', { status: 503 });
    for (let i = 0; i < 3; i++) await c.get('/down', Status).catch(() => undefined);

    const open = await c.get('/down', Status).catch((e) => e);
    const hitsWhileOpen = server.hits('/down');
    const gaugeOpen = await count('integration_breaker_state', { integration: 'fake' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.script('/down', { ok: { status: 'up' } });
    const back = await c.get('/down', Status);

    expect(open).toMatchObject({ failure: 'circuit_open' });
    expect(hitsWhileOpen).toBe(3);
    expect(gaugeOpen).toBe(2);
    expect(c.state.breaker).toBe('closed');
    expect(back.status).toBe('up');
    expect(await count('integration_breaker_state', { integration: 'fake' })).toBe(0);
  });

  it('holds calls to its rate, queueing the excess', async () => {
    const { c } = client({ perSecond: 2 });
    server.script('/paced', { ok: { status: 'up' } });
    const started = Date.now();

    await Promise.all([1, 2, 3].map(() => c.get('/paced', Status)));

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('never logs the credentials it sends', async () => {
    const { c, raw } = client({ maxAttempts: 2 });
    server.script('/leak', { status: 500, body: JSON.stringify({ echo: API_KEY }) });

    await c.get('/leak', Status, { query: { api_key: API_KEY } }).catch(() => undefined);

    expect(raw.length).toBeGreaterThan(0);
    expect(raw.join('\n')).not.toContain(API_KEY);
    expect(raw.join('\n')).toContain('integration call failed');
  });

  it('reports its health in the kit shape', async () => {
    const { c } = client({ maxAttempts: 1 });
    server.script('/probe-up', { ok: { status: 'up' } });
    server.script('/probe-down', { status: 500 });

    const up = await c.health(() => c.get('/probe-up', Status));
    const down = await c.health(() => c.get('/probe-down', Status));

    expect(up).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    expect(down).toEqual({
      status: 'down',
      latencyMs: expect.any(Number),
      error: 'fake: GET /probe-down: HTTP 500',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores the unreadable', () => {
    const now = Date.parse('2026-12-04T02:00:00Z');

    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 02:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
