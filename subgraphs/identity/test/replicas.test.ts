import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  executedMigrations,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import pg from 'pg';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadIdentityConfig } from '../src/config.js';
import { migrations } from '../src/migrations/index.js';
import { createIdentity, type Identity } from '../src/server.js';

const REPLICAS = 4;

describe('identity: replicas booting together on an empty database', () => {
  let db: TestDatabase | undefined;
  let replicas: Identity[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(replicas.map((r) => r.stop()));
    replicas = [];
    await db?.drop();
  });

  async function bootReplicas(env: Record<string, string>) {
    db = await createTestDatabase('identity');
    const config = loadIdentityConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix('identity'),
      NODE_ENV: 'test',
      ...env,
    });
    const logger = createLogger('identity', 'silent');
    replicas = await Promise.all(Array.from({ length: REPLICAS }, () => createIdentity(config, logger)));
    return { url: db.url, secret: config.INTERNAL_SECRET };
  }

  async function rows(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('end with the migrations applied once, one admin and one signing key that every replica publishes', async () => {
    const { url } = await bootReplicas({
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'root-password-123',
    });

    expect(await rows(url, "select email from identity.users where role = 'ADMIN'")).toEqual([
      { email: 'root@example.com' },
    ]);
    const keys = await rows(url, 'select kid from identity.signing_keys where retired_at is null');
    expect(keys).toHaveLength(1);
    expect((await executedMigrations(url, 'identity')).map((m) => m.name)).toEqual(
      migrations.map((m) => m.name),
    );
    for (const replica of replicas) {
      const jwks = (await request(replica.app).get('/.well-known/jwks.json').expect(200)).body;
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([keys[0].kid]);
    }
  });

  it('print one generated admin password, the one that logs in', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { url, secret } = await bootReplicas({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    vi.restoreAllMocks();

    const printed = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'first admin created');
    expect(printed).toHaveLength(1);
    expect(await rows(url, "select username from identity.users where role = 'ADMIN'")).toEqual([
      { username: 'admin' },
    ]);
    const login = await request(replicas[REPLICAS - 1].app)
      .post('/graphql')
      .set(gatewayHeaders(secret))
      .send({
        query: 'mutation ($i: LoginInput!) { login(input: $i) { user { role } } }',
        variables: { i: { login: 'admin', password: printed[0].password } },
      });
    expect(login.body.data?.login.user.role).toBe('ADMIN');
  });
});
