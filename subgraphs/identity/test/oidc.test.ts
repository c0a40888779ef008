import { createHash } from 'node:crypto';
import { gatewayHeaders, testRedisUrl } from '@trae/kit/testing';
import { Redis } from 'ioredis';
import { generate } from 'otplib';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentityConfig } from '../src/config.js';
import { followToCallback, startTestProvider, type TestProvider } from './oidc-provider.js';
import { type Harness, startIdentity } from './setup.js';

const PUBLIC = 'http://127.0.0.1:4000';
const CALLBACK = `${PUBLIC}/auth/oidc/test/callback`;
const EXCHANGE = `mutation ($c: String!) {
  exchangeOidcCode(code: $c) { accessToken refreshToken user { id username role displayName } }
}`;
const LINK = `mutation ($p: ID!) { linkOidcProvider(provider: $p) }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`;
const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`;
const AUDIT = `query ($t: AuditEventType) { auditLog(type: $t, first: 50) { edges { node { type subjectId details } } } }`;

type Outcome = Record<string, string>;
type Exchange = {
  exchangeOidcCode: { accessToken: string; user: { id: string; username: string; role: string } };
};

describe('identity: sign-in with OpenID Connect (against a real oidc-provider)', () => {
  let op: TestProvider;
  let h: Harness;
  let redis: Redis;
  let admin: string;
  let db: pg.Pool;
  const rows = async <T = unknown>(sql: string) => (await db.query(sql)).rows as T[];

  beforeAll(async () => {
    op = await startTestProvider(CALLBACK);
    h = await startIdentity({
      GATEWAY_URL: PUBLIC,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'test',
          name: 'Test IdP',
          issuer: op.issuer,
          clientId: op.clientId,
          clientSecret: op.clientSecret,
          scopes: ['openid', 'email', 'profile', 'groups'],
          roleMapping: { claim: 'groups', values: { 'trae-admins': 'ADMIN' } },
        },
      ]),
    });
    redis = new Redis(testRedisUrl(), { keyPrefix: h.prefix });
    db = new pg.Pool({ connectionString: h.db.url, max: 2 });
    admin = (
      await h.gql<{ login: { accessToken: string } }>(LOGIN, {
        i: { login: 'root@example.com', password: 'root-password-123' },
      })
    ).data!.login.accessToken;
  });
  afterAll(async () => {
    redis.disconnect();
    await db.end();
    await h.stop();
    await op.stop();
  });

  const get = (path: string) =>
    request(h.identity.app).get(path).set(gatewayHeaders(h.secret, '203.0.113.9'));
  /** Where the dashboard was sent, and what its fragment says. */
  const outcome = (location: string): Outcome => {
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${PUBLIC}/login/oidc`);
    return Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
  };
  /** The provider's answer, as the browser brings it back (with the cookie start gave it, if any). */
  type Answer = { url: URL; cookie?: string };
  const callback = async ({ url, cookie }: Answer) => {
    const req = get(url.pathname + url.search);
    if (cookie) req.set('cookie', cookie);
    const res = await req;
    expect(res.status).toBe(302);
    expect(res.headers['cache-control']).toBe('no-store');
    return outcome(res.headers.location);
  };
  /** The browser went to start (and kept its cookie), then through the provider as `sub`. */
  async function answerFor(sub: string): Promise<Answer> {
    op.signInAs(sub);
    const start = await get('/auth/oidc/test/start');
    expect(start.status).toBe(302);
    const setCookie = (start.headers['set-cookie'] as unknown as string[])[0];
    expect(setCookie).toMatch(
      /^trae_oidc=[\w-]+; Path=\/auth\/oidc\/test\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    return { url: await followToCallback(start.headers.location, CALLBACK), cookie: setCookie.split(';')[0] };
  }
  const signIn = async (sub: string) => callback(await answerFor(sub));
  const CONFIRM = `mutation ($c: String!) { confirmOidcLink(code: $c) }`;
  /** A signed-in user's link: the URL from linkOidcProvider, through the provider as `sub`, confirmed. */
  async function link(token: string, sub: string) {
    const started = await h.gql<{ linkOidcProvider: string }>(LINK, { p: 'test' }, token);
    op.signInAs(sub);
    return callback({ url: await followToCallback(started.data!.linkOidcProvider, CALLBACK) });
  }
  const exchange = (code: string) => h.gql<Exchange>(EXCHANGE, { c: code });
  const failures = async () =>
    (
      await h.gql<{ auditLog: { edges: { node: { details: { reason: string } } }[] } }>(
        AUDIT,
        { t: 'OIDC_SIGN_IN_FAILED' },
        admin,
      )
    ).data!.auditLog.edges.map((e) => e.node.details.reason);

  it('lists the providers publicly, with their id and name only', async () => {
    const r = await h.gql('{ oidcProviders { id name } }');
    expect(r.data).toEqual({ oidcProviders: [{ id: 'test', name: 'Test IdP' }] });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const start = await get('/auth/oidc/test/start');
    const url = new URL(start.headers.location);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
  });

  it('signs a new person in over HTTP: account made from verified claims, one-time code for the tokens', async () => {
    op.accounts.set('alice-sub', {
      email: 'Alice@Example.com',
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
    const first = await signIn('alice-sub');
    expect(first.code).toMatch(/^[\w-]{43}$/);
    const r = await exchange(first.code);
    expect(r.errors).toBeUndefined();
    const { user, accessToken } = r.data!.exchangeOidcCode;
    expect(user).toMatchObject({ username: 'alice', role: 'USER', displayName: 'Alice Liddell' });
    const me = await h.gql<{ me: { id: string; email: string } }>('{ me { id email } }', {}, accessToken);
    expect(me.data!.me).toEqual({ id: user.id, email: 'alice@example.com' });

    // The same provider account signs in as the same user next time, whatever its email says now.
    op.accounts.set('alice-sub', { email: 'alice@elsewhere.example', email_verified: false });
    const again = await exchange((await signIn('alice-sub')).code);
    expect(again.data!.exchangeOidcCode.user.id).toBe(user.id);
    const linked = await rows<{ user_id: string }>(
      `select user_id from identity.linked_identities where provider = 'test' and subject = 'alice-sub'`,
    );
    expect(linked.map((l) => l.user_id)).toEqual([user.id]);
  });

  it('refuses a replayed one-time exchange code', async () => {
    op.accounts.set('bob-sub', { email: 'bob@example.com', email_verified: true });
    const { code } = await signIn('bob-sub');
    expect((await exchange(code)).errors).toBeUndefined();
    const replay = await exchange(code);
    expect(replay.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await failures()).toContain('exchange-code');
  });

  it('refuses a tampered state, and the real state stays good for its own answer only', async () => {
    op.accounts.set('carol-sub', { email: 'carol@example.com', email_verified: true });
    const answer = await answerFor('carol-sub');
    const tampered = new URL(answer.url);
    tampered.searchParams.set('state', `${answer.url.searchParams.get('state')}x`);
    const refused = await callback({ ...answer, url: tampered });
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(refused.code).toBeUndefined();
    expect(await failures()).toContain('state');
    expect((await callback(answer)).code).toBeDefined();
  });

  it("refuses a replayed callback, and the provider's code replayed under a fresh state", async () => {
    op.accounts.set('dan-sub', { email: 'dan@example.com', email_verified: true });
    const answer = await answerFor('dan-sub');
    expect((await callback(answer)).code).toBeDefined();
    expect(await callback(answer)).toMatchObject({ error: 'UNAUTHENTICATED' });

    // A new flow's state with the spent authorization code: the provider refuses the code (and PKCE).
    const start = await get('/auth/oidc/test/start');
    const fresh = new URL(start.headers.location);
    const replay = new URL(answer.url);
    replay.searchParams.set('state', fresh.searchParams.get('state')!);
    const cookie = (start.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const refused = await callback({ url: replay, cookie });
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(refused.message).toMatch(/did not confirm/);
    expect((await failures())[0]).toBe('OAUTH_RESPONSE_BODY_ERROR');
  });

  it("refuses an answer brought back by another browser (someone else's sign-in forced on a victim)", async () => {
    op.accounts.set('kim-sub', { email: 'kim@example.com', email_verified: true });
    const answer = await answerFor('kim-sub');
    expect(await callback({ url: answer.url })).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await failures())[0]).toBe('browser');
    const other = await answerFor('kim-sub');
    expect(await callback({ url: other.url, cookie: answer.cookie })).toMatchObject({
      error: 'UNAUTHENTICATED',
    });
    expect(await rows(`select 1 from identity.users where email = 'kim@example.com'`)).toHaveLength(0);
  });

  it('refuses an ID token whose nonce is not the flow’s', async () => {
    op.accounts.set('erin-sub', { email: 'erin@example.com', email_verified: true });
    const answer = await answerFor('erin-sub');
    const state = answer.url.searchParams.get('state')!;
    const key = `oidc:flow:${createHash('sha256').update(state).digest('hex')}`;
    const flow = JSON.parse((await redis.get(key))!);
    await redis.set(key, JSON.stringify({ ...flow, nonce: 'another-nonce' }), 'KEEPTTL');
    const refused = await callback(answer);
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await failures())[0]).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
    expect(await rows(`select 1 from identity.users where email = 'erin@example.com'`)).toHaveLength(0);
  });

  it('refuses an ID token (rightly signed by the issuer) for another audience', async () => {
    op.accounts.set('fay-sub', { email: 'fay@example.com', email_verified: true });
    const answer = await answerFor('fay-sub');
    op.forgeAudience = 'someone-else';
    try {
      expect(await callback(answer)).toMatchObject({ error: 'UNAUTHENTICATED' });
    } finally {
      op.forgeAudience = null;
    }
    expect((await failures())[0]).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
    expect(await rows(`select 1 from identity.users where email = 'fay@example.com'`)).toHaveLength(0);
  });

  it('never makes or links an account from an unverified email', async () => {
    op.accounts.set('gus-sub', { email: 'gus@example.com', email_verified: false });
    expect(await signIn('gus-sub')).toMatchObject({ error: 'FORBIDDEN' });
    expect(await rows(`select 1 from identity.users where email = 'gus@example.com'`)).toHaveLength(0);
    expect(await failures()).toContain('email-unverified');
  });

  it('links an existing account only with its owner signed in (a verified email alone is not enough)', async () => {
    const reg = await h.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: 'hana', email: 'hana@example.com', password: 'a fine password' },
    });
    const { accessToken, user } = reg.data!.register;
    op.accounts.set('hana-sub', { email: 'hana@example.com', email_verified: true });
    expect(await signIn('hana-sub')).toMatchObject({ error: 'CONFLICT' });
    expect(await rows(`select 1 from identity.linked_identities where subject = 'hana-sub'`)).toHaveLength(0);

    expect((await h.gql(LINK, { p: 'test' })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // Someone else (signed in as themselves) cannot confirm the owner's link, nor the owner twice.
    const other = (
      await h.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'mallory', email: 'mallory@example.com', password: 'a fine password' },
      })
    ).data!.register.accessToken;
    const stolen = await link(accessToken, 'hana-sub');
    expect(stolen.link).toMatch(/^[\w-]{43}$/);
    expect((await h.gql(CONFIRM, { c: stolen.link }, other)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await h.gql(CONFIRM, { c: stolen.link }, accessToken)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await rows(`select 1 from identity.linked_identities where subject = 'hana-sub'`)).toHaveLength(0);

    const { link: code } = await link(accessToken, 'hana-sub');
    expect((await h.gql(CONFIRM, { c: code })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const mine = await link(accessToken, 'hana-sub');
    expect(await h.gql(CONFIRM, { c: mine.link }, accessToken)).toEqual({ data: { confirmOidcLink: true } });
    const signedIn = await exchange((await signIn('hana-sub')).code);
    expect(signedIn.data!.exchangeOidcCode.user.id).toBe(user.id);
    const linked = await h.gql<{ auditLog: { edges: { node: { subjectId: string } }[] } }>(
      AUDIT,
      { t: 'OIDC_LINKED' },
      admin,
    );
    expect(linked.data!.auditLog.edges.map((e) => e.node.subjectId)).toContain(user.id);
  });

  it("maps the provider's groups to a role at each sign-in", async () => {
    op.accounts.set('ivy-sub', {
      email: 'ivy@example.com',
      email_verified: true,
      groups: ['staff', 'trae-admins'],
    });
    const first = await exchange((await signIn('ivy-sub')).code);
    expect(first.data!.exchangeOidcCode.user.role).toBe('ADMIN');
    op.accounts.set('ivy-sub', { email: 'ivy@example.com', email_verified: true, groups: ['staff'] });
    const second = await exchange((await signIn('ivy-sub')).code);
    expect(second.data!.exchangeOidcCode.user.role).toBe('USER');
    const changes = await h.gql<{ auditLog: { edges: { node: { subjectId: string; details: unknown } }[] } }>(
      AUDIT,
      { t: 'ROLE_CHANGED' },
      admin,
    );
    const mine = changes.data!.auditLog.edges.filter(
      (e) => e.node.subjectId === first.data!.exchangeOidcCode.user.id,
    );
    expect(mine.map((e) => e.node.details)).toEqual([
      { via: 'oidc:test', from: 'ADMIN', to: 'USER' },
      { via: 'oidc:test', from: 'USER', to: 'ADMIN' },
    ]);
  });

  it('asks for the second factor as a password sign-in does', async () => {
    const reg = await h.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'jay', email: 'jay@example.com', password: 'a fine password' },
    });
    const token = reg.data!.register.accessToken;
    const enrol = await h.gql<{ enrolTotp: { secret: string } }>(
      'mutation { enrolTotp { secret } }',
      {},
      token,
    );
    const secret = enrol.data!.enrolTotp.secret;
    await h.gql(
      'mutation ($i: ConfirmTotpInput!) { confirmTotp(input: $i) { codes } }',
      {
        i: { code: await generate({ secret }) },
      },
      token,
    );
    op.accounts.set('jay-sub', { email: 'jay@example.com', email_verified: true });
    const linked = await link(token, 'jay-sub');
    expect((await h.gql(CONFIRM, { c: linked.link }, token)).data).toEqual({ confirmOidcLink: true });

    const r = await exchange((await signIn('jay-sub')).code);
    expect(r.data).toBeNull();
    const { code, challengeToken } = r.errors![0].extensions as { code: string; challengeToken: string };
    expect(code).toBe('TWO_FACTOR_REQUIRED');
    const done = await h.gql<{ completeTwoFactorLogin: { user: { username: string } } }>(
      'mutation ($i: CompleteTwoFactorLoginInput!) { completeTwoFactorLogin(input: $i) { user { username } } }',
      { i: { challengeToken, code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) } },
    );
    expect(done.data!.completeTwoFactorLogin.user.username).toBe('jay');
  });

  it('lists a user its linked providers (to itself and admins only), and unlinks them', async () => {
    op.accounts.set('lou-sub', { email: 'lou@example.com', email_verified: true });
    const signedIn = (await exchange((await signIn('lou-sub')).code)).data!.exchangeOidcCode;
    // As another subgraph would resolve the user (a channel's member list), for whoever asks.
    const LINKED = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { linkedIdentities { provider } } } }`;
    const r = [{ __typename: 'User', id: signedIn.user.id }];
    const mine = await h.gql<{ me: { linkedIdentities: { provider: string; email: string }[] } }>(
      '{ me { linkedIdentities { provider email } } }',
      {},
      signedIn.accessToken,
    );
    expect(mine.data!.me.linkedIdentities).toEqual([{ provider: 'test', email: 'lou@example.com' }]);
    const other = (
      await h.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'nosy', email: 'nosy@example.com', password: 'a fine password' },
      })
    ).data!.register.accessToken;
    type Entities = { _entities: { linkedIdentities: { provider: string }[] | null }[] };
    const seen = await h.gql<Entities>(LINKED, { r }, other);
    expect(seen.data!._entities).toEqual([{ linkedIdentities: null }]);
    const byAdmin = await h.gql<Entities>(LINKED, { r }, admin);
    expect(byAdmin.data!._entities).toEqual([{ linkedIdentities: [{ provider: 'test' }] }]);

    const UNLINK = `mutation ($p: ID!) { unlinkOidcProvider(provider: $p) }`;
    expect((await h.gql(UNLINK, { p: 'test' }, signedIn.accessToken)).data).toEqual({
      unlinkOidcProvider: true,
    });
    expect((await h.gql(UNLINK, { p: 'test' }, signedIn.accessToken)).data).toEqual({
      unlinkOidcProvider: false,
    });
    // Unlinked, the provider account is a stranger again, and its email now belongs to an account.
    expect(await signIn('lou-sub')).toMatchObject({ error: 'CONFLICT' });
  });

  it('answers an unknown provider with the error page', async () => {
    const res = await get('/auth/oidc/nobody/start');
    expect(outcome(res.headers.location)).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('is refused to callers that are not the gateway', async () => {
    const res = await request(h.identity.app).get('/auth/oidc/test/start');
    expect(res.status).toBe(403);
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
