import { randomUUID } from 'node:crypto';
import { appendEvent, createRedis, type Redis } from '@trae/kit';
import { gatewayWebSocket, testRedisUrl } from '@trae/kit/testing';
import { smtpServer } from '@trae/kit/testing/smtp';
import { type Client, createClient } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks, INTERNAL_SECRET } from './support/boot.js';
import { startReceiver } from './support/receiver.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id } }
}`;
const ENDPOINTS = `{ webhookEndpoints { edges { node {
  id status disabledReason disabledAt consecutiveFailures
} } } }`;
const ATTEMPTS = `query ($id: ID!) {
  webhookEndpointAttempts(endpointId: $id) { edges { node { id messageId eventType statusCode body } } }
}`;
const TEST = `mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { messageId endpointId eventType queued } }`;
const REDELIVER = `mutation ($id: ID!) { redeliverWebhook(id: $id) { messageId eventType queued } }`;
const ENABLE = `mutation ($id: ID!) { setWebhookEndpointDisabled(id: $id, disabled: false) { status disabledReason disabledAt consecutiveFailures } }`;

type Endpoint = {
  id: string;
  status: string;
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
};
type Attempt = { id: string; messageId: string; eventType: string; statusCode: number; body: string };
type Queued = { messageId: string; endpointId: string; eventType: string; queued: boolean };

let app: Awaited<ReturnType<typeof bootWebhooks>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
let events: Redis;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = await smtpServer();
  app = await bootWebhooks({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // Long enough for a retry to still be pending when the test asks for a redelivery.
    WEBHOOK_RETRY_BASE_MS: '400',
    WEBHOOK_DELIVERY_ATTEMPTS: '2',
    WEBHOOK_DISABLE_AFTER_FAILURES: '2',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Platform <ops@example.com>',
  });
  events = createRedis(testRedisUrl(), app.prefix);
  wsUrl = `ws://127.0.0.1:${await app.service.listen(0)}/graphql`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  events?.disconnect();
  await app?.close();
  await receiver?.close();
  await smtp?.close();
});

async function endpoint(token: string) {
  const path = `/${randomUUID()}`;
  const res = await app.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
    CREATE,
    { input: { url: receiver.url(path), eventTypes: ['task.completed'] } },
    token,
  );
  const { secret, endpoint: ep } = res.data!.createWebhookEndpoint;
  return { path, secret, id: ep.id };
}

const attempts = async (token: string, id: string) =>
  (
    await app.gql<{ webhookEndpointAttempts: { edges: { node: Attempt }[] } }>(ATTEMPTS, { id }, token)
  ).data!.webhookEndpointAttempts.edges.map((e) => e.node);

const state = async (token: string, id: string) =>
  (await app.gql<{ webhookEndpoints: { edges: { node: Endpoint }[] } }>(ENDPOINTS, {}, token))
    .data!.webhookEndpoints.edges.map((e) => e.node)
    .find((e) => e.id === id)!;

