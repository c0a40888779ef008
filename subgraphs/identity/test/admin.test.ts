import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const USERS = `query ($first: Int, $after: String, $search: String, $role: Role) {
  users(first: $first, after: $after, search: $search, role: $role) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id username email role } }
  }
}`;

describe('identity: administration', () => {
  let h: Harness;
  let admin: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startIdentity();
    admin = (
      await h.gql<{ login: { accessToken: string } }>(LOGIN, {
        input: { login: 'root@example.com', password: 'root-password-123' },
      })
    ).data!.login.accessToken;
    for (const name of ['user1', 'user2', 'user3', 'other']) {
      const r = await h.gql<{ register: { accessToken: string; user: { id: string } } }>(
        'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
        { i: { username: name, email: `${name}@example.com`, password: 'a decent password' } },
      );
      ids[name] = r.data!.register.user.id;
      tokens[name] = r.data!.register.accessToken;
    }
  });
  afterAll(() => h.stop());

  it('keeps the user list from guests and users', async () => {
    expect((await h.gql(USERS)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(USERS, {}, tokens.user1)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists, searches and pages for admins', async () => {
    const page1 = await h.gql<{
      users: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { username: string } }[];
      };
    }>(USERS, { first: 2, search: 'user' }, admin);
    expect(page1.data?.users.totalCount).toBe(3);
    expect(page1.data?.users.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.gql<typeof page1.data>(
      USERS,
      { first: 2, search: 'user', after: page1.data?.users.pageInfo.endCursor },
      admin,
    );
    const names = [...page1.data!.users.edges, ...page2.data!.users.edges].map((e) => e.node.username).sort();
    expect(names).toEqual(['user1', 'user2', 'user3']);
    expect(page2.data?.users.pageInfo.hasNextPage).toBe(false);

    const admins = await h.gql<typeof page1.data>(USERS, { role: 'ADMIN' }, admin);
    expect(admins.data?.users.edges.map((e) => e.node.username)).toEqual(['admin']);
    expect((await h.gql(USERS, { first: 1000 }, admin)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await h.gql(USERS, { after: 'garbage' }, admin)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('hides other people’s email', async () => {
    const me = await h.gql<{ users: unknown }>(USERS, { search: 'other' }, admin);
    expect(JSON.stringify(me.data)).toContain('other@example.com');
    const ref = await h.gql<{ _entities: { email: string | null; username: string }[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { username email } } }',
      {
        r: [
          { __typename: 'User', id: ids.other },
          { __typename: 'User', id: ids.user1 },
        ],
      },
      tokens.user1,
    );
    expect(ref.data?._entities).toEqual([
      { username: 'other', email: null },
      { username: 'user1', email: 'user1@example.com' },
    ]);
  });

  it('changes roles, marks old tokens revoked and audits it', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const sub = redis.duplicate();
    const messages: string[] = [];
    await sub.psubscribe('*identity.revocations');
    sub.on('pmessage', (_p, _c, m) => messages.push(m));

    const res = await h.gql<{ setUserRole: { role: string } }>(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: AGENT) { role } }',
      { u: ids.user2 },
      admin,
    );
    expect(res.data?.setUserRole.role).toBe('AGENT');
    await expect.poll(() => messages.some((m) => m.includes(ids.user2))).toBe(true);

    const audit = await h.gql<{
      auditLog: {
        edges: { node: { type: string; subjectId: string; details: { from: string; to: string } } }[];
      };
    }>('{ auditLog(type: ROLE_CHANGED) { edges { node { type subjectId details } } } }', {}, admin);
    expect(audit.data?.auditLog.edges[0].node).toMatchObject({
      subjectId: ids.user2,
      details: { from: 'USER', to: 'AGENT' },
    });
    await sub.quit();
    await redis.quit();
  });

  it('disables accounts: no login, no refresh', async () => {
    const session = (
      await h.gql<{ login: { refreshToken: string } }>(LOGIN, {
        input: { login: 'user3', password: 'a decent password' },
      })
    ).data!.login;
    const res = await h.gql<{ setUserDisabled: { disabled: boolean } }>(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { disabled } }',
      { u: ids.user3 },
      admin,
    );
    expect(res.data?.setUserDisabled.disabled).toBe(true);
    expect(
      (await h.gql(LOGIN, { input: { login: 'user3', password: 'a decent password' } })).errors?.[0]
        .extensions.code,
    ).toBe('FORBIDDEN');
    const refresh = await h.gql('mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', {
      t: session.refreshToken,
    });
    expect(refresh.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses unknown users and self-demotion', async () => {
    const unknown = await h.gql(
      'mutation { setUserRole(userId: "00000000-0000-4000-8000-000000000000", role: USER) { id } }',
      {},
      admin,
    );
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const me = (await h.gql<{ me: { id: string } }>('{ me { id } }', {}, admin)).data!.me.id;
    const self = await h.gql(
      'mutation ($u: ID!) { setUserRole(userId: $u, role: USER) { id } }',
      { u: me },
      admin,
    );
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });

  it('records login failures and successes in the audit log', async () => {
    await h.gql(LOGIN, { input: { login: 'user1', password: 'not the password' } });
    const log = await h.gql<{ auditLog: { totalCount: number; edges: { node: { type: string } }[] } }>(
      'query ($u: ID) { auditLog(userId: $u, first: 10) { totalCount edges { node { type } } } }',
      { u: ids.user1 },
      admin,
    );
    const types = log.data!.auditLog.edges.map((e) => e.node.type);
    expect(types).toContain('REGISTERED');
    expect(types).toContain('LOGIN_FAILED');
  });

  it('refuses a page cursor whose id is not a uuid, for users and the audit log', async () => {
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');
    const refused = { extensions: { code: 'BAD_USER_INPUT', field: 'after' } };
    await expect(h.identity.services.users.list({ after })).rejects.toMatchObject(refused);
    await expect(h.identity.services.audit.list({ after })).rejects.toMatchObject(refused);
  });

  it('answers an id argument that is not a uuid as the caller’s mistake, not as a failed query', async () => {
    const codes = async (query: string) => (await h.gql(query, {}, admin)).errors?.[0].extensions;
    expect(await codes('mutation { setUserRole(userId: "nope", role: USER) { id } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await codes('mutation { setUserDisabled(userId: "nope", disabled: true) { id } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await codes('{ auditLog(userId: "nope") { totalCount } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await codes('mutation { revokeApiKey(id: "nope") }')).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds an active user by exact username for any signed-in caller, keeping the email private', async () => {
    const BY_NAME = 'query ($u: String!) { userByUsername(username: $u) { id username email } }';
    type ByName = { userByUsername: { id: string; username: string; email: string | null } | null };

    const found = await h.gql<ByName>(BY_NAME, { u: ' USER2 ' }, tokens.user1);
    expect(found.data?.userByUsername).toEqual({ id: ids.user2, username: 'user2', email: null });
    expect((await h.gql<ByName>(BY_NAME, { u: 'user' }, tokens.user1)).data?.userByUsername).toBeNull();
    // user3 was disabled above: not offered.
    expect((await h.gql<ByName>(BY_NAME, { u: 'user3' }, tokens.user1)).data?.userByUsername).toBeNull();
    expect((await h.gql<ByName>(BY_NAME, { u: 'user2' })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const asAdmin = await h.gql<ByName>(BY_NAME, { u: 'user2' }, admin);
    expect(asAdmin.data?.userByUsername?.email).toBe('user2@example.com');
  });
});
