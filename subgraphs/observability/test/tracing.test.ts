import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceNameOf } from '../src/modules/trace/tracing.js';
import { freePort, INTERNAL_SECRET, waitFor } from './setup.js';
import { type IdentityKeys, startIdentityKeys } from './support/identity-keys.js';

type Export = {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: { name: string; traceId: string }[] }[];
  }[];
};

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe('OpenTelemetry tracing (opt-in)', () => {
  let receiver: Server;
  let child: ChildProcess;
  let db: TestDatabase;
  let keys: IdentityKeys;
  const prefix = testRedisPrefix('otel');
  const exports: Export[] = [];
  let url = '';
  const output: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        if (req.url === '/v1/traces') exports.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase('otel');
    keys = await startIdentityKeys();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', dist('modules/trace/tracing.js'), dist('index.js')], {
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as { port: number }).port}`,
        DATABASE_URL: db.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        IDENTITY_URL: keys.url,
        PORT: String(port),
        SCRAPE_TARGETS: `observability=${url}`,
        LOG_LEVEL: 'silent',
        LOG_SHIPPING: 'false',
        INTERNAL_SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kept so a failed start says why; auto-instrumentation makes the first start slow on a busy machine.
    child.stdout?.on('data', (c) => output.push(String(c)));
    child.stderr?.on('data', (c) => output.push(String(c)));
    try {
      await waitFor(
        'the traced service',
        async () => (await fetch(`${url}/ready`).catch(() => null))?.ok === true,
        60_000,
      );
    } catch (err) {
      throw new Error(
        `${(err as Error).message} (exit code ${child.exitCode}); its output:\n${output.join('').slice(-4000)}`,
      );
    }
  }, 90_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise((r) => receiver.close(r));
    await keys.close();
    await db.drop();
    const raw = new Redis(testRedisUrl());
    const left = await raw.keys(`${prefix}*`);
    if (left.length) await raw.del(...left);
    raw.disconnect();
  });

  it('names services after their package', () => {
    expect(serviceNameOf(['node', '/srv/subgraphs/tasks/dist/index.js'])).toBe('tasks');
    expect(serviceNameOf(['node', '/srv/subgraphs/tasks/dist/index.js', 'worker'])).toBe('tasks-worker');
    expect(serviceNameOf(['node', '/srv/gateway/dist/index.js'])).toBe('gateway');
  });

  it('exports one trace per request with HTTP, Express, GraphQL, PostgreSQL and Redis spans', async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await keys.sign('ADMIN')}`,
        ...gatewayHeaders(INTERNAL_SECRET),
      },
      body: JSON.stringify({ query: '{ systemHealth { status } latestMetrics { time } }' }),
    });
    expect(res.status).toBe(200);
    const scopes = () => {
      const seen = new Set<string>();
      for (const e of exports)
        for (const rs of e.resourceSpans)
          for (const ss of rs.scopeSpans)
            if (ss.spans.length) seen.add(ss.scope.name.replace('@opentelemetry/instrumentation-', ''));
      return [...seen].sort();
    };
    await expect
      .poll(scopes, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['express', 'graphql', 'http', 'ioredis', 'pg']));
    const service = exports[0].resourceSpans[0].resource.attributes.find((a) => a.key === 'service.name');
    expect(service?.value.stringValue).toBe('observability');
  });
});
