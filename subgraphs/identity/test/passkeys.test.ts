import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentityConfig } from '../src/config.js';
import { type Harness, startIdentity } from './setup.js';
import { SoftAuthenticator } from './soft-authenticator.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`;
const ENROL = `mutation { enrolTotp { secret } }`;
const CONFIRM = `mutation ($i: ConfirmTotpInput!) { confirmTotp(input: $i) { codes } }`;
const DISABLE = `mutation ($c: String!) { disableTwoFactor(code: $c) }`;
const REG_OPTIONS = `mutation { passkeyRegistrationOptions }`;
const ADD = `mutation ($i: RegisterPasskeyInput!) { registerPasskey(input: $i) { id name multiDevice createdAt } }`;
const LIST = `{ me { passkeys { id name lastUsedAt } } }`;
const RENAME = `mutation ($id: ID!, $n: String!) { renamePasskey(id: $id, name: $n) { id name } }`;
const DELETE = `mutation ($id: ID!) { deletePasskey(id: $id) }`;
const LOGIN_OPTIONS = `mutation ($c: String!) { passkeyLoginOptions(challengeToken: $c) }`;
const COMPLETE = `mutation ($i: CompletePasskeyLoginInput!) {
  completePasskeyLogin(input: $i) { accessToken user { username } }
}`;
const AUDIT = `query ($u: ID) { auditLog(userId: $u, first: 50) { edges { node { type details } } } }`;

type Options = {
  challenge: string;
  rp?: { id: string };
  allowCredentials?: { id: string }[];
  excludeCredentials?: { id: string }[];
};
const codeOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions.code;
const reasonOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions.reason;

