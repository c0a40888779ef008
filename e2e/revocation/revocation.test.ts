import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken user { id } } }`;
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }';
const ON_TASKS = 'subscription { taskUpdated { id } }';

type Session = { accessToken: string; refreshToken: string; user: { id: string } };

/** Disabling, demoting, logging out and revoking a key close the open sockets they concern within 2 s. */
describe('e2e revocation: open sockets follow identity', () => {
  let p: Platform;
  let admin: string;
  const clients: ReturnType<typeof createClient>[] = [];

  const register = async (name: string) =>
    (
      await p.gql<{ register: Session }>(REGISTER, {
        i: { username: name, email: `${name}@example.com`, password: 'a decent password' },
      })
    ).data!.register;
  /** A live subscription; resolves once the gateway acknowledged the connection. */
  const follow = async (authorization: string) => {
    const closes: number[] = [];
    const { promise: connected, resolve: acked } = Promise.withResolvers<void>();
    const client = createClient({
      url: `${p.url.replace('http', 'ws')}/graphql`,
      connectionParams: { authorization: `Bearer ${authorization}` },
      retryAttempts: 0,
      on: {
        connected: () => acked(),
        // A refused connection settles too, so the test fails on its close code instead of timing out.
        closed: (e) => {
          closes.push((e as { code: number }).code);
          acked();
        },
      },
    });
    clients.push(client);
    client.subscribe(
      { query: ON_TASKS },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await connected;
    return closes;
  };
  const closedWithin2s = async (closes: number[], since: number) => {
    await expect.poll(() => closes[0], { timeout: 2_000, interval: 20 }).toBe(4401);
    expect(Date.now() - since).toBeLessThan(2_000);
  };

  beforeAll(async () => {
    p = await bootPlatform('revocation');
    admin = (await p.gql<{ login: { accessToken: string } }>(LOGIN, { i: ADMIN })).data!.login.accessToken;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.stop();
  });

  it('closes a disabled user’s socket', async () => {
    const dan = await register('dan');
    const closes = await follow(dan.accessToken);

    const since = Date.now();
    const res = await p.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: dan.user.id },
      admin,
    );

    expect(res.errors).toBeUndefined();
    await closedWithin2s(closes, since);
  });

  it('closes a demoted admin’s socket', async () => {
    const ada = await register('ada');
    await p.gql(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: ADMIN) { id } }',
      { u: ada.user.id },
      admin,
    );
    // The promotion revoked every token issued up to the end of its second (`iat` has 1 s resolution).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const asAdmin = (
      await p.gql<{ login: Session }>(LOGIN, { i: { login: 'ada', password: 'a decent password' } })
    ).data!.login;
    const closes = await follow(asAdmin.accessToken);

    const since = Date.now();
    await p.gql(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: USER) { id } }',
      { u: ada.user.id },
      admin,
    );

    await closedWithin2s(closes, since);
  });

  it('closes the socket of a session that logged out, and ends its access token and refresh token', async () => {
    const lou = await register('lou');
    const closes = await follow(lou.accessToken);

    const since = Date.now();
    await p.gql(
      'mutation ($t: String!) { logout(refreshToken: $t) }',
      { t: lou.refreshToken },
      lou.accessToken,
    );

    await closedWithin2s(closes, since);
    const me = await p.gql('{ me { id } }', {}, lou.accessToken);
    expect(me.status).toBe(401);
    expect(me.errors?.[0]).toMatchObject({
      message: 'Token revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const refresh = await p.gql('mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', {
      t: lou.refreshToken,
    });
    expect(refresh.errors?.[0].message).toBe('This session has ended (signed out or revoked); sign in again');
  });

  it('closes a socket opened with an API key when the key is revoked', async () => {
    const kim = await register('kim');
    const key = (
      await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        'mutation { createApiKey(input: { name: "bot", role: USER }) { secret apiKey { id } } }',
        {},
        kim.accessToken,
      )
    ).data!.createApiKey;
    const closes = await follow(key.secret);

    const since = Date.now();
    await p.gql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: key.apiKey.id }, kim.accessToken);

    await closedWithin2s(closes, since);
    expect((await p.gql('{ me { id } }', {}, key.secret)).status).toBe(401);
  });
});
