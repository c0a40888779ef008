import { internalHeaders, revocationChannel, revocationKeys } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const LOGOUT = 'mutation ($t: String!) { logout(refreshToken: $t) }';
const REUSED = '{ auditLog(type: REFRESH_TOKEN_REUSED) { edges { node { subjectId } } } }';

type Session = { accessToken: string; refreshToken: string; user: { id: string } };

describe('identity: revocation of issued tokens', () => {
  let h: Harness;
  let admin: string;
  let redis: Redis;

  const register = async (name: string) =>
    (
      await h.gql<{ register: Session }>(REGISTER, {
        i: { username: name, email: `${name}@example.com`, password: 'a decent password' },
      })
    ).data!.register;
  const reusedFor = async (userId: string) =>
    (
      await h.gql<{ auditLog: { edges: { node: { subjectId: string } }[] } }>(REUSED, {}, admin)
    ).data!.auditLog.edges.filter((e) => e.node.subjectId === userId).length;

  beforeAll(async () => {
    h = await startIdentity({ ACCESS_TOKEN_TTL_SECONDS: '600' });
    admin = (
      await h.gql<{ login: { accessToken: string } }>(
        'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }',
        { i: { login: 'root@example.com', password: 'root-password-123' } },
      )
    ).data!.login.accessToken;
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    await redis.quit();
    await h.stop();
  });

  it('puts the session in the access token, and logout ends that access token too', async () => {
    const s = await register('logan');
    const { sid } = decodeJwt(s.accessToken);
    expect(typeof sid).toBe('string');
    expect((await h.gql('{ me { id } }', {}, s.accessToken)).data).toEqual({ me: { id: s.user.id } });

    expect((await h.gql(LOGOUT, { t: s.refreshToken })).data).toEqual({ logout: true });

    const after = await h.gql('{ me { id } }', {}, s.accessToken);
    expect(after.errors?.[0]).toMatchObject({
      message: 'Token revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The mark lives as long as a token of that session can (the access TTL), plus a margin.
    const ttl = await redis.ttl(`${h.prefix}${revocationKeys.session(String(sid))}`);
    expect(ttl).toBeGreaterThan(600);
    expect(ttl).toBeLessThanOrEqual(660);
  });

  it('says the session ended when a logged-out refresh token is used, and audits no reuse', async () => {
    const s = await register('rita');
    await h.gql(LOGOUT, { t: s.refreshToken });

    const res = await h.gql(REFRESH, { t: s.refreshToken });

    expect(res.errors?.[0]).toMatchObject({
      message: 'This session has ended (signed out or revoked); sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await reusedFor(s.user.id)).toBe(0);
  });

  it('says the account is disabled when a disabled user refreshes, and audits no reuse', async () => {
    const s = await register('dora');
    await h.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: s.user.id },
      admin,
    );

    const res = await h.gql(REFRESH, { t: s.refreshToken });

    expect(res.errors?.[0]).toMatchObject({
      message: 'This account is disabled',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await reusedFor(s.user.id)).toBe(0);
    expect((await h.gql('{ me { id } }', {}, s.accessToken)).errors?.[0].message).toBe('Token revoked');
  });

  it('still treats a spent token as reuse: one audit event, and the session’s access tokens end', async () => {
    const first = await register('ruth');
    const second = (await h.gql<{ refreshToken: Session }>(REFRESH, { t: first.refreshToken })).data!
      .refreshToken;

    const reuse = await h.gql(REFRESH, { t: first.refreshToken });
    const successor = await h.gql(REFRESH, { t: second.refreshToken });

    expect(reuse.errors?.[0].message).toMatch(/already used/);
    expect(successor.errors?.[0].message).toBe(
      'This session has ended (signed out or revoked); sign in again',
    );
    expect(await reusedFor(first.user.id)).toBe(1);
    expect((await h.gql('{ me { id } }', {}, second.accessToken)).errors?.[0].message).toBe('Token revoked');
  });

  it('announces logout and API-key revocation on the channel, and refuses the key’s minted token', async () => {
    const s = await register('kira');
    const created = await h.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "bot", role: USER }) { secret apiKey { id } } }',
      {},
      s.accessToken,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    const minted = await request(h.identity.app)
      .post('/internal/api-keys/exchange')
      .set(internalHeaders('trae-dev-internal-secret-change-me'))
      .send({ apiKey: secret })
      .expect(200);
    const sub = redis.duplicate();
    const events: unknown[] = [];
    sub.on('message', (_ch, message) => events.push(JSON.parse(message)));
    await sub.subscribe(revocationChannel(h.prefix));

    await h.gql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: apiKey.id }, s.accessToken);
    await h.gql(LOGOUT, { t: s.refreshToken });

    await expect
      .poll(() => events)
      .toEqual([
        { type: 'apiKey', apiKeyId: apiKey.id, userId: s.user.id },
        { type: 'session', userId: s.user.id, sessionId: decodeJwt(s.accessToken).sid },
      ]);
    expect((await h.gql('{ me { id } }', {}, minted.body.accessToken)).errors?.[0].message).toBe(
      'Token revoked',
    );
    expect(await redis.exists(`${h.prefix}${revocationKeys.apiKey(apiKey.id)}`)).toBe(1);
    await sub.quit();
  });
});