describe('identity: passkeys (WebAuthn) as a second factor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity();
  });
  afterAll(() => h.stop());

  /** A USER with the authenticator app on (passkeys need it): token and TOTP secret. */
  async function withTotp(name: string) {
    const reg = await h.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: name, email: `${name}@example.com`, password: 'a fine password' },
    });
    const token = reg.data!.register.accessToken;
    const secret = (await h.gql<{ enrolTotp: { secret: string } }>(ENROL, {}, token)).data!.enrolTotp.secret;
    await h.gql(CONFIRM, { i: { code: await generate({ secret }) } }, token);
    return { token, secret, id: reg.data!.register.user.id };
  }
  const registrationOptions = async (token: string) =>
    (await h.gql<{ passkeyRegistrationOptions: Options }>(REG_OPTIONS, {}, token)).data!
      .passkeyRegistrationOptions;
  async function withPasskey(name: string) {
    const account = await withTotp(name);
    const key = new SoftAuthenticator();
    const added = await h.gql<{ registerPasskey: { id: string } }>(
      ADD,
      { i: { name: 'Laptop', response: key.register(await registrationOptions(account.token)) } },
      account.token,
    );
    return { ...account, key, passkeyId: added.data!.registerPasskey.id };
  }
  /** Password right: the sign-in's challenge token and the passkey options bound to it. */
  async function passkeyStep(name: string) {
    const refused = await h.gql(LOGIN, { i: { login: name, password: 'a fine password' } });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'TWO_FACTOR_REQUIRED',
      methods: ['TOTP', 'RECOVERY_CODE', 'PASSKEY'],
    });
    const challengeToken = refused.errors![0].extensions.challengeToken as string;
    return { challengeToken, options: await loginOptions(challengeToken) };
  }
  const loginOptions = async (challengeToken: string) =>
    (await h.gql<{ passkeyLoginOptions: Options }>(LOGIN_OPTIONS, { c: challengeToken })).data!
      .passkeyLoginOptions;
  const complete = (challengeToken: string, response: unknown) =>
    h.gql<{ completePasskeyLogin: { accessToken: string; user: { username: string } } }>(COMPLETE, {
      i: { challengeToken, response },
    });

  it('registers a passkey from options bound to the site, lists, renames and deletes it', async () => {
    const { token } = await withTotp('pia');
    const options = await registrationOptions(token);
    expect(options.rp).toEqual({ id: 'localhost', name: 'TRAE.AI' });
    const key = new SoftAuthenticator();

    const added = await h.gql<{ registerPasskey: { id: string; name: string } }>(
      ADD,
      { i: { name: '  YubiKey ', response: key.register(options) } },
      token,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data!.registerPasskey.name).toBe('YubiKey');
    const id = added.data!.registerPasskey.id;
    expect((await h.gql(LIST, {}, token)).data).toEqual({
      me: { passkeys: [{ id, name: 'YubiKey', lastUsedAt: null }] },
    });

    // The same credential again is excluded by the options and refused by identity.
    const again = await registrationOptions(token);
    expect(again.excludeCredentials).toEqual([expect.objectContaining({ id: key.id })]);
    expect(codeOf(await h.gql(ADD, { i: { name: 'Again', response: key.register(again) } }, token))).toBe(
      'CONFLICT',
    );

    expect((await h.gql(RENAME, { id, n: 'Desk key' }, token)).data).toEqual({
      renamePasskey: { id, name: 'Desk key' },
    });
    expect(codeOf(await h.gql(RENAME, { id, n: ' ' }, token))).toBe('BAD_USER_INPUT');
    const other = await withTotp('pia-other');
    expect(codeOf(await h.gql(DELETE, { id }, other.token))).toBe('NOT_FOUND');
    expect((await h.gql(DELETE, { id }, token)).data).toEqual({ deletePasskey: true });
    expect((await h.gql(LIST, {}, token)).data).toEqual({ me: { passkeys: [] } });
  });

  it('needs the authenticator app on first, so recovery codes cover a lost passkey', async () => {
    const reg = await h.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'quin', email: 'quin@example.com', password: 'a fine password' },
    });
    expect(codeOf(await h.gql(REG_OPTIONS, {}, reg.data!.register.accessToken))).toBe('CONFLICT');
    expect(codeOf(await h.gql(REG_OPTIONS, {}))).toBe('UNAUTHENTICATED');
  });

  it('refuses a replayed registration answer and one from another origin or RP ID, with their codes', async () => {
    const { token } = await withTotp('rae');
    const key = new SoftAuthenticator();

    const wrongOrigin = await h.gql(
      ADD,
      {
        i: {
          name: 'Phish',
          response: key.register(await registrationOptions(token), { origin: 'https://evil.example' }),
        },
      },
      token,
    );
    expect(codeOf(wrongOrigin)).toBe('PASSKEY_REJECTED');
    expect(reasonOf(wrongOrigin)).toBe('origin');
    expect(wrongOrigin.errors?.[0].message).not.toContain('evil.example');

    const wrongRp = await h.gql(
      ADD,
      {
        i: {
          name: 'Other',
          response: key.register(await registrationOptions(token), { rpId: 'evil.example' }),
        },
      },
      token,
    );
    expect([codeOf(wrongRp), reasonOf(wrongRp)]).toEqual(['PASSKEY_REJECTED', 'rp-id']);

    const answer = key.register(await registrationOptions(token));
    expect((await h.gql(ADD, { i: { name: 'Laptop', response: answer } }, token)).errors).toBeUndefined();
    expect(codeOf(await h.gql(ADD, { i: { name: 'Laptop', response: answer } }, token))).toBe(
      'PASSKEY_CHALLENGE_INVALID',
    );
    // Options taken for one account are not another's.
    const other = await withTotp('rae-other');
    const stolen = key.register(await registrationOptions(token));
    expect(codeOf(await h.gql(ADD, { i: { name: 'X', response: stolen } }, other.token))).toBe(
      'PASSKEY_CHALLENGE_INVALID',
    );
    expect(codeOf(await h.gql(ADD, { i: { name: 'X', response: { id: 'not base64!' } } }, token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('signs in with the password then the passkey, the counter moved on and the answer good once', async () => {
    const { key, id } = await withPasskey('sam');
    const { challengeToken, options } = await passkeyStep('sam');
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: key.id })]);

    const answer = key.authenticate(options);
    const done = await complete(challengeToken, answer);
    expect(done.errors).toBeUndefined();
    expect(done.data!.completePasskeyLogin.user.username).toBe('sam');
    const token = done.data!.completePasskeyLogin.accessToken;
    expect(
      (await h.gql<{ me: { passkeys: { lastUsedAt: string }[] } }>(LIST, {}, token)).data!.me.passkeys[0]
        .lastUsedAt,
    ).toEqual(expect.any(String));

    // The same answer again: its sign-in is spent.
    expect(codeOf(await complete(challengeToken, answer))).toBe('UNAUTHENTICATED');
    // Replayed into a new sign-in (the attacker knows the password): signed over another challenge.
    const next = await passkeyStep('sam');
    expect(codeOf(await complete(next.challengeToken, answer))).toBe('PASSKEY_CHALLENGE_INVALID');
    // Those options were taken by the refused try: new ones, and a fresh answer, go through.
    expect(codeOf(await complete(next.challengeToken, key.authenticate(next.options)))).toBe(
      'PASSKEY_CHALLENGE_INVALID',
    );
    const fresh = await complete(
      next.challengeToken,
      key.authenticate(await loginOptions(next.challengeToken)),
    );
    expect(fresh.errors).toBeUndefined();

    const audit = await h.gql<{ auditLog: { edges: { node: { type: string; details: unknown } }[] } }>(
      AUDIT,
      { u: id },
      (await adminToken()).token,
    );
    const types = audit.data!.auditLog.edges.map((e) => e.node.type);
    expect(types).toContain('PASSKEY_ADDED');
    expect(audit.data!.auditLog.edges.map((e) => e.node)).toContainEqual({
      type: 'TWO_FACTOR_FAILED',
      details: { kind: 'passkey', reason: 'PASSKEY_CHALLENGE_INVALID' },
    });
  });

  it('refuses an answer from another origin, another RP, an unknown key, or a counter that did not move', async () => {
    const { key } = await withPasskey('tao');
    const { challengeToken } = await passkeyStep('tao');
    const attempt = async (answer: (o: Options) => unknown) =>
      complete(challengeToken, answer(await loginOptions(challengeToken)));

    const phished = await attempt((o) => key.authenticate(o, { origin: 'https://trae.example.evil' }));
    expect([codeOf(phished), reasonOf(phished)]).toEqual(['PASSKEY_REJECTED', 'origin']);
    const otherRp = await attempt((o) => key.authenticate(o, { rpId: 'example.org' }));
    expect([codeOf(otherRp), reasonOf(otherRp)]).toEqual(['PASSKEY_REJECTED', 'rp-id']);
    const stranger = await attempt((o) => new SoftAuthenticator().authenticate(o));
    expect([codeOf(stranger), reasonOf(stranger)]).toEqual(['PASSKEY_REJECTED', 'unknown-credential']);

    // A good use moves the stored counter to 1; a copy of the key that says 1 again is refused.
    const ok = await complete(challengeToken, key.authenticate(await loginOptions(challengeToken)));
    expect(ok.errors).toBeUndefined();
    const second = await passkeyStep('tao');
    const cloned = await complete(second.challengeToken, key.authenticate(second.options, { counter: 1 }));
    expect([codeOf(cloned), reasonOf(cloned)]).toEqual(['PASSKEY_REJECTED', 'counter']);
  });

  it('ends the sign-in challenge after its allowance of refused passkeys', async () => {
    const { key } = await withPasskey('uma');
    const { challengeToken } = await passkeyStep('uma');
    for (let i = 0; i < 5; i++) {
      const r = await complete(
        challengeToken,
        key.authenticate(await loginOptions(challengeToken), { origin: 'https://x.example' }),
      );
      expect(codeOf(r)).toBe('PASSKEY_REJECTED');
    }
    expect(codeOf(await h.gql(LOGIN_OPTIONS, { c: challengeToken }))).toBe('UNAUTHENTICATED');
  });

  it('keeps passkeys private to their owner, and drops them when two-factor is turned off', async () => {
    const { token, secret, id } = await withPasskey('vic');
    const admin = await adminToken();
    const asAdmin = await h.gql<{ users: { edges: { node: { username: string; passkeys: unknown } }[] } }>(
      `{ users(first: 50) { edges { node { username passkeys { id } } } } }`,
      {},
      admin.token,
    );
    expect(asAdmin.data!.users.edges.find((e) => e.node.username === 'vic')?.node.passkeys).toBeNull();

    expect(
      (
        await h.gql(
          DISABLE,
          { c: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) },
          token,
        )
      ).errors,
    ).toBeUndefined();
    expect((await h.gql(LIST, {}, token)).data).toEqual({ me: { passkeys: [] } });
    expect((await h.gql(LOGIN, { i: { login: 'vic', password: 'a fine password' } })).errors).toBeUndefined();
    expect(id).toEqual(expect.any(String));
  });

  it('signs in with a passkey alone when the device verified the person, once, for its own account', async () => {
    const START = `mutation { passkeySignInOptions { flowId options } }`;
    const SIGN_IN = `mutation ($i: SignInWithPasskeyInput!) {
      signInWithPasskey(input: $i) { accessToken user { username } }
    }`;
    const start = async () =>
      (
        await h.gql<{
          passkeySignInOptions: { flowId: string; options: Options & { userVerification: string } };
        }>(START)
      ).data!.passkeySignInOptions;
    const signIn = (flowId: string, response: unknown) =>
      h.gql<{ signInWithPasskey: { accessToken: string; user: { username: string } } }>(SIGN_IN, {
        i: { flowId, response },
      });
    const { key, id } = await withPasskey('wes');
    const userHandle = Buffer.from(id).toString('base64url');

    const first = await start();
    expect(first.options.userVerification).toBe('required');
    expect(first.options.allowCredentials ?? []).toEqual([]);
    const answer = key.authenticate(first.options, { userHandle });
    const done = await signIn(first.flowId, answer);
    expect(done.errors).toBeUndefined();
    expect(done.data!.signInWithPasskey.user.username).toBe('wes');
    expect(codeOf(await signIn(first.flowId, answer))).toBe('PASSKEY_CHALLENGE_INVALID');

    const unverified = await start();
    const presenceOnly = await signIn(
      unverified.flowId,
      key.authenticate(unverified.options, { userHandle, verified: false }),
    );
    expect([codeOf(presenceOnly), reasonOf(presenceOnly)]).toEqual(['PASSKEY_REJECTED', 'user-presence']);
    // The authenticator must name the key's own account.
    const other = await withTotp('wes-other');
    const claimed = await start();
    const wrongHandle = await signIn(
      claimed.flowId,
      key.authenticate(claimed.options, { userHandle: Buffer.from(other.id).toString('base64url') }),
    );
    expect([codeOf(wrongHandle), reasonOf(wrongHandle)]).toEqual(['PASSKEY_REJECTED', 'unknown-credential']);
    const phished = await start();
    const fromElsewhere = await signIn(
      phished.flowId,
      key.authenticate(phished.options, { userHandle, origin: 'https://evil.example' }),
    );
    expect(reasonOf(fromElsewhere)).toBe('origin');
  });

  async function adminToken() {
    const r = await h.gql<{ login: { accessToken: string } }>(LOGIN, {
      i: { login: 'root@example.com', password: 'root-password-123' },
    });
    return { token: r.data!.login.accessToken };
  }
});

