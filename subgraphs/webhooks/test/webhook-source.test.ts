import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks } from './support/boot.js';

const CREATE = `mutation ($input: CreateWebhookSourceInput!) {
  createWebhookSource(input: $input) { secret source { id name action signature agent taskType secretCount } }
}`;
const ROTATE = 'mutation ($id: ID!) { rotateWebhookSourceSecret(id: $id) { secret source { secretCount } } }';
const PAGE = `query ($after: String) {
  webhookSources(first: 2, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } }
}`;
const OF_USER = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { webhookSources { totalCount } } }
}`;

let app: Awaited<ReturnType<typeof bootWebhooks>>;

beforeAll(async () => {
  app = await bootWebhooks();
});

afterAll(async () => {
  await app?.close();
});

type Created = { createWebhookSource: { secret: string; source: Record<string, unknown> & { id: string } } };
type Page = {
  totalCount: number;
  edges: { node: { name: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const emit = (name: string) => ({ name, action: 'EMIT_EVENT' });

describe('webhook sources', () => {
  it('registers one for an ADMIN and shows its generated secret once', async () => {
    const admin = await app.someone('ADMIN');
    const input = { name: 'ci', action: 'CREATE_TASK', agent: 'research', taskType: 'web_research' };

    const res = await app.gql<Created>(CREATE, { input }, admin.token);

    expect(res.data?.createWebhookSource.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.data?.createWebhookSource.source).toMatchObject({
      ...input,
      signature: 'STANDARD_WEBHOOKS',
      secretCount: 1,
    });
  });

  it('lists the ADMIN’s sources newest first, a page at a time', async () => {
    const admin = await app.someone('ADMIN');
    for (const name of ['first', 'second', 'third'])
      await app.gql(CREATE, { input: emit(name) }, admin.token);

    const first = await app.gql<{ webhookSources: Page }>(PAGE, {}, admin.token);
    const after = first.data?.webhookSources.pageInfo.endCursor;
    const second = await app.gql<{ webhookSources: Page }>(PAGE, { after }, admin.token);

    expect(first.data?.webhookSources.totalCount).toBe(3);
    expect(first.data?.webhookSources.edges.map((e) => e.node.name)).toEqual(['third', 'second']);
    expect(second.data?.webhookSources.edges.map((e) => e.node.name)).toEqual(['first']);
  });

  it('keeps two secrets at once when rotating', async () => {
    const admin = await app.someone('ADMIN');
    const created = await app.gql<Created>(CREATE, { input: emit('rotating') }, admin.token);
    const id = created.data?.createWebhookSource.source.id;

    const once = await app.gql<{
      rotateWebhookSourceSecret: { secret: string; source: { secretCount: number } };
    }>(ROTATE, { id }, admin.token);
    const twice = await app.gql<typeof once.data>(ROTATE, { id }, admin.token);

    expect(once.data?.rotateWebhookSourceSecret.source.secretCount).toBe(2);
    expect(twice.data?.rotateWebhookSourceSecret.source.secretCount).toBe(2);
    expect(once.data?.rotateWebhookSourceSecret.secret).not.toBe(created.data?.createWebhookSource.secret);
  });

  it.each([
    [{ name: '   ', action: 'EMIT_EVENT' }, 'input.name'],
    [{ name: 'no agent', action: 'CREATE_TASK', taskType: 'web_research' }, 'input.agent'],
    [{ name: 'no type', action: 'CREATE_TASK', agent: 'research' }, 'input.taskType'],
    [{ name: 'bad secret', action: 'EMIT_EVENT', secret: 'not-a-standard-webhooks-secret' }, 'input.secret'],
  ])('refuses %j as BAD_USER_INPUT naming %s', async (input, field) => {
    const admin = await app.someone('ADMIN');

    const res = await app.gql(CREATE, { input }, admin.token);

    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses anyone but an ADMIN', async () => {
    const user = await app.someone('USER');

    const anonymous = await app.gql(CREATE, { input: emit('anonymous') });
    const asUser = await app.gql(CREATE, { input: emit('user') }, user.token);

    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(asUser.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it("shows a user's webhook sources to them and admins only", async () => {
    const owner = await app.someone('ADMIN');
    const stranger = await app.someone('USER');
    await app.gql(CREATE, { input: emit('private') }, owner.token);
    const reps = [{ __typename: 'User', id: owner.id }];

    const mine = await app.gql<{ _entities: { webhookSources: { totalCount: number } }[] }>(
      OF_USER,
      { reps },
      owner.token,
    );
    const theirs = await app.gql(OF_USER, { reps }, stranger.token);

    expect(mine.data?._entities[0].webhookSources.totalCount).toBe(1);
    expect(theirs.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
