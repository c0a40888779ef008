import { randomUUID } from 'node:crypto';
import { appendEvent, createRedis, type Redis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks, INTERNAL_SECRET } from './support/boot.js';
import { startFakeChannels } from './support/fake-channels.js';
import { startReceiver } from './support/receiver.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id channelId } }
}`;
const LIST = `query ($channelId: ID) { webhookEndpoints(channelId: $channelId) { edges { node { id } } } }`;
const DISABLE = `mutation ($id: ID!) { setWebhookEndpointDisabled(id: $id, disabled: true) { status } }`;

interface Created {
  createWebhookEndpoint: { secret: string; endpoint: { id: string; channelId: string | null } };
}

let app: Awaited<ReturnType<typeof bootWebhooks>>;
let channels: Awaited<ReturnType<typeof startFakeChannels>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let events: Redis;

beforeAll(async () => {
  receiver = await startReceiver();
  channels = await startFakeChannels(INTERNAL_SECRET);
  app = await bootWebhooks({
    CHANNELS_URL: channels.url,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_DELIVERY_ATTEMPTS: '3',
  });
  events = createRedis(testRedisUrl(), app.prefix);
});

afterAll(async () => {
  events?.disconnect();
  await app?.close();
  await channels?.close();
  await receiver?.close();
});

/** A channel with an OWNER (and an EDITOR), and an endpoint of it made by the owner. */
async function channelWithEndpoint(eventTypes = ['content.published', 'file.ready']) {
  const channelId = randomUUID();
  const owner = await app.someone();
  const editor = await app.someone();
  channels.setMember(channelId, owner.id, 'OWNER');
  channels.setMember(channelId, editor.id, 'EDITOR');
  const path = `/${randomUUID()}`;
  const res = await app.gql<Created>(
    CREATE,
    { input: { url: receiver.url(path), eventTypes, channelId } },
    owner.token,
  );
  const created = res.data!.createWebhookEndpoint;
  return { channelId, owner, editor, path, secret: created.secret, id: created.endpoint.id };
}

const bodies = (ep: { path: string; secret: string }) =>
  receiver
    .at(ep.path)
    .map((r) => new Webhook(ep.secret).verify(r.body, r.headers as Record<string, string>)) as {
    type: string;
    data: Record<string, unknown>;
  }[];

describe("a channel's webhook endpoints", () => {
  it("are created by the channel's OWNER and listed for its owners, not for its EDITORs", async () => {
    // Arrange
    const ep = await channelWithEndpoint();
    const coOwner = await app.someone();
    channels.setMember(ep.channelId, coOwner.id, 'OWNER');

    // Act
    const listed = await app.gql<{ webhookEndpoints: { edges: { node: { id: string } }[] } }>(
      LIST,
      { channelId: ep.channelId },
      coOwner.token,
    );
    const byEditor = await app.gql(LIST, { channelId: ep.channelId }, ep.editor.token);
    const personal = await app.gql<{ webhookEndpoints: { edges: unknown[] } }>(LIST, {}, ep.owner.token);

    // Assert
    expect(listed.data?.webhookEndpoints.edges.map((e) => e.node.id)).toEqual([ep.id]);
    expect(byEditor.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(personal.data?.webhookEndpoints.edges).toEqual([]);
  });

  it('refuses EDITORs and strangers as FORBIDDEN, and task or alert types with BAD_USER_INPUT on eventTypes', async () => {
    const { channelId, editor, owner } = await channelWithEndpoint();
    const stranger = await app.someone();
    const input = { url: receiver.url('/x'), eventTypes: ['content.published'], channelId };

    const asEditor = await app.gql(CREATE, { input }, editor.token);
    const asStranger = await app.gql(CREATE, { input }, stranger.token);
    const taskTypes = await app.gql(
      CREATE,
      { input: { ...input, eventTypes: ['content.published', 'task.completed'] } },
      owner.token,
    );
    const badId = await app.gql(CREATE, { input: { ...input, channelId: 'nope' } }, owner.token);

    expect(asEditor.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(asStranger.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(taskTypes.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes',
    });
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.channelId' });
  });

  it("is managed by any of the channel's OWNERs, and by no one once they stop being one (its maker included)", async () => {
    const ep = await channelWithEndpoint();
    const coOwner = await app.someone();
    channels.setMember(ep.channelId, coOwner.id, 'OWNER');

    const paused = await app.gql<{ setWebhookEndpointDisabled: { status: string } }>(
      DISABLE,
      { id: ep.id },
      coOwner.token,
    );
    channels.setMember(ep.channelId, coOwner.id, 'EDITOR');
    channels.setMember(ep.channelId, ep.owner.id, null);
    const afterDemotion = await app.gql(DISABLE, { id: ep.id }, coOwner.token);
    const creatorGone = await app.gql(DISABLE, { id: ep.id }, ep.owner.token);

    expect(paused.data?.setWebhookEndpointDisabled.status).toBe('DISABLED');
    expect(afterDemotion.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(creatorGone.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it("gets the channel's content.published and file.ready, not another channel's nor personal files", async () => {
    // Arrange
    const ep = await channelWithEndpoint();
    const published = {
      contentItemId: randomUUID(),
      channelId: ep.channelId,
      ownerId: randomUUID(),
      publishedBy: ep.editor.id,
      title: 'Out now',
      kind: 'ARTICLE',
      publishedAt: '2026-12-01T09:00:00.000Z',
    };
    const ready = { fileId: randomUUID(), ownerId: ep.editor.id, channelId: ep.channelId, readyAt: null };

    // Act
    await appendEvent(events, 'events:channels', 'content.published', {
      ...published,
      channelId: randomUUID(),
    });
    await appendEvent(events, 'events:files', 'file.ready', { ...ready, channelId: null });
    await appendEvent(events, 'events:files', 'file.ready', {
      ...ready,
      ownerId: ep.owner.id,
      channelId: null,
    });
    await appendEvent(events, 'events:channels', 'content.published', published);
    await appendEvent(events, 'events:files', 'file.ready', ready);

    // Assert
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      bodies(ep)
        .map((b) => [b.type, b.data.channelId])
        .sort(),
    ).toEqual([
      ['content.published', ep.channelId],
      ['file.ready', ep.channelId],
    ]);
  });
});
