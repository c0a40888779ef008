import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type GqlResult, type Platform } from '../support/platform.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }';
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

describe('e2e: an API key’s role is a ceiling in every subgraph', () => {
  let p: Platform;
  const keys: Record<string, string> = {};
  let userToken: string;
  const call = (name: string, token: string) => p.gql(CALLS[name][0], CALLS[name][1] ?? {}, token);

  beforeAll(async () => {
    p = await bootPlatform('authority');
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
});
