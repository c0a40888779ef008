import { createServer } from 'node:net';
import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  gatewayWebSocket,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';

/** Subgraphs answer only the gateway and other services; tests sign as the gateway with this. */
export const INTERNAL_SECRET = 'observability-test-internal-secret';
/** For graphql-ws clients that connect to the service directly. */
export const TrustedWebSocket = gatewayWebSocket(INTERNAL_SECRET);

import { Redis } from 'ioredis';
import request from 'supertest';
import { loadObservabilityConfig } from '../src/config.js';
import { createObservability, type Observability, type ObservabilityOptions } from '../src/server.js';
import { type IdentityKeys, startIdentityKeys } from './support/identity-keys.js';

export type GqlResult<T> = {
  data?: T;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
};

export interface Harness {
  obs: Observability;
  db: TestDatabase;
  prefix: string;
  /** A plain connection under the test prefix, for writing to the stream and reading keys. */
  redis: Redis;
  keys: IdentityKeys;
  admin: string;
  user: string;
  /** Where the service listens (it always listens, on a free port). */
  url: string;
  /** Asks the newest running instance, over HTTP without a port. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  /** Another instance on the same database and Redis prefix (a restart, or a second copy). */
  restart(env?: Record<string, string>, options?: ObservabilityOptions): Promise<Observability>;
  /** Stops one instance (once); `stop` stops the rest and cleans up. */
  stopInstance(instance: Observability): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Observability on a fresh database and a private Redis prefix, with identity's key set served
 * locally. Background work (consumer, scrapes, probes) is off unless `options.background`.
 */
export async function startObservability(
  env: Record<string, string> = {},
  options: ObservabilityOptions = { background: false },
): Promise<Harness> {
  const db = await createTestDatabase('obs');
  const prefix = testRedisPrefix('obs');
  const keys = await startIdentityKeys();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const baseEnv = {
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IDENTITY_URL: keys.url,
    OBSERVABILITY_URL: url,
    LOG_CLAIM_IDLE_MS: '500',
    NODE_ENV: 'test',
    INTERNAL_SECRET,
    ...env,
    // The service always scrapes and probes itself; `env.SCRAPE_TARGETS` adds to that.
    SCRAPE_TARGETS: [`observability=${url}`, env.SCRAPE_TARGETS].filter(Boolean).join(','),
  };
  const boot = async (more: Record<string, string> = {}, opts = options) =>
    createObservability(
      loadObservabilityConfig({ ...baseEnv, ...more }),
      createLogger('observability', 'silent'),
      opts,
    );
  const instances: Observability[] = [];
  const stopped = new Set<Observability>();
  const stopInstance = async (i: Observability) => {
    if (stopped.has(i)) return;
    stopped.add(i);
    await i.stop();
  };
  const obs = await boot();
  instances.push(obs);
  await obs.listen(port);
  const redis = new Redis(testRedisUrl(), { keyPrefix: prefix });
  const [admin, user] = await Promise.all([keys.sign('ADMIN'), keys.sign('USER')]);
  return {
    obs,
    db,
    prefix,
    redis,
    keys,
    admin,
    user,
    url,
    async gql(query, variables, token) {
      // The newest running instance answers, so tests can restart the service under it.
      const live = instances.filter((i) => !stopped.has(i)).at(-1) ?? obs;
      const req = request(live.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(gatewayHeaders(baseEnv.INTERNAL_SECRET));
      if (token) req.set('authorization', `Bearer ${token}`);
      return (await req.send({ query, variables })).body;
    },
    async restart(more, opts) {
      const next = await boot(more, opts);
      instances.push(next);
      return next;
    },
    stopInstance,
    async stop() {
      for (const i of instances) await stopInstance(i);
      redis.disconnect();
      const raw = new Redis(testRedisUrl());
      const left = await raw.keys(`${prefix}*`);
      if (left.length) await raw.del(...left);
      raw.disconnect();
      await keys.close();
      await db.drop();
    },
  };
}

/** Polls until `check` returns true (for hooks, where `expect.poll` is not available). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
