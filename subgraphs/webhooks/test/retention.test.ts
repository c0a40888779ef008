import { gatewayHeaders } from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks, INTERNAL_SECRET } from './support/boot.js';
import { startReceiver } from './support/receiver.js';
import { standardHeaders } from './support/signing.js';

const SOURCE = `mutation ($input: CreateWebhookSourceInput!) {
  createWebhookSource(input: $input) { secret source { id } }
}`;
const DELIVERIES = `query ($sourceId: ID!) {
  webhookDeliveries(sourceId: $sourceId) { totalCount edges { node { payload } } }
}`;
const ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id } }
}`;
const TEST = 'mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { queued } }';
const ATTEMPTS = 'query ($id: ID!) { webhookEndpointAttempts(endpointId: $id) { totalCount } }';
const DAY = 24 * 3_600_000;

let app: Awaited<ReturnType<typeof bootWebhooks>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await bootWebhooks({
    WEBHOOK_KEEP_PER_SOURCE: '2',
    WEBHOOK_KEEP_PER_ENDPOINT: '2',
    WEBHOOK_LOG_RETENTION_DAYS: '30',
    WEBHOOK_RETENTION_INTERVAL_MS: '200',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });
});

afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

type Deliveries = { webhookDeliveries: { totalCount: number; edges: { node: { payload: unknown } }[] } };

describe('webhook log retention', () => {
  it('the periodic job keeps the newest WEBHOOK_KEEP_PER_SOURCE webhooks of a source, and ages out the rest', async () => {
    // Arrange
    const admin = await app.someone('ADMIN');
    const created = await app.gql<{ createWebhookSource: { secret: string; source: { id: string } } }>(
      SOURCE,
      { input: { name: 'few', action: 'EMIT_EVENT' } },
      admin.token,
    );
    const { secret, source } = created.data!.createWebhookSource;

    // Act
    for (const n of [1, 2, 3]) {
      const body = `{"n":${n}}`;
      const res = await request(app.service.app)
        .post(`/webhooks/${source.id}`)
        .set(gatewayHeaders(INTERNAL_SECRET))
        .set(standardHeaders(secret, body))
        .send(body);
      expect(res.status).toBe(202);
    }
    const list = () => app.gql<Deliveries>(DELIVERIES, { sourceId: source.id }, admin.token);

    // Assert
    await expect
      .poll(async () => (await list()).data?.webhookDeliveries.totalCount, { timeout: 10_000 })
      .toBe(2);
    expect((await list()).data?.webhookDeliveries.edges.map((e) => e.node.payload)).toEqual([
      { n: 3 },
      { n: 2 },
    ]);
    const deleted = await app.service.retention.run(Date.now() + 31 * DAY);
    expect(deleted.inbound_webhooks).toBeGreaterThanOrEqual(2);
    expect((await list()).data?.webhookDeliveries.totalCount).toBe(0);
  });

  it('keeps the newest WEBHOOK_KEEP_PER_ENDPOINT attempts of an endpoint, and ages out the rest', async () => {
    // Arrange
    const owner = await app.someone();
    const created = await app.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      ENDPOINT,
      { input: { url: receiver.url('/kept'), eventTypes: ['task.completed'] } },
      owner.token,
    );
    const { id } = created.data!.createWebhookEndpoint.endpoint;
    const attempts = async () =>
      (await app.gql<{ webhookEndpointAttempts: { totalCount: number } }>(ATTEMPTS, { id }, owner.token)).data
        ?.webhookEndpointAttempts.totalCount;

    // Act
    for (let i = 0; i < 3; i++) await app.gql(TEST, { id }, owner.token);
    await expect.poll(() => receiver.at('/kept').length, { timeout: 10_000 }).toBe(3);

    // Assert
    await expect.poll(attempts, { timeout: 10_000 }).toBe(2);
    await app.service.retention.run(Date.now() + 31 * DAY);
    expect(await attempts()).toBe(0);
  });

  it('leaves what is within both limits alone', async () => {
    const deleted = await app.service.retention.run();

    expect(deleted).toEqual({ inbound_webhooks: 0, webhook_attempts: 0 });
  });
});
