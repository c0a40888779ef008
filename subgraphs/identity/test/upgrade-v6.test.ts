import { internalHeaders } from '@trae/kit';
import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import fixture from './fixtures/v6-identity.json' with { type: 'json' };
import { type Harness, startIdentity } from './setup.js';

const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { user { id username role } } }`;

describe('identity on a database MikroORM 6 made', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('identity_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-identity.sql', import.meta.url));
    before = await executedMigrations(db.url, 'identity');
    h = await startIdentity({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await h?.stop();
    await db.drop();
  });

  it('boots running only the migrations added since, none it ran before', async () => {
    const after = await executedMigrations(db.url, 'identity');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(before.map((m) => m.name)).toEqual(['InitialIdentity20261127']);
  });

  it('signs in the accounts 6.x stored, and finds the first admin already there', async () => {
    const admin = await h.gql(LOGIN, { i: { login: 'root@example.com', password: 'root-password-123' } });
    expect(admin.data?.login).toMatchObject({ user: { username: 'admin', role: 'ADMIN' } });
    const ada = await h.gql(LOGIN, { i: { login: 'ada', password: 'a decent password' } });
    expect(ada.data?.login).toEqual({ user: { id: fixture.adaId, username: 'ada', role: 'USER' } });
  });

  it('keeps the signing key and exchanges the API key 6.x issued', async () => {
    const jwks = await request(h.identity.app).get('/.well-known/jwks.json').expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual([fixture.signingKeyId]);
    const exchanged = await request(h.identity.app)
      .post('/internal/api-keys/exchange')
      .set(internalHeaders(h.secret))
      .send({ apiKey: fixture.apiKeySecret })
      .expect(200);
    expect(exchanged.body.accessToken).toEqual(expect.any(String));
  });
});
