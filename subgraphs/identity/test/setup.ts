import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import request from 'supertest';
import { loadIdentityConfig } from '../src/config.js';
import { createIdentity, type Identity } from '../src/server.js';

export interface Harness {
  identity: Identity;
  db: TestDatabase;
  /** The private Redis prefix of this run (keys and channels). */
  prefix: string;
  /** INTERNAL_SECRET, which signs calls as the gateway's. */
  secret: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    /** The client address the gateway vouches for. */
    clientIp?: string,
    /** The `User-Agent` the gateway passes on. */
    userAgent?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] }>;
  stop(): Promise<void>;
}

/** Boots identity on a fresh database and a private Redis prefix; talks to it over HTTP without a port. */
export async function startIdentity(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('identity');
  const prefix = testRedisPrefix('identity');
  const config = loadIdentityConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    ADMIN_EMAIL: 'root@example.com',
    ADMIN_PASSWORD: 'root-password-123',
    NODE_ENV: 'test',
    ...env,
  });
  const identity = await createIdentity(config, createLogger('identity', 'silent'));
  return {
    identity,
    db,
    prefix,
    secret: config.INTERNAL_SECRET,
    async gql(query, variables, token, clientIp, userAgent) {
      const req = request(identity.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(gatewayHeaders(config.INTERNAL_SECRET, clientIp));
      if (token) req.set('authorization', `Bearer ${token}`);
      if (userAgent) req.set('user-agent', userAgent);
      const res = await req.send({ query, variables });
      return res.body;
    },
    async stop() {
      await identity.stop();
      await db.drop();
    },
  };
}
