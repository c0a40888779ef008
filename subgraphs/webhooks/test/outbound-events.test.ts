import { randomUUID } from 'node:crypto';
import { appendEvent, createRedis, type Redis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks } from './support/boot.js';
import { startReceiver } from './support/receiver.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id } }
}`;

let app: Awaited<ReturnType<typeof bootWebhooks>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let events: Redis;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await bootWebhooks({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_DELIVERY_ATTEMPTS: '3',
    WEBHOOK_AUTHORITY_CACHE_MS: '0',
  });
  events = createRedis(testRedisUrl(), app.prefix);
});

afterAll(async () => {
  events?.disconnect();
  await app?.close();
  await receiver?.close();
});

async function endpoint(token: string, eventTypes: string[]) {
  const path = `/${randomUUID()}`;
  const res = await app.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
    CREATE,
    { input: { url: receiver.url(path), eventTypes } },
    token,
  );
  return { path, secret: res.data!.createWebhookEndpoint.secret };
}

/** The bodies an endpoint got, verified with its secret. */
const bodies = (ep: { path: string; secret: string }) =>
  receiver
    .at(ep.path)
    .map((r) => new Webhook(ep.secret).verify(r.body, r.headers as Record<string, string>)) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  }[];

const alert = (state: 'firing' | 'resolved', ruleId = randomUUID()) => ({
  ruleId,
  ruleName: 'Service down',
  kind: 'SERVICE_DOWN',
  state,
  value: 1,
  threshold: 0,
  startedAt: '2026-12-01T10:00:00.000Z',
  ...(state === 'resolved' ? { resolvedAt: '2026-12-01T10:05:00.000Z' } : {}),
  summary: 'tasks is down',
});

describe('outbound event types', () => {
  it("sends content.published from events:channels to the channel owner's endpoints, skipping the stream's other events", async () => {
    // Arrange
    const owner = await app.someone();
    const ep = await endpoint(owner.token, ['content.published']);
    const published = {
      contentItemId: randomUUID(),
      channelId: randomUUID(),
      ownerId: owner.id,
      publishedBy: randomUUID(),
      title: 'Out now',
      kind: 'ARTICLE',
      publishedAt: '2026-12-01T09:00:00.000Z',
    };

    // Act
    await appendEvent(events, 'events:channels', 'channel.schedule.updated', { ownerId: owner.id });
    await appendEvent(events, 'events:channels', 'content.published', {
      ...published,
      ownerId: randomUUID(),
    });
    await appendEvent(events, 'events:channels', 'content.published', published);

    // Assert
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(1);
    expect(bodies(ep)).toEqual([
      { type: 'content.published', timestamp: published.publishedAt, data: published },
    ]);
  });

  it("sends file.ready from events:files to the file owner's endpoints", async () => {
    const owner = await app.someone();
    const ep = await endpoint(owner.token, ['file.ready', 'task.completed']);
    const ready = {
      fileId: randomUUID(),
      ownerId: owner.id,
      filename: 'a.txt',
      readyAt: '2026-12-01T08:00:00.000Z',
    };

    await appendEvent(events, 'events:files', 'file.ready', ready);

    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(1);
    expect(bodies(ep)).toEqual([{ type: 'file.ready', timestamp: ready.readyAt, data: ready }]);
  });

  it('sends alert.firing and alert.resolved to the endpoints of owners who are ADMIN at the time, and no one else', async () => {
    // Arrange
    const admin = await app.someone('ADMIN');
    const demoted = await app.someone('ADMIN');
    const adminEp = await endpoint(admin.token, ['alert.firing', 'alert.resolved']);
    const demotedEp = await endpoint(demoted.token, ['alert.firing']);
    app.keys.users.get(demoted.id)!.role = 'USER';
    const firing = alert('firing');
    const resolved = alert('resolved', firing.ruleId);

    // Act
    await appendEvent(events, 'events:alerts', 'alert.firing', firing);
    await appendEvent(events, 'events:alerts', 'alert.resolved', resolved);

    // Assert
    await expect.poll(() => receiver.at(adminEp.path).length, { timeout: 10_000 }).toBe(2);
    expect(bodies(adminEp).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'alert.firing', timestamp: firing.startedAt, data: firing },
      { type: 'alert.resolved', timestamp: resolved.resolvedAt, data: resolved },
    ]);
    expect(receiver.at(demotedEp.path)).toHaveLength(0);
  });

  it('refuses alert subscriptions on a USER endpoint as FORBIDDEN', async () => {
    const user = await app.someone();

    const res = await app.gql(
      CREATE,
      { input: { url: receiver.url('/nope'), eventTypes: ['task.failed', 'alert.firing'] } },
      user.token,
    );

    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(res.errors?.[0].message).toMatch(/alert\.firing/);
  });
});