describe('identity: WebAuthn relying party from config', () => {
  const base = { NODE_ENV: 'test' };
  it('follows GATEWAY_URL, with localhost for an address, and refuses origins outside the RP ID', () => {
    expect(loadIdentityConfig({ ...base, GATEWAY_URL: 'https://trae.example.com' })).toMatchObject({
      GATEWAY_URL: 'https://trae.example.com',
    });
    expect(() =>
      loadIdentityConfig({
        ...base,
        WEBAUTHN_RP_ID: 'example.com',
        WEBAUTHN_ORIGINS: 'https://evil.example',
      }),
    ).toThrow(/WEBAUTHN_ORIGINS: https:\/\/evil.example is not within the RP ID example.com/);
    expect(() => loadIdentityConfig({ ...base, WEBAUTHN_RP_ID: '10.0.0.1' })).toThrow(
      /WEBAUTHN_RP_ID: must be a domain name/,
    );
  });

  it('refuses a WEBAUTHN_ORIGINS entry without TLS in production, naming the variable', () => {
    const production = {
      NODE_ENV: 'production',
      INTERNAL_SECRET: 'p'.repeat(40),
      TOTP_ENCRYPTION_KEY: 'k'.repeat(40),
      SMTP_URL: 'smtp://127.0.0.1:25',
    };
    // A plain-http GATEWAY_URL only means no passkeys (browsers offer none there): the service boots.
    expect(loadIdentityConfig({ ...production, GATEWAY_URL: 'http://trae.example.com' }).GATEWAY_URL).toBe(
      'http://trae.example.com',
    );
    expect(() =>
      loadIdentityConfig({
        ...production,
        GATEWAY_URL: 'https://trae.example.com',
        WEBAUTHN_ORIGINS: 'https://trae.example.com,http://app.trae.example.com',
      }),
    ).toThrow(/WEBAUTHN_ORIGINS: http:\/\/app.trae.example.com must be https in production/);
    expect(
      loadIdentityConfig({
        ...production,
        GATEWAY_URL: 'https://trae.example.com',
        WEBAUTHN_ORIGINS: 'https://app.trae.example.com',
      }).WEBAUTHN_ORIGINS,
    ).toEqual(['https://app.trae.example.com']);
    // Browsers allow plain http on localhost: a local production-mode stack still works.
    expect(loadIdentityConfig({ ...production, GATEWAY_URL: 'http://localhost:4000' }).NODE_ENV).toBe(
      'production',
    );
  });
});
