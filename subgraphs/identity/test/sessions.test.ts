import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken user { id } } }`;
const LOGIN = `mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const SESSIONS = `{ sessions { totalCount edges { node { id device ip createdAt lastUsedAt current } } } }`;
const REVOKE = `mutation ($id: ID!) { revokeSession(id: $id) }`;
const EVERYWHERE = 'mutation { signOutEverywhere }';
const ME = '{ me { id } }';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

type Pair = { accessToken: string; refreshToken: string };
type Listed = {
  id: string;
  device: string;
  ip: string;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
};

describe('identity: sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity();
  });
  afterAll(() => h.stop());

  const signIn = async (name: string, ip: string, agent: string) =>
    (
      await h.gql<{ login: Pair }>(
        LOGIN,
        { i: { login: name, password: 'a fine password' } },
        undefined,
        ip,
        agent,
      )
    ).data!.login;
  const list = async (token: string) =>
    (await h.gql<{ sessions: { totalCount: number; edges: { node: Listed }[] } }>(SESSIONS, {}, token)).data!
      .sessions;

  it('lists where the account is signed in, with device, address and use, and ends one at once', async () => {
    await h.gql(REGISTER, { i: { username: 'sam', email: 'sam@example.com', password: 'a fine password' } });
    const laptop = await signIn('sam', '203.0.113.7', FIREFOX);
    const mac = await signIn('sam', '203.0.113.8', CHROME);
    const refreshed = (
      await h.gql<{ refreshToken: Pair }>(REFRESH, { t: mac.refreshToken }, undefined, '203.0.113.9', CHROME)
    ).data!.refreshToken;

    const seen = await list(laptop.accessToken);
    expect(seen.totalCount).toBe(3);
    const [newest, firefox] = seen.edges.map((e) => e.node);
    expect(newest).toMatchObject({ device: 'Chrome 126 on macOS', ip: '203.0.113.9', current: false });
    expect(firefox).toMatchObject({ device: 'Firefox 128 on Linux', ip: '203.0.113.7', current: true });
    expect(Date.parse(newest.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(newest.createdAt));

    expect((await h.gql(REVOKE, { id: newest.id }, laptop.accessToken)).data).toEqual({
      revokeSession: true,
    });

    expect((await h.gql(ME, {}, refreshed.accessToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(REFRESH, { t: refreshed.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await h.gql(ME, {}, laptop.accessToken)).errors).toBeUndefined();
    expect((await list(laptop.accessToken)).totalCount).toBe(2);
  });

  it("refuses someone else's session, an unknown one and a malformed id the same clear ways", async () => {
    await h.gql(REGISTER, {
      i: { username: 'tess', email: 'tess@example.com', password: 'a fine password' },
    });
    const tess = await signIn('tess', '203.0.113.20', FIREFOX);
    const sam = await signIn('sam', '203.0.113.21', FIREFOX);
    const samsId = (await list(sam.accessToken)).edges[0].node.id;

    expect((await h.gql(REVOKE, { id: samsId }, tess.accessToken)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await h.gql(REVOKE, { id: crypto.randomUUID() }, tess.accessToken)).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect((await h.gql(REVOKE, { id: 'nope' }, tess.accessToken)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect((await h.gql(SESSIONS)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(ME, {}, sam.accessToken)).errors).toBeUndefined();
  });

  it('signs out everywhere: every session and access token, this one included', async () => {
    await h.gql(REGISTER, { i: { username: 'uma', email: 'uma@example.com', password: 'a fine password' } });
    const one = await signIn('uma', '203.0.113.30', FIREFOX);
    const two = await signIn('uma', '203.0.113.31', CHROME);

    expect((await h.gql(EVERYWHERE, {}, one.accessToken)).data).toEqual({ signOutEverywhere: true });

    for (const pair of [one, two]) {
      expect((await h.gql(ME, {}, pair.accessToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await h.gql(REFRESH, { t: pair.refreshToken })).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    // A new sign-in after it works (the mark covers tokens issued before it only).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await signIn('uma', '203.0.113.32', FIREFOX);
    expect((await h.gql(ME, {}, after.accessToken)).errors).toBeUndefined();
    expect((await list(after.accessToken)).totalCount).toBe(1);
  });
});
