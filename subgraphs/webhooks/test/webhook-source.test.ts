import { randomUUID } from 'node:crypto';
import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type IdentityKeys,
  startIdentityKeys,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebhooksConfig } from '../src/config.js';
import { createWebhooks, type Webhooks } from '../src/server.js';

const INTERNAL_SECRET = 'webhooks-test-internal-secret';
const CREATE =
  'mutation ($name: String!) { createWebhookSource(input: { name: $name }) { id name createdAt } }';
const PAGE = `query ($after: String) {
  webhookSources(first: 2, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } }
}`;
const OF_USER = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { webhookSources { totalCount } } }
}`;
const BY_ID = 'query ($id: ID!) { webhookSource(id: $id) { name } }';

let db: TestDatabase;
let keys: IdentityKeys;
let service: Webhooks;

beforeAll(async () => {
  db = await createTestDatabase('webhooks');
  keys = await startIdentityKeys();
  const config = loadWebhooksConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix('webhooks'),
    IDENTITY_URL: keys.url,
    INTERNAL_SECRET,
    NODE_ENV: 'test',
    PORT: '0',
  });
  service = await createWebhooks(config, createLogger('webhooks', 'silent'));
});

afterAll(async () => {
  await service?.stop();
  await keys?.close();
  await db?.drop();
});

interface Gql<T> {
  data?: T;
  errors?: { extensions: Record<string, unknown> }[];
}
type Page = {
  totalCount: number;
  edges: { node: { name: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
type OfUser = { _entities: { webhookSources: { totalCount: number } | null }[] };

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Gql<T>> {
  const req = request(service.app).post('/graphql').set(gatewayHeaders(INTERNAL_SECRET));
  if (token) req.set('authorization', `Bearer ${token}`);
  return (await req.send({ query, variables })).body;
}

/** A signed-in USER with a fresh id, and the id. */
async function someone() {
  const id = randomUUID();
  return { id, token: await keys.sign('USER', id) };
}

describe('webhooks', () => {
  it('creates one for the caller and lists them newest first, a page at a time', async () => {
    // Arrange
    const owner = await someone();
    for (const name of ['first', 'second', 'third']) await gql(CREATE, { name }, owner.token);

    // Act
    const first = await gql<{ webhookSources: Page }>(PAGE, {}, owner.token);
    const after = first.data?.webhookSources.pageInfo.endCursor;
    const second = await gql<{ webhookSources: Page }>(PAGE, { after }, owner.token);

    // Assert
    expect(first.data?.webhookSources.totalCount).toBe(3);
    expect(first.data?.webhookSources.edges.map((e) => e.node.name)).toEqual(['third', 'second']);
    expect(first.data?.webhookSources.pageInfo.hasNextPage).toBe(true);
    expect(second.data?.webhookSources.edges.map((e) => e.node.name)).toEqual(['first']);
  });

  it('refuses a blank name as BAD_USER_INPUT naming the field', async () => {
    const owner = await someone();

    const res = await gql(CREATE, { name: '   ' }, owner.token);

    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('refuses anonymous callers', async () => {
    const res = await gql(CREATE, { name: 'anonymous' });

    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("shows a user's webhook sources to them and admins only", async () => {
    // Arrange
    const owner = await someone();
    const stranger = await someone();
    const admin = await keys.sign('ADMIN', randomUUID());
    const created = await gql<{ createWebhookSource: { id: string } }>(
      CREATE,
      { name: 'private' },
      owner.token,
    );
    const id = created.data?.createWebhookSource.id;
    const reps = [{ __typename: 'User', id: owner.id }];

    // Act
    const mine = await gql<OfUser>(OF_USER, { reps }, owner.token);
    const theirs = await gql<OfUser>(OF_USER, { reps }, stranger.token);
    const asAdmin = await gql<OfUser>(OF_USER, { reps }, admin);
    const byId = await gql<{ webhookSource: { name: string } | null }>(BY_ID, { id }, stranger.token);

    // Assert
    expect(mine.data?._entities[0].webhookSources?.totalCount).toBe(1);
    expect(theirs.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(asAdmin.data?._entities[0].webhookSources?.totalCount).toBe(1);
    expect(byId.data?.webhookSource).toBeNull();
  });
});
