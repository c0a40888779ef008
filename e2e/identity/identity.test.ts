import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const REGISTER =
  'mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken expiresIn user { id username role } } }';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { id } } }';
const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

type Tokens = { accessToken: string; refreshToken: string; user: { id: string } };

describe('e2e identity through the gateway', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await bootPlatform('identity');
  });
  afterAll(() => p?.stop());

  it('serves health, metrics and the security headers', async () => {
    const health = await fetch(`${p.url}/health`);
    const body = (await health.json()) as { status: string; services: Record<string, { status: string }> };
    expect(health.status).toBe(200);
    expect(body.status).toBe('healthy');
    expect(body.services.identity.status).toBe('up');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect(await (await fetch(`${p.url}/metrics`)).text()).toContain('http_requests_total');
    const jwks = (await (await fetch(`${p.url}/.well-known/jwks.json`)).json()) as {
      keys: { alg: string }[];
    };
    expect(jwks.keys[0].alg).toBe('EdDSA');
  });

  it('walks a user through register, login, me, rotation, reuse detection and lockout', async () => {
    const reg = await p.gql<{ register: Tokens }>(REGISTER, {
      i: { username: 'walker', email: 'walker@e2e.test', password: 'walker password 1' },
    });
    expect(reg.errors).toBeUndefined();
    const login = (
      await p.gql<{ login: Tokens }>(LOGIN, {
        i: { login: 'walker@e2e.test', password: 'walker password 1' },
      })
    ).data!.login;
    const me = await p.gql<{ me: { username: string } }>('{ me { username } }', {}, login.accessToken);
    expect(me.data?.me.username).toBe('walker');

    const rotated = (await p.gql<{ refreshToken: Tokens }>(REFRESH, { t: login.refreshToken })).data!
      .refreshToken;
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    expect((await p.gql(REFRESH, { t: login.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await p.gql(REFRESH, { t: rotated.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );

    const codes: unknown[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await p.gql(LOGIN, { i: { login: 'walker', password: `wrong ${i} password` } })).errors?.[0]
          .extensions.code,
      );
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'ACCOUNT_LOCKED',
    ]);
    const locked = await p.gql(LOGIN, { i: { login: 'walker', password: 'walker password 1' } });
    expect(locked.errors?.[0].extensions.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses tampered and alg:none tokens at the edge', async () => {
    const s = (
      await p.gql<{ register: Tokens }>(REGISTER, {
        i: { username: 'mallory', email: 'mallory@e2e.test', password: 'mallory password' },
      })
    ).data!.register;
    const [header, , signature] = s.accessToken.split('.');
    const forged = b64({ ...decodeJwt(s.accessToken), role: 'ADMIN' });
    for (const token of [
      `${header}.${forged}.${signature}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${forged}.`,
    ]) {
      const res = await p.gql('{ users { totalCount } }', {}, token);
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.errors)).not.toMatch(/stack|at \w+ \(/);
    }
  });

  it('keeps user administration for admins, and role changes take effect', async () => {
    const user = (
      await p.gql<{ register: Tokens }>(REGISTER, {
        i: { username: 'plain', email: 'plain@e2e.test', password: 'plain password!' },
      })
    ).data!.register;
    const denied = await p.gql('{ users { totalCount } }', {}, user.accessToken);
    expect(denied.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', serviceName: 'identity' });

    const admin = (await p.gql<{ login: Tokens }>(LOGIN, { i: ADMIN })).data!.login;
    const listed = await p.gql<{ users: { totalCount: number } }>(
      '{ users(search: "plain") { totalCount } }',
      {},
      admin.accessToken,
    );
    expect(listed.data?.users.totalCount).toBe(1);
    const changed = await p.gql<{ setUserRole: { role: string } }>(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: ADMIN) { role } }',
      { u: user.user.id },
      admin.accessToken,
    );
    expect(changed.data?.setUserRole.role).toBe('ADMIN');
    // The old token carried role USER; it is refused now, and a fresh login carries ADMIN.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await p.gql('{ me { id } }', {}, user.accessToken)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const again = (
      await p.gql<{ login: Tokens }>(LOGIN, { i: { login: 'plain', password: 'plain password!' } })
    ).data!.login;
    expect(
      (await p.gql<{ users: { totalCount: number } }>('{ users { totalCount } }', {}, again.accessToken)).data
        ?.users.totalCount,
    ).toBeGreaterThan(1);
  });

  it('accepts an API key as a bearer token until it is revoked', async () => {
    const owner = (
      await p.gql<{ register: Tokens }>(REGISTER, {
        i: { username: 'scripter', email: 'scripter@e2e.test', password: 'scripter password' },
      })
    ).data!.register;
    const created = await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "nightly", role: AGENT }) { secret apiKey { id } } }',
      {},
      owner.accessToken,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    const asKey = await p.gql<{ me: { username: string; role: string } }>(
      '{ me { username role } }',
      {},
      secret,
    );
    expect(asKey.data?.me.username).toBe('scripter');

    await p.gql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: apiKey.id }, owner.accessToken);
    await expect
      .poll(async () => (await p.gql('{ me { id } }', {}, secret)).errors?.[0].extensions.code, {
        timeout: 5_000,
      })
      .toBe('UNAUTHENTICATED');
  });

  it('echoes a request id and answers bad queries with BAD_USER_INPUT', async () => {
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-req-1' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('e2e-req-1');
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