/** `webhookEndpointDisabled` for `token`, resolved once the server holds the subscription. */
async function disabledNotices(token: string) {
  const got: { id: string; status: string; disabledReason: string }[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: gatewayWebSocket(INTERNAL_SECRET),
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  const channel = `${app.prefix}webhook-endpoint.disabled`;
  const subscribers = async () => Number(((await events.pubsub('NUMSUB', channel)) as [string, number])[1]);
  const before = await subscribers();
  client.subscribe(
    { query: 'subscription { webhookEndpointDisabled { id status disabledReason } }' },
    {
      next: (v) =>
        void got.push((v.data as { webhookEndpointDisabled: (typeof got)[0] }).webhookEndpointDisabled),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  // The topic's Redis subscription is shared: wait for the first one, else for a moment.
  if (before === 0) await expect.poll(subscribers, { timeout: 5_000 }).toBeGreaterThan(0);
  else await new Promise((resolve) => setTimeout(resolve, 300));
  return got;
}

const finished = (createdBy: string) =>
  appendEvent(events, 'events:tasks', 'task.completed', {
    taskId: randomUUID(),
    createdBy,
    completedAt: new Date().toISOString(),
  });

describe('test events, redelivery and disabling', () => {
  it('sendTestWebhook queues a signed webhook.test now, for the owner and ADMIN only', async () => {
    // Arrange
    const owner = await app.someone();
    const ep = await endpoint(owner.token);

    // Act
    const res = await app.gql<{ sendTestWebhook: Queued }>(TEST, { id: ep.id }, owner.token);
    const theirs = await app.gql(TEST, { id: ep.id }, (await app.someone()).token);
    const admins = await app.gql<{ sendTestWebhook: Queued }>(
      TEST,
      { id: ep.id },
      (await app.someone('ADMIN')).token,
    );

    // Assert
    expect(res.data!.sendTestWebhook).toMatchObject({
      endpointId: ep.id,
      eventType: 'webhook.test',
      queued: true,
    });
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(admins.data!.sendTestWebhook.queued).toBe(true);
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(2);
    const got = receiver
      .at(ep.path)
      .find((r) => r.headers['webhook-id'] === res.data!.sendTestWebhook.messageId)!;
    const body = new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>);
    expect(body).toMatchObject({ type: 'webhook.test', data: { endpointId: ep.id, requestedBy: owner.id } });
  });

  it('redeliverWebhook sends a logged delivery again with the same webhook-id and body, not while it is still retried', async () => {
    // Arrange: the first try fails, so its retry is pending for a while.
    const owner = await app.someone();
    const ep = await endpoint(owner.token);
    receiver.statusesAt.set(ep.path, [500]);
    await finished(owner.id);
    await expect.poll(async () => (await attempts(owner.token, ep.id)).length, { timeout: 10_000 }).toBe(1);
    const [failed] = await attempts(owner.token, ep.id);

    // Act
    const during = await app.gql<{ redeliverWebhook: Queued }>(
      REDELIVER,
      { id: failed.messageId },
      owner.token,
    );
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await attempts(owner.token, ep.id)).length, { timeout: 10_000 }).toBe(2);
    const after = await app.gql<{ redeliverWebhook: Queued }>(REDELIVER, { id: failed.id }, owner.token);
    const theirs = await app.gql(REDELIVER, { id: failed.id }, (await app.someone()).token);

    // Assert
    expect(during.data!.redeliverWebhook).toEqual({
      messageId: failed.messageId,
      eventType: 'task.completed',
      queued: false,
    });
    expect(after.data!.redeliverWebhook.queued).toBe(true);
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(3);
    const sent = receiver.at(ep.path);
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed.messageId]));
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(sent[0].body).toBe(failed.body);
  });

  it('disables an endpoint after deliveries fail all their tries too often in a row, mails its owner, and enables it again', async () => {
    // Arrange
    const owner = await app.someone();
    const ep = await endpoint(owner.token);
    const failing = receiver.statusesAt;
    const stranger = await app.someone();
    const toStranger = await disabledNotices(stranger.token);
    const toOwner = await disabledNotices(owner.token);

    // Act: fail, succeed (resets), fail, fail.
    failing.set(ep.path, [500, 500]);
    await finished(owner.id);
    await expect
      .poll(async () => (await state(owner.token, ep.id)).consecutiveFailures, { timeout: 10_000 })
      .toBe(1);
    await finished(owner.id);
    await expect
      .poll(async () => (await state(owner.token, ep.id)).consecutiveFailures, { timeout: 10_000 })
      .toBe(0);
    failing.set(ep.path, [500, 500, 500, 500]);
    await finished(owner.id);
    await finished(owner.id);

    // Assert
    await expect
      .poll(async () => (await state(owner.token, ep.id)).status, { timeout: 10_000 })
      .toBe('DISABLED');
    const disabled = await state(owner.token, ep.id);
    expect(disabled).toMatchObject({
      consecutiveFailures: 2,
      disabledReason: '2 deliveries in a row failed after all their retries',
    });
    expect(Date.parse(disabled.disabledAt!)).toBeGreaterThan(Date.now() - 60_000);
    const email = app.keys.users.get(owner.id)!.email;
    await expect
      .poll(() => smtp.received.filter((m) => m.envelopeTo.includes(email)).length, { timeout: 10_000 })
      .toBe(1);
    const [notice] = smtp.received.filter((m) => m.envelopeTo.includes(email));
    expect(notice.mail.subject).toBe('Your webhook endpoint was disabled');
    expect(notice.mail.text).toContain(receiver.url(ep.path));
    expect(notice.mail.text).not.toContain(ep.secret);
    await expect.poll(() => toOwner.length, { timeout: 5_000 }).toBe(1);
    expect(toOwner[0]).toEqual({
      id: ep.id,
      status: 'DISABLED',
      disabledReason: '2 deliveries in a row failed after all their retries',
    });
    expect(toStranger).toEqual([]);
    const refused = await app.gql(TEST, { id: ep.id }, owner.token);
    expect(refused.errors?.[0].extensions.code).toBe('CONFLICT');

    const enabled = await app.gql<{ setWebhookEndpointDisabled: Endpoint }>(
      ENABLE,
      { id: ep.id },
      owner.token,
    );
    expect(enabled.data!.setWebhookEndpointDisabled).toEqual({
      status: 'ACTIVE',
      disabledReason: null,
      disabledAt: null,
      consecutiveFailures: 0,
    });
    const before = receiver.at(ep.path).length;
    await finished(owner.id);
    await expect.poll(() => receiver.at(ep.path).length, { timeout: 10_000 }).toBe(before + 1);
  });

  it('refuses to enable, test or redeliver what the caller does not manage, as NOT_FOUND', async () => {
    const stranger = await app.someone();

    for (const [query, id] of [
      [ENABLE, randomUUID()],
      [TEST, 'not-an-id'],
      [REDELIVER, 'msg_nothing'],
    ] as const) {
      const res = await app.gql(query, { id }, stranger.token);
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
  });
});
