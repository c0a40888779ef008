import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { createLogger, createRedis, type Redis } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { loadGatewayConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { type IdentityStub, startIdentityStub } from './identity-stub.js';
import { type RunningSubgraph, startAccounts, startReviews } from './subgraphs.js';

export const DATABASE_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Composed with an unreachable URL so every test also proves the `<NAME>_URL` override. */
const UNREACHABLE = 'http://127.0.0.1:9/graphql';

export interface Stack {
  identity: IdentityStub;
  accounts: RunningSubgraph;
  reviews: RunningSubgraph;
  supergraphPath: string;
  stop(): Promise<void>;
}

/** Identity stub and two subgraphs, composed in code into a supergraph file (no identity subgraph needed). */
export async function startStack(): Promise<Stack> {
  const [identity, accounts, reviews] = await Promise.all([
    startIdentityStub(),
    startAccounts(),
    startReviews(),
  ]);
  const result = composeServices([
    { name: 'accounts', url: UNREACHABLE, typeDefs: accounts.typeDefs },
    { name: 'reviews', url: `${reviews.baseUrl}/graphql`, typeDefs: reviews.typeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'gateway-test-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, result.supergraphSdl);
  return {
    identity,
    accounts,
    reviews,
    supergraphPath,
    async stop() {
      await Promise.all([
        identity.stop(),
        accounts.stop().catch(() => undefined),
        reviews.stop().catch(() => undefined),
      ]);
    },
  };
}

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** A client on the gateway's Redis prefix, to plant revocation marks. */
  redis: Redis;
  prefix: string;
  stop(): Promise<void>;
}

export async function startGateway(stack: Stack, env: Record<string, string> = {}): Promise<RunningGateway> {
  // Instances of one deployment share a prefix (pass the same REDIS_PREFIX); otherwise each has its own.
  const prefix = env.REDIS_PREFIX ?? testRedisPrefix('gateway');
  const config = loadGatewayConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATABASE_URL,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IDENTITY_URL: stack.identity.url,
    ACCOUNTS_URL: stack.accounts.baseUrl,
    SUPERGRAPH_PATH: stack.supergraphPath,
    CLIENT_DIST: join(tmpdir(), 'gateway-test-no-client'),
    HEALTH_CACHE_MS: '0',
    ...env,
  });
  const gateway = await createGateway(config, { logger: createLogger('gateway', 'silent') });
  const port = await gateway.listen(0, '127.0.0.1');
  const redis = createRedis(testRedisUrl(), prefix);
  return {
    gateway,
    url: `http://127.0.0.1:${port}`,
    redis,
    prefix,
    async stop() {
      await gateway.stop();
      // ioredis does not prefix KEYS patterns, and returns full names: strip the prefix it adds to DEL.
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      await redis.quit();
    },
  };
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** POSTs one operation the way a browser client would. */
export async function gql(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody; headers: Headers }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLBody, headers: res.headers };
}
