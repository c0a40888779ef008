import { gatewayHeaders, testRedisUrl } from '@trae/kit/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { expect } from 'vitest';
import { followToCallback, startTestProvider, type TestProvider } from './oidc-provider.js';
import { type Harness, startIdentity } from './setup.js';

export const PUBLIC = 'http://127.0.0.1:4000';
export const CALLBACK = `${PUBLIC}/auth/oidc/test/callback`;
const EXCHANGE = `mutation ($c: String!) {
  exchangeOidcCode(code: $c) { accessToken refreshToken user { id username role displayName } }
}`;
export const LINK = `mutation ($p: ID!) { linkOidcProvider(provider: $p) }`;
export const CONFIRM = `mutation ($c: String!) { confirmOidcLink(code: $c) }`;
export const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`;
export const AUDIT = `query ($t: AuditEventType) { auditLog(type: $t, first: 50) { edges { node { type subjectId details } } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`;

type Outcome = Record<string, string>;
type Exchange = {
  exchangeOidcCode: { accessToken: string; user: { id: string; username: string; role: string } };
};

export type OidcHarness = Awaited<ReturnType<typeof startOidc>>;

/**
 * A real oidc-provider on a port and identity configured with it as provider `test` (groups
 * `trae-admins` map to ADMIN), with the browser's steps as helpers: start, the provider, the callback.
 */
export async function startOidc() {
  const op: TestProvider = await startTestProvider(CALLBACK);
  const h: Harness = await startIdentity({
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
  const redis = new Redis(testRedisUrl(), { keyPrefix: h.prefix });
  const db = new pg.Pool({ connectionString: h.db.url, max: 2 });
  const rows = async <T = unknown>(sql: string) => (await db.query(sql)).rows as T[];
  const admin = (
    await h.gql<{ login: { accessToken: string } }>(LOGIN, {
      i: { login: 'root@example.com', password: 'root-password-123' },
    })
  ).data!.login.accessToken;

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

  async function stop() {
    redis.disconnect();
    await db.end();
    await h.stop();
    await op.stop();
  }
  return {
    op,
    h,
    redis,
    rows,
    admin,
    get,
    outcome,
    callback,
    answerFor,
    signIn,
    link,
    exchange,
    failures,
    stop,
  };
}
