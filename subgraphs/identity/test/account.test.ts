import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminResetLink } from '../src/modules/account/admin-reset.js';
import { type MailHarness, startIdentityWithMail } from './mail.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken user { id } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`;
const ME = '{ me { id email emailVerified pendingEmail displayName } }';
const CHANGE = `mutation ($i: ChangePasswordInput!) { changePassword(input: $i) }`;
const REQUEST = `mutation ($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation ($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
const VERIFY = `mutation ($t: String!) { verifyEmail(token: $t) }`;
const RESEND = `mutation ($e: String) { resendVerification(email: $e) }`;
const PROFILE = `mutation ($i: UpdateProfileInput!) {
  updateProfile(input: $i) { displayName email pendingEmail emailVerified }
}`;
const AUDIT = `query ($u: ID) { auditLog(userId: $u, first: 50) { edges { node { type details } } } }`;

type Pair = { accessToken: string; refreshToken: string };

describe('identity: account self-service', () => {
  let h: MailHarness;
  let admin: string;
  let ip = 0;
  /** A fresh client address per test, so the per-address limits of one test do not reach another. */
  const nextIp = () => `198.51.100.${++ip}`;

  const register = async (name: string, password = 'first password ok') => {
    const r = await h.gql<{ register: Pair & { user: { id: string } } }>(REGISTER, {
      i: { username: name, email: `${name}@example.com`, password },
    });
    return r.data!.register;
  };
  const login = (name: string, password: string) =>
    h.gql<{ login: Pair }>(LOGIN, { i: { login: name, password } });
  const auditTypes = async (userId: string) =>
    (
      await h.gql<{ auditLog: { edges: { node: { type: string } }[] } }>(AUDIT, { u: userId }, admin)
    ).data!.auditLog.edges.map((e) => e.node.type);

  beforeAll(async () => {
    h = await startIdentityWithMail();
    admin = (await login('root@example.com', 'root-password-123')).data!.login.accessToken;
  });
  afterAll(() => h.stop());

  it('changes the password with the current one and ends the other sessions only', async () => {
    const here = await register('chris');
    const elsewhere = (await login('chris', 'first password ok')).data!.login;

    const wrong = await h.gql(
      CHANGE,
      { i: { currentPassword: 'not it at all', newPassword: 'second password ok' } },
      here.accessToken,
    );
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await h.gql(
      CHANGE,
      { i: { currentPassword: 'first password ok', newPassword: 'short' } },
      here.accessToken,
    );
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(
      (await h.gql(CHANGE, { i: { currentPassword: 'x', newPassword: 'second password ok' } })).errors?.[0]
        .extensions.code,
    ).toBe('UNAUTHENTICATED');

    const ok = await h.gql(
      CHANGE,
      { i: { currentPassword: 'first password ok', newPassword: 'second password ok' } },
      here.accessToken,
    );
    expect(ok.errors).toBeUndefined();

    expect((await h.gql(ME, {}, here.accessToken)).data?.me).toMatchObject({ id: here.user.id });
    expect((await h.gql(REFRESH, { t: here.refreshToken })).errors).toBeUndefined();
    expect((await h.gql(ME, {}, elsewhere.accessToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(REFRESH, { t: elsewhere.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login('chris', 'first password ok')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await login('chris', 'second password ok')).errors).toBeUndefined();
    expect(await auditTypes(here.user.id)).toEqual(
      expect.arrayContaining(['PASSWORD_CHANGE_FAILED', 'PASSWORD_CHANGED']),
    );
    await h.nextToken('chris@example.com', '/verify-email');
  });

  it('locks out guessing the current password as sign-in does', async () => {
    const { accessToken } = await register('gus');
    const from = nextIp();
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await h.gql(
        CHANGE,
        { i: { currentPassword: `guess number ${i}`, newPassword: 'whatever it is now' } },
        accessToken,
        from,
      );
      codes.push(r.errors?.[0].extensions.code);
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('BAD_USER_INPUT'));
    expect(codes.slice(4)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('resets a forgotten password by an emailed one-time link, ending every session', async () => {
    const dana = await register('dana');
    const from = nextIp();

    const asked = await h.gql(REQUEST, { e: 'DANA@example.com' }, undefined, from);
    const unknown = await h.gql(REQUEST, { e: 'nobody@example.com' }, undefined, from);
    expect(asked).toEqual({ data: { requestPasswordReset: true } });
    expect(unknown).toEqual({ data: { requestPasswordReset: true } });

    const token = await h.nextToken('dana@example.com', '/reset-password');
    const mail = h.received.find((m) => m.mail.text?.includes(token))!;
    expect(mail.mail.text).toContain(`http://127.0.0.1:4000/reset-password?token=${token}`);
    expect(mail.mail.html).toContain('30 minutes');

    const bad = await h.gql(
      RESET,
      { i: { token: 'x'.repeat(43), newPassword: 'brand new password' } },
      undefined,
      from,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const ok = await h.gql(RESET, { i: { token, newPassword: 'brand new password' } }, undefined, from);
    expect(ok.errors).toBeUndefined();
    const again = await h.gql(RESET, { i: { token, newPassword: 'another new password' } }, undefined, from);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    expect((await h.gql(ME, {}, dana.accessToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(REFRESH, { t: dana.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login('dana', 'brand new password')).errors).toBeUndefined();
    expect(h.received.some((m) => m.envelopeTo.includes('nobody@example.com'))).toBe(false);
    expect(await auditTypes(dana.user.id)).toEqual(
      expect.arrayContaining(['PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET', 'PASSWORD_RESET_FAILED']),
    );
  });

  it('refuses an expired reset link', async () => {
    const erin = await register('erin');
    await h.gql(REQUEST, { e: 'erin@example.com' }, undefined, nextIp());
    const token = await h.nextToken('erin@example.com', '/reset-password');
    const db = new pg.Client({ connectionString: h.db.url });
    await db.connect();
    await db.query(
      `update identity.account_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [erin.user.id],
    );
    await db.end();

    const late = await h.gql(RESET, { i: { token, newPassword: 'too late password' } }, undefined, nextIp());

    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect((await login('erin', 'first password ok')).errors).toBeUndefined();
  });

  it('rate limits reset requests per address asked for, whether or not it has an account', async () => {
    const codes: unknown[] = [];
    for (const email of ['ghost@example.com', 'dana@example.com']) {
      for (let i = 0; i < 4; i++) {
        const r = await h.gql(REQUEST, { e: email }, undefined, nextIp());
        codes.push(r.errors?.[0].extensions.code ?? r.data?.requestPasswordReset);
      }
    }
    expect(codes).toEqual([true, true, true, 'RATE_LIMITED', true, true, 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('rate limits reset requests per client address', async () => {
    const from = nextIp();
    const codes: unknown[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await h.gql(REQUEST, { e: `nobody${i}@example.com` }, undefined, from);
      codes.push(r.errors?.[0].extensions.code ?? r.data?.requestPasswordReset);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(true));
    expect(codes[10]).toBe('RATE_LIMITED');
    expect((await h.gql(REQUEST, { e: 'not-an-address' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
  });

  it('verifies the email given at sign-up, once', async () => {
    const fay = await register('fay');
    expect(
      (await h.gql<{ me: { emailVerified: boolean } }>(ME, {}, fay.accessToken)).data?.me.emailVerified,
    ).toBe(false);
    const token = await h.nextToken('fay@example.com', '/verify-email');

    expect((await h.gql(VERIFY, { t: token }, undefined, nextIp())).data).toEqual({ verifyEmail: true });
    expect((await h.gql(VERIFY, { t: token }, undefined, nextIp())).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    expect(
      (await h.gql<{ me: { emailVerified: boolean } }>(ME, {}, fay.accessToken)).data?.me.emailVerified,
    ).toBe(true);
    expect(await auditTypes(fay.user.id)).toEqual(
      expect.arrayContaining(['EMAIL_VERIFICATION_SENT', 'EMAIL_VERIFIED', 'EMAIL_VERIFICATION_FAILED']),
    );
  });

  it('changes the display name at once and the email once the new address is confirmed', async () => {
    const hal = await register('hal');
    const named = await h.gql(PROFILE, { i: { displayName: '  Hal Jordan ' } }, hal.accessToken);
    expect(named.data?.updateProfile).toMatchObject({ displayName: 'Hal Jordan', email: 'hal@example.com' });

    const noPassword = await h.gql(PROFILE, { i: { email: 'hal@new.example' } }, hal.accessToken);
    expect(noPassword.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
    });
    const badMail = await h.gql(
      PROFILE,
      { i: { email: 'nope', currentPassword: 'first password ok' } },
      hal.accessToken,
    );
    expect(badMail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const long = await h.gql(PROFILE, { i: { displayName: 'x'.repeat(65) } }, hal.accessToken);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });

    const pending = await h.gql(
      PROFILE,
      { i: { email: 'Hal@New.example', currentPassword: 'first password ok' } },
      hal.accessToken,
    );
    expect(pending.data?.updateProfile).toMatchObject({
      email: 'hal@example.com',
      pendingEmail: 'hal@new.example',
    });
    const token = await h.nextToken('hal@new.example', '/verify-email');
    expect((await h.gql(VERIFY, { t: token })).data).toEqual({ verifyEmail: true });

    const me = await h.gql<{ me: Record<string, unknown> }>(ME, {}, hal.accessToken);
    expect(me.data?.me).toMatchObject({ email: 'hal@new.example', pendingEmail: null, emailVerified: true });
    expect((await login('hal@new.example', 'first password ok')).errors).toBeUndefined();
    expect(await auditTypes(hal.user.id)).toEqual(
      expect.arrayContaining(['PROFILE_UPDATED', 'EMAIL_CHANGED']),
    );
  });

  it('does not say when a new email belongs to another account, and refuses it when confirmed', async () => {
    const ivy = await register('ivy');
    const taken = await h.gql(
      PROFILE,
      { i: { email: 'hal@new.example', currentPassword: 'first password ok' } },
      ivy.accessToken,
    );
    expect(taken.data?.updateProfile).toMatchObject({ pendingEmail: 'hal@new.example' });

    const token = await h.nextToken('hal@new.example', '/verify-email');
    const confirmed = await h.gql(VERIFY, { t: token });

    expect(confirmed.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    expect((await h.gql<{ me: { email: string } }>(ME, {}, ivy.accessToken)).data?.me.email).toBe(
      'ivy@example.com',
    );
  });

  it('resends the link, signed in or not, without saying whether an address has an account', async () => {
    const joan = await register('joan');
    await h.nextToken('joan@example.com', '/verify-email');

    expect((await h.gql(RESEND, {}, joan.accessToken, nextIp())).data).toEqual({ resendVerification: true });
    const signedIn = await h.nextToken('joan@example.com', '/verify-email');
    expect((await h.gql(RESEND, { e: 'joan@example.com' }, undefined, nextIp())).data).toEqual({
      resendVerification: true,
    });
    const anonymous = await h.nextToken('joan@example.com', '/verify-email');
    expect(anonymous).not.toBe(signedIn);
    expect((await h.gql(RESEND, { e: 'nobody@example.com' }, undefined, nextIp())).data).toEqual({
      resendVerification: true,
    });
    expect((await h.gql(RESEND, {})).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });

    // Only the newest link works: the earlier one was replaced.
    expect((await h.gql(VERIFY, { t: signedIn })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(VERIFY, { t: anonymous })).data).toEqual({ verifyEmail: true });
  });
});

describe('identity: REQUIRE_EMAIL_VERIFICATION', () => {
  let h: MailHarness;
  beforeAll(async () => {
    h = await startIdentityWithMail({ REQUIRE_EMAIL_VERIFICATION: 'true' });
  });
  afterAll(() => h.stop());

  it('creates the account but signs it in only once its email is confirmed', async () => {
    const reg = await h.gql(REGISTER, {
      i: { username: 'kim', email: 'kim@example.com', password: 'kims password ok' },
    });
    expect(reg.errors?.[0].extensions.code).toBe('EMAIL_NOT_VERIFIED');
    const early = await h.gql(LOGIN, { i: { login: 'kim', password: 'kims password ok' } });
    expect(early.errors?.[0].extensions.code).toBe('EMAIL_NOT_VERIFIED');
    const wrong = await h.gql(LOGIN, { i: { login: 'kim', password: 'not the password' } });
    expect(wrong.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const token = await h.nextToken('kim@example.com', '/verify-email');
    expect((await h.gql(VERIFY, { t: token })).data).toEqual({ verifyEmail: true });
    expect(
      (await h.gql(LOGIN, { i: { login: 'kim', password: 'kims password ok' } })).errors,
    ).toBeUndefined();
    expect(
      (await h.gql(LOGIN, { i: { login: 'root@example.com', password: 'root-password-123' } })).errors,
    ).toBeUndefined();
  });
});

describe('identity: npm run admin:reset-password', () => {
  let h: MailHarness;
  beforeAll(async () => {
    h = await startIdentityWithMail();
  });
  afterAll(() => h.stop());

  it('prints a one-time link that resets the first admin’s lost password', async () => {
    const { link, minutes, username } = await adminResetLink('ADMIN', {
      DATABASE_URL: h.db.url,
      GATEWAY_URL: 'https://trae.example.com',
    });
    expect({ minutes, username }).toEqual({ minutes: 30, username: 'admin' });
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe('https://trae.example.com/reset-password');

    const token = url.searchParams.get('token');
    expect(
      (await h.gql(RESET, { i: { token, newPassword: 'recovered admin password' } })).errors,
    ).toBeUndefined();
    const login = await h.gql(LOGIN, { i: { login: 'admin', password: 'recovered admin password' } });
    expect(login.errors).toBeUndefined();
    await expect(adminResetLink('nobody', { DATABASE_URL: h.db.url })).rejects.toThrow(
      'no account is named "nobody"',
    );
  });
});
