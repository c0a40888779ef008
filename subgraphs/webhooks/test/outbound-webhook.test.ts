import { randomUUID } from 'node:crypto';
import { appendEvent, createRedis, type Redis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/modules/webhook-endpoint/delivery.js';
import { bootWebhooks } from './support/boot.js';
import { startReceiver } from './support/receiver.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id status eventTypes } }
}`;
const ENDPOINTS = '{ webhookEndpoints { edges { node { id status disabledReason } } } }';
const ATTEMPTS = `query ($id: ID!) {
  webhookEndpointAttempts(endpointId: $id) {
    totalCount edges { node { messageId eventType attempt statusCode latencyMs responseExcerpt error } }
  }
}`;

type Boot = Awaited<ReturnType<typeof bootWebhooks>>;
type Attempt = {
  messageId: string;
  eventType: string;
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
};

let app: Boot;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let events: Redis;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await bootWebhooks({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_DELIVERY_ATTEMPTS: '3',
  });
  events = createRedis(testRedisUrl(), app.prefix);
});

afterAll(async () => {
  events?.disconnect();
  await app?.close();
  await receiver?.close();
});

/** What the tasks service appends when a task ends. */
const finished = (type: 'task.completed' | 'task.failed', createdBy: string, redis = events) =>
  appendEvent(redis, 'events:tasks', type, {
    taskId: randomUUID(),
    agent: 'research',
    type: 'web_research',
    status: type === 'task.completed' ? 'SUCCEEDED' : 'FAILED',
    channelId: null,
    createdBy,
    result: { ok: true },
    error: null,
    completedAt: new Date().toISOString(),
  });

async function endpoint(on: Boot, token: string, path: string, eventTypes = ['task.completed']) {
  const res = await on.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
    CREATE,
    { input: { url: receiver.url(path), eventTypes } },
    token,
  );
  return { id: res.data!.createWebhookEndpoint.endpoint.id, secret: res.data!.createWebhookEndpoint.secret };
}

const attempts = async (on: Boot, token: string, id: string) =>
  (
    await on.gql<{ webhookEndpointAttempts: { edges: { node: Attempt }[] } }>(ATTEMPTS, { id }, token)
  ).data!.webhookEndpointAttempts.edges.map((e) => e.node);

describe('outbound webhooks', () => {
  it("sends the owner's subscribed events, signed per Standard Webhooks, and logs the attempt", async () => {
    // Arrange
    const owner = await app.someone();
    const path = `/${randomUUID()}`;
    const ep = await endpoint(app, owner.token, path);

    // Act
    await finished('task.failed', owner.id);
    await finished('task.completed', (await app.someone()).id);
    await finished('task.completed', owner.id);

    // Assert
    await expect.poll(() => receiver.at(path).length, { timeout: 10_000 }).toBe(1);
    const [got] = receiver.at(path);
    const verified = new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: 'task.completed', data: { createdBy: owner.id } });
    await expect.poll(async () => (await attempts(app, owner.token, ep.id)).length).toBe(1);
    expect((await attempts(app, owner.token, ep.id))[0]).toMatchObject({
      messageId: got.headers['webhook-id'],
      eventType: 'task.completed',
      attempt: 1,
      statusCode: 200,
      responseExcerpt: 'answered 200',
      error: null,
    });
  });

  it('retries a failed delivery with the same webhook-id until the receiver takes it', async () => {
    const owner = await app.someone();
    const path = `/${randomUUID()}`;
    const ep = await endpoint(app, owner.token, path);
    receiver.statuses.push(500, 503);

    await finished('task.completed', owner.id);

    await expect.poll(() => receiver.at(path).length, { timeout: 10_000 }).toBe(3);
    const ids = new Set(receiver.at(path).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    await expect
      .poll(async () => (await attempts(app, owner.token, ep.id)).map((a) => [a.attempt, a.statusCode]))
      .toEqual([
        [3, 200],
        [2, 503],
        [1, 500],
      ]);
  });

  it('disables an endpoint that answers 410 Gone, and sends it nothing more', async () => {
    const owner = await app.someone();
    const path = `/${randomUUID()}`;
    await endpoint(app, owner.token, path);
    receiver.statuses.push(410);

    await finished('task.completed', owner.id);
    await expect
      .poll(
        async () =>
          (
            await app.gql<{ webhookEndpoints: { edges: { node: { status: string } }[] } }>(
              ENDPOINTS,
              {},
              owner.token,
            )
          ).data?.webhookEndpoints.edges[0].node.status,
        { timeout: 10_000 },
      )
      .toBe('DISABLED');
    await finished('task.completed', owner.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(receiver.at(path).length).toBe(1);
  });

  it('refuses a private receiver unless the deployment allows private networks', async () => {
    const guarded = await bootWebhooks({ WEBHOOK_RETRY_BASE_MS: '10', WEBHOOK_DELIVERY_ATTEMPTS: '1' });
    const redis = createRedis(testRedisUrl(), guarded.prefix);
    try {
      const owner = await guarded.someone();
      const path = `/${randomUUID()}`;
      const ep = await endpoint(guarded, owner.token, path);

      await finished('task.completed', owner.id, redis);

      await expect
        .poll(async () => (await attempts(guarded, owner.token, ep.id))[0]?.error, { timeout: 10_000 })
        .toMatch(/not a public address/);
      expect(receiver.at(path).length).toBe(0);
    } finally {
      redis.disconnect();
      await guarded.close();
    }
  });

  it.each([
    [{ url: 'ftp://example.com/hook', eventTypes: ['task.completed'] }, 'input.url'],
    [{ url: 'https://example.com/hook', eventTypes: [] }, 'input.eventTypes'],
    [{ url: 'https://example.com/hook', eventTypes: ['task.exploded'] }, 'input.eventTypes.0'],
  ])('refuses %j as BAD_USER_INPUT naming %s', async (input, field) => {
    const owner = await app.someone();

    const res = await app.gql(CREATE, { input }, owner.token);

    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it("shows an endpoint's delivery log to its owner only", async () => {
    const owner = await app.someone();
    const ep = await endpoint(app, owner.token, '/private');

    const theirs = await app.gql(ATTEMPTS, { id: ep.id }, (await app.someone()).token);

    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('lets the owner read, pause, resume and delete an endpoint; others get nothing', async () => {
    const owner = await app.someone();
    const path = `/${randomUUID()}`;
    const ep = await endpoint(app, owner.token, path);
    const other = await app.someone();
    const READ = 'query ($id: ID!) { webhookEndpoint(id: $id) { id status disabledReason } }';
    const PAUSE = `mutation ($id: ID!, $d: Boolean!) {
      setWebhookEndpointDisabled(id: $id, disabled: $d) { status disabledReason }
    }`;
    const DELETE = 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }';

    const hidden = await app.gql(READ, { id: ep.id }, other.token);
    const foreignPause = await app.gql(PAUSE, { id: ep.id, d: true }, other.token);
    const paused = await app.gql(PAUSE, { id: ep.id, d: true }, owner.token);
    await finished('task.completed', owner.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const resumed = await app.gql(PAUSE, { id: ep.id, d: false }, owner.token);
    const types = await app.gql<{ webhookEventTypes: string[] }>('{ webhookEventTypes }', {}, owner.token);
    const foreignDelete = await app.gql(DELETE, { id: ep.id }, other.token);
    const deleted = await app.gql(DELETE, { id: ep.id }, owner.token);
    const after = await app.gql(READ, { id: ep.id }, owner.token);

    expect(hidden).toMatchObject({ data: { webhookEndpoint: null } });
    expect(foreignPause.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(paused.data).toEqual({
      setWebhookEndpointDisabled: { status: 'DISABLED', disabledReason: 'disabled by hand' },
    });
    expect(receiver.at(path).length).toBe(0);
    expect(resumed.data).toEqual({ setWebhookEndpointDisabled: { status: 'ACTIVE', disabledReason: null } });
    // Platform-wide alerts are for ADMIN endpoints only, so a user's form does not offer them.
    expect(types.data?.webhookEventTypes).toEqual([
      'task.completed',
      'task.failed',
      'content.published',
      'file.ready',
    ]);
    expect(foreignDelete.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(deleted.data).toEqual({ deleteWebhookEndpoint: true });
    expect(after).toMatchObject({ data: { webhookEndpoint: null } });
  });

  it('spaces retries 4x apart with +-20% jitter, capped at 10 hours', () => {
    expect(retryDelayMs(1, 5_000, 0.5)).toBe(5_000);
    expect(retryDelayMs(2, 5_000, 0.5)).toBe(20_000);
    expect(retryDelayMs(3, 5_000, 0)).toBe(64_000);
    expect(retryDelayMs(3, 5_000, 1)).toBe(96_000);
    expect(retryDelayMs(20, 5_000, 0.5)).toBe(36_000_000);
  });
});
