import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentityConfig } from '../src/config.js';
import { AUDIT, CONFIRM, LINK, type OidcHarness, REGISTER, startOidc } from './oidc-harness.js';

describe('identity: accounts from OpenID Connect (linking, roles, second factor)', () => {
  let t: OidcHarness;
  beforeAll(async () => {
    t = await startOidc();
  });
  afterAll(() => t.stop());

  it('links an existing account only with its owner signed in (a verified email alone is not enough)', async () => {
    const reg = await t.h.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: 'hana', email: 'hana@example.com', password: 'a fine password' },
    });
    const { accessToken, user } = reg.data!.register;
    t.op.accounts.set('hana-sub', { email: 'hana@example.com', email_verified: true });
    expect(await t.signIn('hana-sub')).toMatchObject({ error: 'CONFLICT' });
    expect(await t.rows(`select 1 from identity.linked_identities where subject = 'hana-sub'`)).toHaveLength(
      0,
    );

    expect((await t.h.gql(LINK, { p: 'test' })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // Someone else (signed in as themselves) cannot confirm the owner's link, nor the owner twice.
    const other = (
      await t.h.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'mallory', email: 'mallory@example.com', password: 'a fine password' },
      })
    ).data!.register.accessToken;
    const stolen = await t.link(accessToken, 'hana-sub');
    expect(stolen.link).toMatch(/^[\w-]{43}$/);
    expect((await t.h.gql(CONFIRM, { c: stolen.link }, other)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.h.gql(CONFIRM, { c: stolen.link }, accessToken)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await t.rows(`select 1 from identity.linked_identities where subject = 'hana-sub'`)).toHaveLength(
      0,
    );

    const { link: code } = await t.link(accessToken, 'hana-sub');
    expect((await t.h.gql(CONFIRM, { c: code })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const mine = await t.link(accessToken, 'hana-sub');
    expect(await t.h.gql(CONFIRM, { c: mine.link }, accessToken)).toEqual({
      data: { confirmOidcLink: true },
    });
    const signedIn = await t.exchange((await t.signIn('hana-sub')).code);
    expect(signedIn.data!.exchangeOidcCode.user.id).toBe(user.id);
    const linked = await t.h.gql<{ auditLog: { edges: { node: { subjectId: string } }[] } }>(
      AUDIT,
      { t: 'OIDC_LINKED' },
      t.admin,
    );
    expect(linked.data!.auditLog.edges.map((e) => e.node.subjectId)).toContain(user.id);
  });

  it("maps the provider's groups to a role at each sign-in", async () => {
    t.op.accounts.set('ivy-sub', {
      email: 'ivy@example.com',
      email_verified: true,
      groups: ['staff', 'trae-admins'],
    });
    const first = await t.exchange((await t.signIn('ivy-sub')).code);
    expect(first.data!.exchangeOidcCode.user.role).toBe('ADMIN');
    t.op.accounts.set('ivy-sub', { email: 'ivy@example.com', email_verified: true, groups: ['staff'] });
    const second = await t.exchange((await t.signIn('ivy-sub')).code);
    expect(second.data!.exchangeOidcCode.user.role).toBe('USER');
    const changes = await t.h.gql<{
      auditLog: { edges: { node: { subjectId: string; details: unknown } }[] };
    }>(AUDIT, { t: 'ROLE_CHANGED' }, t.admin);
    const mine = changes.data!.auditLog.edges.filter(
      (e) => e.node.subjectId === first.data!.exchangeOidcCode.user.id,
    );
    expect(mine.map((e) => e.node.details)).toEqual([
      { via: 'oidc:test', from: 'ADMIN', to: 'USER' },
      { via: 'oidc:test', from: 'USER', to: 'ADMIN' },
    ]);
  });

  it('asks for the second factor as a password sign-in does', async () => {
    const reg = await t.h.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'jay', email: 'jay@example.com', password: 'a fine password' },
    });
    const token = reg.data!.register.accessToken;
    const enrol = await t.h.gql<{ enrolTotp: { secret: string } }>(
      'mutation { enrolTotp { secret } }',
      {},
      token,
    );
    const secret = enrol.data!.enrolTotp.secret;
    await t.h.gql(
      'mutation ($i: ConfirmTotpInput!) { confirmTotp(input: $i) { codes } }',
      {
        i: { code: await generate({ secret }) },
      },
      token,
    );
    t.op.accounts.set('jay-sub', { email: 'jay@example.com', email_verified: true });
    const linked = await t.link(token, 'jay-sub');
    expect((await t.h.gql(CONFIRM, { c: linked.link }, token)).data).toEqual({ confirmOidcLink: true });

    const r = await t.exchange((await t.signIn('jay-sub')).code);
    expect(r.data).toBeNull();
    const { code, challengeToken } = r.errors![0].extensions as { code: string; challengeToken: string };
    expect(code).toBe('TWO_FACTOR_REQUIRED');
    const done = await t.h.gql<{ completeTwoFactorLogin: { user: { username: string } } }>(
      'mutation ($i: CompleteTwoFactorLoginInput!) { completeTwoFactorLogin(input: $i) { user { username } } }',
      { i: { challengeToken, code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) } },
    );
    expect(done.data!.completeTwoFactorLogin.user.username).toBe('jay');
  });

  it('lists a user its linked providers (to itself and admins only), and unlinks them', async () => {
    t.op.accounts.set('lou-sub', { email: 'lou@example.com', email_verified: true });
    const signedIn = (await t.exchange((await t.signIn('lou-sub')).code)).data!.exchangeOidcCode;
    // As another subgraph would resolve the user (a channel's member list), for whoever asks.
    const LINKED = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { linkedIdentities { provider } } } }`;
    const r = [{ __typename: 'User', id: signedIn.user.id }];
    const mine = await t.h.gql<{ me: { linkedIdentities: { provider: string; email: string }[] } }>(
      '{ me { linkedIdentities { provider email } } }',
      {},
      signedIn.accessToken,
    );
    expect(mine.data!.me.linkedIdentities).toEqual([{ provider: 'test', email: 'lou@example.com' }]);
    const other = (
      await t.h.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'nosy', email: 'nosy@example.com', password: 'a fine password' },
      })
    ).data!.register.accessToken;
    type Entities = { _entities: { linkedIdentities: { provider: string }[] | null }[] };
    const seen = await t.h.gql<Entities>(LINKED, { r }, other);
    expect(seen.data!._entities).toEqual([{ linkedIdentities: null }]);
    const byAdmin = await t.h.gql<Entities>(LINKED, { r }, t.admin);
    expect(byAdmin.data!._entities).toEqual([{ linkedIdentities: [{ provider: 'test' }] }]);

    const UNLINK = `mutation ($p: ID!) { unlinkOidcProvider(provider: $p) }`;
    expect((await t.h.gql(UNLINK, { p: 'test' }, signedIn.accessToken)).data).toEqual({
      unlinkOidcProvider: true,
    });
    expect((await t.h.gql(UNLINK, { p: 'test' }, signedIn.accessToken)).data).toEqual({
      unlinkOidcProvider: false,
    });
    // Unlinked, the provider account is a stranger again, and its email now belongs to an account.
    expect(await t.signIn('lou-sub')).toMatchObject({ error: 'CONFLICT' });
  });

  // Last: it takes ADMIN from the harness's root account.
  it("keeps the last ADMIN an ADMIN whatever the provider's groups say", async () => {
    t.op.accounts.set('kim-sub', { email: 'kim@example.com', email_verified: true, groups: ['trae-admins'] });
    const first = (await t.exchange((await t.signIn('kim-sub')).code)).data!.exchangeOidcCode;
    expect(first.user.role).toBe('ADMIN');
    // Becoming ADMIN revoked the tokens of that second (revocation is by issue time): sign in once more.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const kim = (await t.exchange((await t.signIn('kim-sub')).code)).data!.exchangeOidcCode;
    const others = await t.rows<{ id: string }>(
      `select id from identity.users where role = 'ADMIN' and id <> '${kim.user.id}'`,
    );
    expect(others.length).toBeGreaterThan(0);
    for (const { id } of others) {
      const demoted = await t.h.gql(
        'mutation ($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { role } }',
        {
          u: id,
          r: 'USER',
        },
        kim.accessToken,
      );
      expect(demoted.errors).toBeUndefined();
    }

    t.op.accounts.set('kim-sub', { email: 'kim@example.com', email_verified: true, groups: ['staff'] });
    const again = await t.exchange((await t.signIn('kim-sub')).code);
    expect(again.data!.exchangeOidcCode.user.role).toBe('ADMIN');
  });
});

describe('identity: OIDC_PROVIDERS in production', () => {
  const base = {
    NODE_ENV: 'production',
    INTERNAL_SECRET: 'a-production-internal-secret-of-32-bytes!',
    TOTP_ENCRYPTION_KEY: 'a-production-totp-encryption-key-32-bytes',
  };
  it('refuses a plain-http issuer and a missing client secret, naming the variable', () => {
    const env = {
      ...base,
      OIDC_PROVIDERS: JSON.stringify([
        { id: 'corp', name: 'Corp', issuer: 'http://sso.corp.example', clientId: 'x' },
      ]),
    };
    expect(() => loadIdentityConfig(env)).toThrow(/OIDC_PROVIDERS\.0\.issuer: must be https in production/);
    expect(() => loadIdentityConfig(env)).toThrow(/OIDC_PROVIDERS\.0\.clientSecret: required in production/);
  });

  it('refuses malformed JSON without repeating it', () => {
    expect(() => loadIdentityConfig({ OIDC_PROVIDERS: '[{"clientSecret": "s3cret"' })).toThrow(
      /OIDC_PROVIDERS: expected a JSON array of providers/,
    );
    expect(() => loadIdentityConfig({ OIDC_PROVIDERS: '[{"clientSecret": "s3cret"' })).not.toThrow(/s3cret/);
  });

  it('accepts an https provider with its secret', () => {
    const env = {
      ...base,
      OIDC_PROVIDERS: JSON.stringify([
        { id: 'corp', name: 'Corp', issuer: 'https://sso.corp.example', clientId: 'x', clientSecret: 'y' },
      ]),
    };
    expect(loadIdentityConfig(env).OIDC_PROVIDERS[0]).toMatchObject({
      id: 'corp',
      scopes: ['openid', 'email', 'profile'],
    });
  });
});
