import { createRedis, INTERNAL_AUTH_HEADER, type Redis } from '@trae/kit';
import { type Listening, type Received, smtpServer, testRedisUrl } from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_STREAM, USER_CHANGED } from '../src/modules/user/user-events.js';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`;
const PROFILE = `mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName pendingEmail } }`;
const VERIFY = `mutation ($t: String!) { verifyEmail(token: $t) }`;

describe('identity: user changes are announced, and its mail server reports as an outside service', () => {
  let h: Harness;
  let smtp: Listening & { received: Received[] };
  let redis: Redis;
  let admin: string;

  /** The `user.changed` events of one user, in order. */
  const changes = async (userId: string) => {
    await h.identity.services.userEvents.flush();
    const entries = await redis.xrange(IDENTITY_STREAM, '-', '+');
    return entries
      .map(([, fields]) => ({ type: fields[1], payload: JSON.parse(fields[3]) }))
      .filter((e) => e.type === USER_CHANGED && e.payload.userId === userId)
      .map((e) => e.payload.change);
  };
  const linkTo = async (address: string) => {
    await expect.poll(() => smtp.received.some((m) => m.envelopeTo.includes(address))).toBe(true);
    const mail = smtp.received.findLast((m) => m.envelopeTo.includes(address))!;
    return new URL((mail.mail.text ?? '').match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
  };

  beforeAll(async () => {
    smtp = await smtpServer();
    h = await startIdentity({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    redis = createRedis(testRedisUrl(), h.prefix);
    admin = (
      await h.gql<{ login: { accessToken: string } }>(LOGIN, {
        i: { login: 'root@example.com', password: 'root-password-123' },
      })
    ).data!.login.accessToken;
  });
  afterAll(async () => {
    await redis?.del(IDENTITY_STREAM);
    redis?.disconnect();
    await h?.stop();
  });

  it('announces register, profile, email, role and disable changes on events:identity', async () => {
    const r = await h.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: 'ivy', email: 'ivy@example.com', password: 'a decent password' },
    });
    const { accessToken, user } = r.data!.register;
    expect(await changes(user.id)).toEqual(['created']);

    await h.gql(PROFILE, { i: { displayName: 'Ivy Green' } }, accessToken);
    // An address waiting for its link is not the account's: nothing to announce until it is followed.
    await h.gql(
      PROFILE,
      { i: { email: 'ivy@new.example.com', currentPassword: 'a decent password' } },
      accessToken,
    );
    expect(await changes(user.id)).toEqual(['created', 'profile']);
    const verified = await h.gql(VERIFY, { t: await linkTo('ivy@new.example.com') });
    expect(verified.errors).toBeUndefined();

    await h.gql(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: AGENT) { role } }',
      { u: user.id },
      admin,
    );
    await h.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: user.id },
      admin,
    );
    // Setting what is already set changes nothing, and says nothing.
    await h.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: user.id },
      admin,
    );
    expect(await changes(user.id)).toEqual(['created', 'profile', 'email', 'role', 'disabled']);

    // What the Base44 sync reads back: the profile as it is now, with no credentials in it.
    const who = await request(h.identity.app)
      .get(`/internal/users/${user.id}`)
      .set(INTERNAL_AUTH_HEADER, h.secret);
    expect(who.body).toEqual({
      id: user.id,
      username: 'ivy',
      email: 'ivy@new.example.com',
      displayName: 'Ivy Green',
      role: 'AGENT',
      disabled: true,
    });
  });

  it('reports the mail server at /health/external, down without taking identity out of rotation', async () => {
    const up = await request(h.identity.app).get('/health/external');
    expect(up.status).toBe(200);
    expect(up.body.checks.smtp).toMatchObject({ status: 'up' });
    // Its sends count as the smtp integration, in the same series as Base44's and S3's calls.
    const metrics = (await request(h.identity.app).get('/metrics')).text;
    expect(metrics).toMatch(
      /^integration_requests_total\{[^}]*integration="smtp"[^}]*outcome="ok"[^}]*\} [1-9]/m,
    );

    await smtp.close();
    const down = await request(h.identity.app).get('/health/external');
    expect(down.status).toBe(200);
    expect(down.body.checks.smtp).toMatchObject({ status: 'down' });
    expect(down.body.checks.smtp.error).toMatch(/smtp service is unavailable \(unreachable\)/);
    expect(down.body.checks.smtp.error).not.toContain(String(smtp.port));
    expect((await request(h.identity.app).get('/ready')).status).toBe(200);
  });
});
