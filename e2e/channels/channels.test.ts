import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

type Who = { id: string; token: string };
type Ids = { channel: string; item: string; owner: Who; member: Who };
type Op = { name: string; query: string; vars: (ids: Ids) => Record<string, unknown> };

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const MEMBER_ROLE =
  'mutation ($c: ID!, $u: ID!, $r: ChannelRole!) { setChannelMemberRole(channelId: $c, userId: $u, role: $r) { role } }';

/** Every channel operation, with what it needs; run by each role in turn. */
const READS: Op[] = [
  {
    name: 'channel',
    query: 'query ($c: ID!) { channel(id: $c) { id members { totalCount } contentItems { totalCount } } }',
    vars: (i) => ({ c: i.channel }),
  },
  {
    name: 'contentItem',
    query: 'query ($x: ID!) { contentItem(id: $x) { id title } }',
    vars: (i) => ({ x: i.item }),
  },
];
const CONTENT_WRITES: Op[] = [
  {
    name: 'createContentItem',
    query:
      'mutation ($c: ID!) { createContentItem(input: { channelId: $c, title: "T", kind: POST }) { id } }',
    vars: (i) => ({ c: i.channel }),
  },
  {
    name: 'updateContentItem',
    query: 'mutation ($x: ID!) { updateContentItem(id: $x, input: { body: "B" }) { id } }',
    vars: (i) => ({ x: i.item }),
  },
  {
    name: 'approveContentItem',
    query: 'mutation ($x: ID!) { approveContentItem(id: $x) { status } }',
    vars: (i) => ({ x: i.item }),
  },
  {
    name: 'publishContentItem',
    query: 'mutation ($x: ID!) { publishContentItem(id: $x) { status } }',
    vars: (i) => ({ x: i.item }),
  },
];
const OWNER_WRITES: Op[] = [
  {
    name: 'updateChannel',
    query: 'mutation ($c: ID!) { updateChannel(id: $c, input: { settings: { tone: "calm" } }) { id } }',
    vars: (i) => ({ c: i.channel }),
  },
  {
    name: 'addChannelMember',
    query:
      'mutation ($c: ID!, $u: ID!) { addChannelMember(channelId: $c, userId: $u, role: VIEWER) { role } }',
    vars: (i) => ({ c: i.channel, u: i.owner.id }),
  },
  {
    name: 'setChannelMemberRole',
    query: MEMBER_ROLE,
    vars: (i) => ({ c: i.channel, u: i.owner.id, r: 'VIEWER' }),
  },
  {
    name: 'removeChannelMember',
    query: 'mutation ($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) }',
    vars: (i) => ({ c: i.channel, u: i.owner.id }),
  },
  {
    name: 'archiveChannel',
    query: 'mutation ($c: ID!) { archiveChannel(id: $c) { status } }',
    vars: (i) => ({ c: i.channel }),
  },
  {
    name: 'restoreChannel',
    query: 'mutation ($c: ID!) { restoreChannel(id: $c) { status } }',
    vars: (i) => ({ c: i.channel }),
  },
];

