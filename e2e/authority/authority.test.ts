import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type GqlResult, type Platform } from '../support/platform.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }';
const SCHEDULE = `query ($id: ID!) { task(id: $id) { status error
  children(first: 100) { edges { node { status error completedAt } } } } }`;
const KEY = 'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }';

/** What a key of each role may do through the gateway, whatever subgraph owns the field. */
const CALLS: Record<string, [query: string, variables?: Record<string, unknown>]> = {
  createChannel: ['mutation { createChannel(input: { name: "Key Channel", platform: YOUTUBE }) { id } }'],
  createUpload: [
    'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { uploadUrl } }',
    { i: { filename: 'a.txt', contentType: 'text/plain', size: 3 } },
  ],
  logs: ['{ logs(first: 1) { totalCount } }'],
  removeAvatar: ['mutation { removeAvatar { id } }'],
  myFiles: ['{ me { files { totalCount } } }'],
  channels: ['{ channels { totalCount } }'],
  createTask: ['mutation { createTask(input: { agent: "system", type: "noop" }) { id } }'],
};

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions.code ?? null;

describe('e2e: authority through the gateway (key ceilings, runs with today’s authority)', () => {
  let p: Platform;
  const keys: Record<string, string> = {};
  let userToken: string;
  const call = (name: string, token: string) => p.gql(CALLS[name][0], CALLS[name][1] ?? {}, token);

  beforeAll(async () => {
    // Workers ask identity before every run; no cache, so the test need not wait out CREATOR_CACHE_MS.
    p = await bootPlatform('authority', { CREATOR_CACHE_MS: '0' });
    userToken = (
      await p.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'keyholder', email: 'keyholder@e2e.test', password: 'keyholder password' },
      })
    ).data!.register.accessToken;
    for (const role of ['GUEST', 'AGENT']) {
      const made = await p.gql<{ createApiKey: { secret: string } }>(
        KEY,
        { i: { name: role, role } },
        userToken,
      );
      keys[role] = made.data!.createApiKey.secret;
    }
  });
  afterAll(() => p?.stop());

  it('refuses a GUEST-scoped key everything but itself and what is public (FORBIDDEN)', async () => {
    for (const name of Object.keys(CALLS)) {
      expect(codeOf(await call(name, keys.GUEST)), name).toBe('FORBIDDEN');
    }
    const open = await p.gql<{
      me: { role: string };
      systemHealth: { status: string };
      metricNames: unknown[];
    }>('{ me { username role } systemHealth { status } metricNames { name } }', {}, keys.GUEST);
    expect(open.errors).toBeUndefined();
    // `me` is the account (its role stays USER); the key only narrows what this token may do.
    expect(open.data?.me).toEqual({ username: 'keyholder', role: 'USER' });
    expect(open.data?.systemHealth.status).toMatch(/^(HEALTHY|DEGRADED|UNHEALTHY)$/);
    expect(open.data?.metricNames.length).toBeGreaterThan(0);
  });

  it('lets an AGENT-scoped key run tasks and nothing that is a person’s (channels, files, logs)', async () => {
    expect(codeOf(await call('createTask', keys.AGENT))).toBeNull();
    for (const name of ['createChannel', 'createUpload', 'logs', 'removeAvatar', 'channels']) {
      expect(codeOf(await call(name, keys.AGENT)), name).toBe('FORBIDDEN');
    }
  });

  it('still lets the USER who owns the keys do all of it', async () => {
    for (const name of Object.keys(CALLS)) expect(codeOf(await call(name, userToken)), name).toBeNull();
  });

  it('runs an ADMIN-made schedule as its creator is now: demoted, it loses their reach; disabled, it pauses', async () => {
    const login = async (login: string, password: string) =>
      (await p.gql<{ login: { accessToken: string } }>(LOGIN, { i: { login, password } })).data!.login
        .accessToken;
    const register = async (name: string) =>
      (
        await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
          i: { username: name, email: `${name}@e2e.test`, password: `${name} password 1` },
        })
      ).data!.register;
    const root = await login(ADMIN.login, ADMIN.password);
    const [bob, ops] = [await register('bob'), await register('ops')];
    const upload = await p.gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
      'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }',
      { i: { filename: 'salaries.csv', contentType: 'text/csv', size: 8 } },
      bob.accessToken,
    );
    const { file, uploadUrl } = upload.data!.createUpload;
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'a,b\n1,2\n' })).status).toBe(201);
    const setRole = (role: string) =>
      p.gql(
        'mutation ($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { id } }',
        { u: ops.user.id, r: role },
        root,
      );
    await setRole('ADMIN');
    // A role change revokes tokens issued up to the next whole second; log in after it.
    await new Promise((r) => setTimeout(r, 1_100));
    const opsAdmin = await login('ops', 'ops password 1');

    const made = await p.gql<{ createTask: { id: string } }>(
      'mutation ($f: ID!) { createTask(input: { agent: "research", type: "data_analysis", input: { fileId: $f }, schedule: "* * * * * *", maxAttempts: 1 }) { id } }',
      { f: file.id },
      opsAdmin,
    );
    expect(made.errors).toBeUndefined();
    const id = made.data!.createTask.id;
    type Schedule = {
      status: string;
      error: string | null;
      children: { edges: { node: { status: string; error: string | null; completedAt: string | null } }[] };
    };
    const schedule = async () => (await p.gql<{ task: Schedule }>(SCHEDULE, { id }, root)).data!.task;
    const runs = async (after = '') =>
      (await schedule()).children.edges
        .map((e) => e.node)
        .filter((r) => r.completedAt && r.completedAt > after);
    await expect
      .poll(async () => (await runs()).some((r) => r.status === 'SUCCEEDED'), { timeout: 15_000 })
      .toBe(true);

    await setRole('USER');
    const demotedAt = new Date().toISOString();
    await expect
      .poll(async () => (await runs(demotedAt)).find((r) => r.status === 'FAILED')?.error, {
        timeout: 15_000,
      })
      .toMatch(/not readable by the task's creator/);

    await p.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: ops.user.id },
      root,
    );
    await expect
      .poll(async () => (await schedule()).error, { timeout: 15_000 })
      .toMatch(/^paused: its creator's account is disabled/);
    expect((await schedule()).status).toBe('PENDING');
    await p.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id }, root);
  });
});
