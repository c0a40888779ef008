import { createLogger, createRedis, type Principal, type Redis } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import pg from 'pg';
import request from 'supertest';
import { loadChannelsConfig } from '../src/config.js';
import { type Channels, createChannels } from '../src/server.js';
import { type IdentityProcess, startIdentityProcess } from './identity-process.js';

export const INTERNAL_SECRET = 'channels-test-internal-secret';
const ADMIN = { login: 'root@example.com', password: 'root-password-123' };

export interface TestUser {
  id: string;
  token: string;
  /** The same caller as services see it. */
  principal: Principal;
}

export interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
}

export interface Harness {
  channels: Channels;
  identity: IdentityProcess;
  db: TestDatabase;
  /** Prefixed like the service's own connection: streams read and written here are the service's. */
  redis: Redis;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResponse<T>>;
  /** Registers a fresh user in identity. */
  user(name: string): Promise<TestUser>;
  admin(): Promise<TestUser>;
  /** Events committed but not yet relayed to Redis. */
  outboxSize(): Promise<number>;
  stop(): Promise<void>;
}

async function identityGql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gatewayHeaders(INTERNAL_SECRET) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse<T>;
  if (!body.data) throw new Error(`identity: ${JSON.stringify(body.errors)}`);
  return body.data;
}

type Session = { accessToken: string; user: { id: string; role: Principal['role'] } };
const toUser = (s: Session): TestUser => ({
  id: s.user.id,
  token: s.accessToken,
  principal: { id: s.user.id, role: s.user.role },
});

/**
 * Real identity (a process) and channels (in this process) on a fresh database and a private Redis prefix.
 * `env` overrides both services' settings (an upgrade test points DATABASE_URL at a restored database).
 */
export async function startChannels(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('channels');
  const prefix = testRedisPrefix('channels');
  const shared = {
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    INTERNAL_SECRET,
    ...env,
  };
  const identity = await startIdentityProcess({
    ...shared,
    ADMIN_EMAIL: ADMIN.login,
    ADMIN_PASSWORD: ADMIN.password,
  }).catch(async (err) => {
    await db.drop();
    throw err;
  });
  const config = loadChannelsConfig({
    ...shared,
    IDENTITY_URL: identity.url,
    NODE_ENV: 'test',
    PORT: '0',
    OUTBOX_INTERVAL_MS: '200',
    EVENTS_CONSUMER: 'test-consumer',
  });
  const channels = await createChannels(config, createLogger('channels', 'silent'));
  const redis = createRedis(testRedisUrl(), prefix);
  const sql = new pg.Pool({ connectionString: db.url, max: 1 });
  return {
    channels,
    identity,
    db,
    redis,
    async gql(query, variables, token) {
      const req = request(channels.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(gatewayHeaders(INTERNAL_SECRET));
      if (token) req.set('authorization', `Bearer ${token}`);
      return (await req.send({ query, variables })).body;
    },
    async user(name) {
      const data = await identityGql<{ register: Session }>(
        identity.url,
        'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id role } } }',
        { i: { username: name, email: `${name}@example.com`, password: 'a decent password' } },
      );
      return toUser(data.register);
    },
    async admin() {
      const data = await identityGql<{ login: Session }>(
        identity.url,
        'mutation ($i: LoginInput!) { login(input: $i) { accessToken user { id role } } }',
        { i: ADMIN },
      );
      return toUser(data.login);
    },
    async outboxSize() {
      const rows = await sql.query<{ n: number }>('select count(*)::int as n from channels.outbox');
      return rows.rows[0].n;
    },
    async stop() {
      await sql.end();
      await channels.stop();
      await identity.stop();
      redis.disconnect();
      const raw = createRedis(testRedisUrl(), '');
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length) await raw.del(...keys);
      raw.disconnect();
      await db.drop();
    },
  };
}

/** The error a promise rejected with, for asserting on its code and field. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: unknown; field: unknown; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { message: string; extensions?: Record<string, unknown> };
    return { code: e.extensions?.code, field: e.extensions?.field, message: e.message };
  }
  throw new Error('expected a failure');
}
