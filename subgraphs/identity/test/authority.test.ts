import { INTERNAL_AUTH_HEADER } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const SECRET = 'authority-test-secret-0123456789abcdef';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;

describe('identity: a user’s current authority for other services', () => {
  let h: Harness;
  let admin: string;
  let userId: string;

  const authority = (id: string, secret = SECRET) =>
    request(h.identity.app).get(`/internal/users/${id}/authority`).set(INTERNAL_AUTH_HEADER, secret);

  beforeAll(async () => {
    h = await startIdentity({ INTERNAL_SECRET: SECRET });
    admin = (
      await h.gql<{ login: { accessToken: string } }>(LOGIN, {
        input: { login: 'root@example.com', password: 'root-password-123' },
      })
    ).data!.login.accessToken;
    userId = (
      await h.gql<{ register: { user: { id: string } } }>(
        'mutation ($i: RegisterInput!) { register(input: $i) { user { id } } }',
        { i: { username: 'later', email: 'later@example.com', password: 'a decent password' } },
      )
    ).data!.register.user.id;
  });
  afterAll(() => h.stop());

  it('answers role and disabled as they are now, after a demotion and a disable', async () => {
    expect((await authority(userId)).body).toEqual({ id: userId, role: 'USER', disabled: false });

    await h.gql('mutation ($u: ID!) { setUserRole(userId: $u, role: GUEST) { id } }', { u: userId }, admin);
    await h.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: userId },
      admin,
    );

    const res = await authority(userId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: userId, role: 'GUEST', disabled: true });
  });

  it('tells services who a user is (name and email, as they are now) at /internal/users/:id', async () => {
    const res = await request(h.identity.app)
      .get(`/internal/users/${userId}`)
      .set(INTERNAL_AUTH_HEADER, SECRET);

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      id: userId,
      username: 'later',
      email: 'later@example.com',
      displayName: null,
      role: expect.any(String),
      disabled: expect.any(Boolean),
    });
    expect((await request(h.identity.app).get(`/internal/users/${userId}`)).status).toBe(403);
    const unknown = await request(h.identity.app)
      .get('/internal/users/00000000-0000-4000-8000-000000000000')
      .set(INTERNAL_AUTH_HEADER, SECRET);
    expect(unknown.status).toBe(404);
  });

  it('is for services only, and says NOT_FOUND for unknown or malformed ids', async () => {
    expect((await authority(userId, 'wrong-secret')).status).toBe(403);
    expect((await request(h.identity.app).get(`/internal/users/${userId}/authority`)).status).toBe(403);
    const unknown = await authority('00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await authority('not-a-uuid')).status).toBe(404);
  });
});