describe('e2e channels: roles through the gateway', () => {
  let p: Platform;
  let ids: Ids;
  const code = async (op: Op, token?: string) => {
    const res = await p.gql(op.query, op.vars(ids), token);
    return res.errors?.[0]?.extensions.code ?? (Object.values(res.data ?? {})[0] === null ? 'NULL' : 'OK');
  };
  const outcomes = async (ops: Op[], token?: string) =>
    Object.fromEntries(await Promise.all(ops.map(async (op) => [op.name, await code(op, token)] as const)));
  const expectAll = (ops: Op[], value: string) => Object.fromEntries(ops.map((op) => [op.name, value]));

  beforeAll(async () => {
    p = await bootPlatform('channels');
    const register = async (name: string): Promise<Who> => {
      const r = await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
        i: { username: name, email: `${name}@e2e.test`, password: `${name} password 1` },
      });
      return { id: r.data!.register.user.id, token: r.data!.register.accessToken };
    };
    const [owner, member] = [await register('olivia'), await register('mateo')];
    const channel = await p.gql<{ createChannel: { id: string } }>(
      'mutation { createChannel(input: { name: "Olivia Cooks", platform: YOUTUBE, settings: { postingSchedule: "0 8 * * 1" } }) { id } }',
      {},
      owner.token,
    );
    const c = channel.data!.createChannel.id;
    await p.gql(
      'mutation ($c: ID!, $u: ID!) { addChannelMember(channelId: $c, userId: $u, role: VIEWER) { id } }',
      { c, u: member.id },
      owner.token,
    );
    const item = await p.gql<{ createContentItem: { id: string } }>(
      'mutation ($c: ID!) { createContentItem(input: { channelId: $c, title: "Pasta", body: "Boil water", kind: SCRIPT }) { id } }',
      { c },
      owner.token,
    );
    ids = { channel: c, item: item.data!.createContentItem.id, owner, member };
  });
  afterAll(() => p?.stop());

  it('a viewer reads but changes nothing', async () => {
    expect(await outcomes(READS, ids.member.token)).toEqual(expectAll(READS, 'OK'));
    const writes = [...CONTENT_WRITES, ...OWNER_WRITES];
    expect(await outcomes(writes, ids.member.token)).toEqual(expectAll(writes, 'FORBIDDEN'));
  });

  it('an editor writes content but does not manage the channel', async () => {
    await p.gql(MEMBER_ROLE, { c: ids.channel, u: ids.member.id, r: 'EDITOR' }, ids.owner.token);
    for (const op of CONTENT_WRITES)
      expect([op.name, await code(op, ids.member.token)]).toEqual([op.name, 'OK']);
    expect(await outcomes(OWNER_WRITES, ids.member.token)).toEqual(expectAll(OWNER_WRITES, 'FORBIDDEN'));
  });

  it('the owner manages settings, members and archiving; the last owner stays', async () => {
    const ownerOps = OWNER_WRITES.filter(
      (op) => !['addChannelMember', 'setChannelMemberRole', 'removeChannelMember'].includes(op.name),
    );
    for (const op of ownerOps) expect([op.name, await code(op, ids.owner.token)]).toEqual([op.name, 'OK']);
    const lastOwner = await p.gql(
      MEMBER_ROLE,
      { c: ids.channel, u: ids.owner.id, r: 'EDITOR' },
      ids.owner.token,
    );
    expect(lastOwner.errors?.[0].extensions.code).toBe('CONFLICT');
    await p.gql(MEMBER_ROLE, { c: ids.channel, u: ids.member.id, r: 'OWNER' }, ids.owner.token);
    expect(
      (await p.gql(MEMBER_ROLE, { c: ids.channel, u: ids.owner.id, r: 'EDITOR' }, ids.owner.token)).errors,
    ).toBeUndefined();
    // Now the roles are swapped: the former owner is an editor and is refused owner operations.
    expect(await code(OWNER_WRITES[0], ids.owner.token)).toBe('FORBIDDEN');
    expect(await code(OWNER_WRITES[0], ids.member.token)).toBe('OK');
  });

  it('outsiders and guests see nothing', async () => {
    const admin = await p.gql<{ login: { accessToken: string } }>(
      'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: ADMIN },
    );
    const outsider = (
      await p.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: 'nosy', email: 'nosy@e2e.test', password: 'nosy password 1' },
      })
    ).data!.register.accessToken;
    expect(await outcomes(READS, outsider)).toEqual(expectAll(READS, 'NULL'));
    expect(await outcomes(CONTENT_WRITES, outsider)).toEqual(expectAll(CONTENT_WRITES, 'NOT_FOUND'));
    expect(await outcomes(READS)).toEqual(expectAll(READS, 'UNAUTHENTICATED'));
    expect(await outcomes(READS, admin.data!.login.accessToken)).toEqual(expectAll(READS, 'OK'));
  });

  it('joins identity through federation: owners, members and User.channels', async () => {
    const res = await p.gql<{
      me: {
        username: string;
        channels: { edges: { node: { name: string; viewerRole: string; owner: { username: string } } }[] };
      };
    }>(
      '{ me { username channels { edges { node { name viewerRole owner { username } members { edges { node { role user { username } } } } } } } } }',
      {},
      ids.member.token,
    );
    expect(res.errors).toBeUndefined();
    const node = res.data!.me.channels.edges[0].node;
    expect(node).toMatchObject({ name: 'Olivia Cooks', viewerRole: 'OWNER', owner: { username: 'mateo' } });
    expect(JSON.stringify(node)).toContain('olivia');
  });

  it('answers bad input with BAD_USER_INPUT or NOT_FOUND naming the field', async () => {
    const create = (input: string) =>
      p.gql(`mutation { createChannel(input: ${input}) { id } }`, {}, ids.member.token);
    const empty = await create('{ name: " ", platform: BLOG }');
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const cron = await create('{ name: "x", platform: BLOG, settings: { postingSchedule: "every day" } }');
    expect(cron.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'settings.postingSchedule',
    });
    expect((await create('{ name: "x", platform: FAX }')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const ghost = await p.gql(
      'mutation ($c: ID!) { addChannelMember(channelId: $c, userId: "5f0c8a4e-0000-4000-8000-000000000000", role: VIEWER) { id } }',
      { c: ids.channel },
      ids.member.token,
    );
    expect(ghost.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
  });
});
