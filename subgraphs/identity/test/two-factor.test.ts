import { generate } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentityConfig } from '../src/config.js';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }`;
const ENROL = `mutation ($c: String) { enrolTotp(challengeToken: $c) { secret otpauthUri qrCodeDataUrl } }`;
const CONFIRM = `mutation ($i: ConfirmTotpInput!) { confirmTotp(input: $i) { codes } }`;
const COMPLETE = `mutation ($i: CompleteTwoFactorLoginInput!) {
  completeTwoFactorLogin(input: $i) { accessToken refreshToken user { username } }
}`;
const REGENERATE = `mutation ($c: String!) { regenerateRecoveryCodes(code: $c) { codes } }`;
const DISABLE = `mutation ($c: String!) { disableTwoFactor(code: $c) }`;
const STATUS = '{ me { twoFactor { enabled recoveryCodesLeft } } }';
const AUDIT = `query ($u: ID) { auditLog(userId: $u, first: 50) { edges { node { type } } } }`;

type Error = { message: string; extensions: Record<string, unknown> };
const now = () => Math.floor(Date.now() / 1000);

describe('identity: two-factor sign-in (TOTP and recovery codes)', () => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startIdentity({ TWO_FACTOR_MAX_FAILURES: '6' });
    admin = (
      await h.gql<{ login: { accessToken: string } }>(LOGIN, {
        i: { login: 'root@example.com', password: 'root-password-123' },
      })
    ).data!.login.accessToken;
  });
  afterAll(() => h.stop());

  /** A user with 2FA on: its secret and recovery codes. */
  async function enrolled(name: string) {
    const reg = await h.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: name, email: `${name}@example.com`, password: 'a fine password' },
    });
    const token = reg.data!.register.accessToken;
    const enrol = await h.gql<{ enrolTotp: { secret: string; otpauthUri: string; qrCodeDataUrl: string } }>(
      ENROL,
      {},
      token,
    );
    const { secret } = enrol.data!.enrolTotp;
    const code = await generate({ secret });
    const confirm = await h.gql<{ confirmTotp: { codes: string[] } }>(CONFIRM, { i: { code } }, token);
    return {
      id: reg.data!.register.user.id,
      token,
      secret,
      enrol: enrol.data!.enrolTotp,
      codes: confirm.data!.confirmTotp.codes,
    };
  }
  const challenge = async (name: string) => {
    const r = await h.gql(LOGIN, { i: { login: name, password: 'a fine password' } });
    expect(r.data).toBeNull();
    const error = r.errors?.[0] as Error;
    expect(error.extensions).toMatchObject({ code: 'TWO_FACTOR_REQUIRED', expiresIn: 300 });
    return error.extensions.challengeToken as string;
  };
  const complete = (challengeToken: string, code: string) =>
    h.gql<{ completeTwoFactorLogin: { accessToken: string; user: { username: string } } }>(COMPLETE, {
      i: { challengeToken, code },
    });

  it('enrols with an otpauth URI and QR code, confirmed by a first code, the secret encrypted at rest', async () => {
    const reg = await h.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'tina', email: 'tina@example.com', password: 'a fine password' },
    });
    const token = reg.data!.register.accessToken;
    const { enrolTotp } = (
      await h.gql<{ enrolTotp: { secret: string; otpauthUri: string; qrCodeDataUrl: string } }>(
        ENROL,
        {},
        token,
      )
    ).data!;
    expect(enrolTotp.otpauthUri).toMatch(/^otpauth:\/\/totp\/TRAE\.AI:tina%40example\.com\?/);
    expect(new URL(enrolTotp.otpauthUri).searchParams.get('secret')).toBe(enrolTotp.secret);
    expect(enrolTotp.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await h.gql(CONFIRM, { i: { code: '000000' } }, token);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const notDigits = await h.gql(CONFIRM, { i: { code: 'abc' } }, token);
    expect(notDigits.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const ok = await h.gql<{ confirmTotp: { codes: string[] } }>(
      CONFIRM,
      { i: { code: await generate({ secret: enrolTotp.secret }) } },
      token,
    );
    expect(ok.data?.confirmTotp.codes).toHaveLength(10);
    expect(new Set(ok.data?.confirmTotp.codes).size).toBe(10);
    expect((await h.gql(STATUS, {}, token)).data).toEqual({
      me: { twoFactor: { enabled: true, recoveryCodesLeft: 10 } },
    });
    expect((await h.gql(ENROL, {}, token)).errors?.[0].extensions.code).toBe('CONFLICT');

    const db = new pg.Client({ connectionString: h.db.url });
    await db.connect();
    const stored = JSON.stringify(
      (await db.query('select * from identity.user_totp, identity.recovery_codes')).rows,
    );
    await db.end();
    expect(stored).not.toContain(enrolTotp.secret);
    for (const code of ok.data!.confirmTotp.codes) expect(stored).not.toContain(code.replace('-', ''));
  });

  it('signs in in two steps: a challenge without tokens, then a TOTP code, each code good once', async () => {
    const { secret, codes } = await enrolled('uri');
    const first = await challenge('uri');

    expect((await complete(first, '123456')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
    // The code that confirmed enrolment was spent on it: the same step again is a replay.
    expect((await complete(first, await generate({ secret }))).errors?.[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    const next = await generate({ secret, epoch: now() + 30 });
    const done = await complete(first, next);
    expect(done.data?.completeTwoFactorLogin.user.username).toBe('uri');
    expect(
      (await h.gql('{ me { id } }', {}, done.data?.completeTwoFactorLogin.accessToken)).errors,
    ).toBeUndefined();

    expect((await complete(first, codes[0])).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const second = await challenge('uri');
    expect((await complete(second, next)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await complete('x'.repeat(43), next)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('takes each recovery code once, and regenerates them', async () => {
    const { id, codes } = await enrolled('vic');

    const used = await complete(await challenge('vic'), codes[0].toUpperCase());
    expect(used.errors).toBeUndefined();
    const token = used.data!.completeTwoFactorLogin.accessToken;
    expect((await complete(await challenge('vic'), codes[0])).errors?.[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await h.gql(STATUS, {}, token)).data).toEqual({
      me: { twoFactor: { enabled: true, recoveryCodesLeft: 9 } },
    });

    const fresh = await h.gql<{ regenerateRecoveryCodes: { codes: string[] } }>(
      REGENERATE,
      { c: codes[1] },
      token,
    );
    expect(fresh.data?.regenerateRecoveryCodes.codes).toHaveLength(10);
    expect((await complete(await challenge('vic'), codes[2])).errors?.[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await complete(await challenge('vic'), fresh.data!.regenerateRecoveryCodes.codes[0])).errors,
    ).toBeUndefined();

    const audit = await h.gql<{ auditLog: { edges: { node: { type: string } }[] } }>(AUDIT, { u: id }, admin);
    expect(audit.data?.auditLog.edges.map((e) => e.node.type)).toEqual(
      expect.arrayContaining([
        'TWO_FACTOR_ENABLED',
        'RECOVERY_CODE_USED',
        'RECOVERY_CODES_REGENERATED',
        'TWO_FACTOR_FAILED',
      ]),
    );
  });

  it('rate limits wrong codes per account, and ends a challenge after five', async () => {
    const { secret } = await enrolled('wes');
    const first = await challenge('wes');
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++)
      answers.push((await complete(first, `00000${i}`)).errors?.[0].extensions.code);
    expect(answers).toEqual(Array(5).fill('BAD_USER_INPUT'));
    expect(
      (await complete(first, await generate({ secret, epoch: now() + 30 }))).errors?.[0].extensions.code,
    ).toBe('UNAUTHENTICATED');

    const second = await challenge('wes');
    expect((await complete(second, '000009')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const limited = await complete(second, await generate({ secret, epoch: now() + 30 }));
    expect(limited.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
    });
  });

  it('turns two-factor off with a current code', async () => {
    const { token, codes } = await enrolled('xia');
    expect((await h.gql(DISABLE, { c: '999999' }, token)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(DISABLE, { c: codes[3] }, token)).data).toEqual({ disableTwoFactor: true });
    expect((await h.gql(LOGIN, { i: { login: 'xia', password: 'a fine password' } })).errors).toBeUndefined();
  });
});

describe('identity: REQUIRE_2FA_FOR_ADMINS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity({ REQUIRE_2FA_FOR_ADMINS: 'true' });
  });
  afterAll(() => h.stop());

  it('makes an admin without 2FA enrol through the challenge before signing in', async () => {
    const login = () => h.gql(LOGIN, { i: { login: 'admin', password: 'root-password-123' } });
    const refused = (await login()).errors?.[0] as Error;
    expect(refused.extensions).toMatchObject({
      code: 'TWO_FACTOR_ENROLMENT_REQUIRED',
      challengeToken: expect.any(String),
    });
    const challengeToken = refused.extensions.challengeToken as string;

    const enrol = await h.gql<{ enrolTotp: { secret: string } }>(ENROL, { c: challengeToken });
    const secret = enrol.data!.enrolTotp.secret;
    const confirmed = await h.gql<{ confirmTotp: { codes: string[] } }>(CONFIRM, {
      i: { code: await generate({ secret }), challengeToken },
    });
    expect(confirmed.data?.confirmTotp.codes).toHaveLength(10);
    expect((await h.gql(ENROL, { c: challengeToken })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const step = (await login()).errors?.[0] as Error;
    expect(step.extensions.code).toBe('TWO_FACTOR_REQUIRED');
    const done = await h.gql<{ completeTwoFactorLogin: { accessToken: string } }>(COMPLETE, {
      i: {
        challengeToken: step.extensions.challengeToken,
        code: await generate({ secret, epoch: now() + 30 }),
      },
    });
    const token = done.data!.completeTwoFactorLogin.accessToken;
    expect(
      (await h.gql(DISABLE, { c: confirmed.data!.confirmTotp.codes[0] }, token)).errors?.[0].extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('finishes the sign-in in the enrolment step: the app enrolled, its first code signs in once', async () => {
    const ENROLMENT = `mutation ($i: CompleteTwoFactorEnrolmentInput!) {
      completeTwoFactorEnrolment(input: $i) { recoveryCodes session { accessToken refreshToken user { username role } } }
    }`;
    await h.identity.services.users.create({
      username: 'ada',
      email: 'ada@example.com',
      password: 'a fine password',
      role: 'ADMIN',
    });
    const login = () => h.gql(LOGIN, { i: { login: 'ada', password: 'a fine password' } });
    const refused = (await login()).errors?.[0] as Error;
    expect(refused.extensions).toMatchObject({ code: 'TWO_FACTOR_ENROLMENT_REQUIRED', expiresIn: 300 });
    const challengeToken = refused.extensions.challengeToken as string;

    // The enrolment challenge is not a sign-in challenge, and it needs enrolTotp first.
    const early = await h.gql(ENROLMENT, { i: { challengeToken, code: '123456' } });
    expect(early.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(
      (await h.gql(COMPLETE, { i: { challengeToken, code: '123456' } })).errors?.[0].extensions.code,
    ).toBe('UNAUTHENTICATED');

    const secret = (await h.gql<{ enrolTotp: { secret: string } }>(ENROL, { c: challengeToken })).data!
      .enrolTotp.secret;
    const wrong = await h.gql(ENROLMENT, { i: { challengeToken, code: '000000' } });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });

    const done = await h.gql<{
      completeTwoFactorEnrolment: {
        recoveryCodes: string[];
        session: { accessToken: string; user: { username: string; role: string } };
      };
    }>(ENROLMENT, { i: { challengeToken, code: await generate({ secret }) } });
    expect(done.errors).toBeUndefined();
    const { recoveryCodes, session } = done.data!.completeTwoFactorEnrolment;
    expect(recoveryCodes).toHaveLength(10);
    expect(session.user).toEqual({ username: 'ada', role: 'ADMIN' });
    expect((await h.gql(STATUS, {}, session.accessToken)).data).toEqual({
      me: { twoFactor: { enabled: true, recoveryCodesLeft: 10 } },
    });

    // Spent: it signs in once, and enrols nothing more.
    const again = await h.gql(ENROLMENT, { i: { challengeToken, code: await generate({ secret }) } });
    expect(again.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(ENROL, { c: challengeToken })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // From now on the admin signs in with the app, as everyone with two-factor does.
    expect((await login()).errors?.[0].extensions.code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('service: an enrolment challenge ends after its wrong codes, and a disabled account gets no session', async () => {
    const { auth, twoFactor, users } = h.identity.services;
    const admin = await users.create({
      username: 'bea',
      email: 'bea@example.com',
      password: 'a fine password',
      role: 'ADMIN',
    });
    const challengeOf = async () => {
      const error = await auth
        .login('bea', 'a fine password')
        .catch((e: { extensions: Error['extensions'] }) => e);
      expect((error as { extensions: Error['extensions'] }).extensions.code).toBe(
        'TWO_FACTOR_ENROLMENT_REQUIRED',
      );
      return (error as { extensions: Error['extensions'] }).extensions.challengeToken as string;
    };
    const first = await challengeOf();
    await twoFactor.enrol({ id: null, role: 'GUEST' }, first);
    for (let i = 0; i < 5; i++)
      await expect(
        auth.completeEnrolment({ challengeToken: first, code: `00000${i}` }),
      ).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    await expect(auth.completeEnrolment({ challengeToken: first, code: '123456' })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });

    const second = await challengeOf();
    const { secret } = await twoFactor.enrol({ id: null, role: 'GUEST' }, second);
    // Disabled by another admin while the enrolment was under way.
    await users.setDisabled({ id: null, role: 'ADMIN' }, admin.id, true);
    await expect(
      auth.completeEnrolment({ challengeToken: second, code: await generate({ secret }) }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses the development TOTP_ENCRYPTION_KEY in production, naming it', () => {
    const production = {
      NODE_ENV: 'production',
      INTERNAL_SECRET: 'p'.repeat(40),
      SMTP_URL: 'smtp://127.0.0.1:25',
    };
    expect(() => loadIdentityConfig(production)).toThrow(/TOTP_ENCRYPTION_KEY: required in production/);
    expect(() =>
      loadIdentityConfig({ ...production, TOTP_ENCRYPTION_KEY: 'trae-dev-totp-encryption-key-change-me' }),
    ).toThrow(/TOTP_ENCRYPTION_KEY: is the development default/);
    expect(
      loadIdentityConfig({ ...production, TOTP_ENCRYPTION_KEY: 'k'.repeat(40) }).TOTP_ENCRYPTION_KEY,
    ).toBe('k'.repeat(40));
  });
});
