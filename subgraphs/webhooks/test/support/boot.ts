import { randomUUID } from 'node:crypto';
import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type IdentityKeys,
  startIdentityKeys,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import request from 'supertest';
import { loadWebhooksConfig } from '../../src/config.js';
import { createWebhooks, type Webhooks } from '../../src/server.js';

export const INTERNAL_SECRET = 'webhooks-test-internal-secret';

export interface Gql<T> {
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** The webhooks service on a fresh database, with a test JWKS; `env` adds or overrides variables. */
export async function bootWebhooks(env: Record<string, string> = {}) {
  const db: TestDatabase = await createTestDatabase('webhooks');
  const keys: IdentityKeys = await startIdentityKeys();
  const prefix = testRedisPrefix('webhooks');
  const config = loadWebhooksConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IDENTITY_URL: keys.url,
    INTERNAL_SECRET,
    NODE_ENV: 'test',
    PORT: '0',
    ...env,
  });
  const service: Webhooks = await createWebhooks(config, createLogger('webhooks', 'silent'));

  async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Gql<T>> {
    const req = request(service.app).post('/graphql').set(gatewayHeaders(INTERNAL_SECRET));
    if (token) req.set('authorization', `Bearer ${token}`);
    return (await req.send({ query, variables })).body;
  }

  return {
    service,
    keys,
    prefix,
    gql,
    /** A signed-in user of `role` with a fresh id. */
    async someone(role: 'USER' | 'ADMIN' = 'USER') {
      const id = randomUUID();
      return { id, token: await keys.sign(role, id) };
    },
    async close() {
      await service.stop();
      await keys.close();
      await db.drop();
    },
  };
}
