import { createHash } from 'node:crypto';
import { createTokenVerifier, internalHeaders } from '@trae/kit';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const CREATE = `mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name role prefix expiresAt } } }`;

describe('identity: API keys', () => {
  let h: Harness;
  let user: string;
  let other: string;
  const exchange = (apiKey: string) =>
    request(h.identity.app)
      .post('/internal/api-keys/exchange')
      .set(internalHeaders('trae-dev-internal-secret-change-me'))
      .send({ apiKey });

  beforeAll(async () => {
    h = await startIdentity();
    const reg = (name: string) =>
      h.gql<{ register: { accessToken: string } }>(
        'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }',
        {
          i: { username: name, email: `${name}@example.com`, password: 'a decent password' },
        },
      );
    user = (await reg('keyowner')).data!.register.accessToken;
    other = (await reg('stranger')).data!.register.accessToken;
  });
  afterAll(() => h.stop());

  it('shows the secret once, stores only a hash, and exchanges it for a role-scoped token', async () => {
    const res = await h.gql<{
      createApiKey: { secret: string; apiKey: { id: string; role: string; prefix: string } };
    }>(CREATE, { i: { name: 'ci bot', role: 'AGENT' } }, user);
    const { secret, apiKey } = res.data!.createApiKey;
    expect(secret.startsWith('trae_')).toBe(true);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const listed = await h.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, user);
    expect(listed.data?.apiKeys.map((k) => k.id)).toEqual([apiKey.id]);
    const db = new pg.Client({ connectionString: h.db.url });
    await db.connect();
    const rows = await db.query('select * from identity.api_keys');
    await db.end();
    expect(rows.rows[0].key_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows.rows)).not.toContain(secret);

    const ex = await exchange(secret).expect(200);
    const verify = createTokenVerifier({
      issuer: 'trae-identity',
      audience: 'trae-platform',
      keySet: h.identity.services.keys.localKeySet(),
    });
    const principal = await verify(ex.body.accessToken);
    expect(principal).toMatchObject({ role: 'AGENT', apiKeyId: apiKey.id, username: 'keyowner' });
  });

  it('refuses escalation, past expiry and other people’s keys', async () => {
    const admin = await h.gql(CREATE, { i: { name: 'sneaky', role: 'ADMIN' } }, user);
    expect(admin.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const past = await h.gql(
      CREATE,
      { i: { name: 'old', role: 'USER', expiresAt: '2000-01-01T00:00:00Z' } },
      user,
    );
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    const guest = await h.gql(CREATE, { i: { name: 'anon', role: 'USER' } });
    expect(guest.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const mine = (
      await h.gql<{ createApiKey: { apiKey: { id: string } } }>(
        CREATE,
        { i: { name: 'mine', role: 'USER' } },
        user,
      )
    ).data!.createApiKey.apiKey.id;
    const theirs = await h.gql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: mine }, other);
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('stops working once revoked or expired', async () => {
    const created = (
      await h.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        CREATE,
        { i: { name: 'short', role: 'USER', expiresAt: new Date(Date.now() + 1500).toISOString() } },
        user,
      )
    ).data!.createApiKey;
    await exchange(created.secret).expect(200);
    await new Promise((r) => setTimeout(r, 1600));
    await exchange(created.secret).expect(401);

    const live = (
      await h.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        CREATE,
        { i: { name: 'revoke me', role: 'USER' } },
        user,
      )
    ).data!.createApiKey;
    await exchange(live.secret).expect(200);
    const revoked = await h.gql<{ revokeApiKey: boolean }>(
      'mutation ($id: ID!) { revokeApiKey(id: $id) }',
      { id: live.apiKey.id },
      user,
    );
    expect(revoked.data?.revokeApiKey).toBe(true);
    await exchange(live.secret).expect(401);
    await exchange('trae_made-up').expect(401);
    await exchange('').expect(401);
    await request(h.identity.app)
      .post('/internal/api-keys/exchange')
      .send({ apiKey: live.secret })
      .expect(403);
  });
});
