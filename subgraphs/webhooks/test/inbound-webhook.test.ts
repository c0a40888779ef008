import { randomUUID } from 'node:crypto';
import { createRedis } from '@trae/kit';
import { gatewayHeaders, testRedisUrl } from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_RECEIVED, type WebhookReceivedEvent } from '../src/modules/inbound-webhook/events.js';
import { bootWebhooks, INTERNAL_SECRET } from './support/boot.js';
import { startFakeTasks } from './support/fake-tasks.js';
import { plainSignature, standardHeaders } from './support/signing.js';

const CREATE = `mutation ($input: CreateWebhookSourceInput!) {
  createWebhookSource(input: $input) { secret source { id } }
}`;
const ROTATE = 'mutation ($id: ID!) { rotateWebhookSourceSecret(id: $id) { secret } }';
const DELIVERIES = `query ($sourceId: ID!) {
  webhookDeliveries(sourceId: $sourceId) { totalCount edges { node { id webhookId payload status taskId } } }
}`;
const REPLAY = 'mutation ($id: ID!) { replayInboundWebhook(id: $id) { id status taskId } }';
const MAX_BYTES = 4096;

let app: Awaited<ReturnType<typeof bootWebhooks>>;
let tasks: Awaited<ReturnType<typeof startFakeTasks>>;
let admin: { id: string; token: string };

beforeAll(async () => {
  tasks = await startFakeTasks();
  app = await bootWebhooks({ TASKS_URL: tasks.url, WEBHOOK_MAX_BYTES: String(MAX_BYTES) });
  admin = await app.someone('ADMIN');
});

afterAll(async () => {
  await app?.close();
  await tasks?.close();
});

type Created = { createWebhookSource: { secret: string; source: { id: string } } };

async function source(input: Record<string, unknown>) {
  const res = await app.gql<Created>(CREATE, { input: { name: 'source', ...input } }, admin.token);
  return { id: res.data!.createWebhookSource.source.id, secret: res.data!.createWebhookSource.secret };
}
const taskSource = () => source({ action: 'CREATE_TASK', agent: 'research', taskType: 'web_research' });

function post(sourceId: string, body: string, headers: Record<string, string>) {
  return request(app.service.app)
    .post(`/webhooks/${sourceId}`)
    .set(gatewayHeaders(INTERNAL_SECRET))
    .set('content-type', 'application/json')
    .set(headers)
    .send(body);
}

describe('inbound webhooks', () => {
  it('creates a task of the source as its creator, once for a webhook sent twice', async () => {
    // Arrange
    const src = await taskSource();
    const body = JSON.stringify({ query: 'federation' });
    const headers = standardHeaders(src.secret, body);
    const before = tasks.calls.length;

    // Act
    const first = await post(src.id, body, headers);
    const again = await post(src.id, body, headers);

    // Assert
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'DONE', taskId: expect.any(String) });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'webhook-id' });
    expect(tasks.calls.slice(before)).toEqual([
      {
        userId: admin.id,
        task: {
          agent: 'research',
          type: 'web_research',
          input: { query: 'federation' },
          idempotencyKey: `webhook:${first.body.id}`,
        },
      },
    ]);
  });

  it('refuses a bad signature and a stale one with 401', async () => {
    const src = await taskSource();
    const body = '{"query":"x"}';
    const forged = standardHeaders(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, body);
    const stale = standardHeaders(src.secret, body, new Date(Date.now() - 6 * 60_000));
    const before = tasks.calls.length;

    const bad = await post(src.id, body, forged);
    const old = await post(src.id, body, stale);
    const tampered = await post(src.id, '{"query":"y"}', standardHeaders(src.secret, body));

    for (const res of [bad, old, tampered]) {
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(old.body.errors[0].message).toMatch(/too old/);
    expect(tasks.calls.length).toBe(before);
  });

  it('answers 404 for an unknown source and 413 for a body over WEBHOOK_MAX_BYTES', async () => {
    const src = await taskSource();
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BYTES) });

    const unknown = await post(randomUUID(), '{}', standardHeaders(src.secret, '{}'));
    const oversized = await post(src.id, big, standardHeaders(src.secret, big));

    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(oversized.status).toBe(413);
    expect(oversized.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('accepts the old and the new secret during a rotation, and not the one before', async () => {
    // Arrange
    const src = await taskSource();
    const rotate = async () =>
      (await app.gql<{ rotateWebhookSourceSecret: { secret: string } }>(ROTATE, { id: src.id }, admin.token))
        .data!.rotateWebhookSourceSecret.secret;
    const second = await rotate();
    const send = (secret: string) => post(src.id, '{"n":1}', standardHeaders(secret, '{"n":1}'));

    // Act
    const withFirst = await send(src.secret);
    const withSecond = await send(second);
    const third = await rotate();
    const firstAfter = await send(src.secret);
    const secondAfter = await send(second);
    const withThird = await send(third);

    // Assert
    expect([
      withFirst.status,
      withSecond.status,
      firstAfter.status,
      secondAfter.status,
      withThird.status,
    ]).toEqual([202, 202, 401, 202, 202]);
  });

  it("verifies the seed's X-Signature for sources configured so, and refuses the same body twice", async () => {
    const src = await source({
      action: 'CREATE_TASK',
      agent: 'research',
      taskType: 'web_research',
      signature: 'X_SIGNATURE',
    });
    const body = '{"query":"plain"}';

    const good = await post(src.id, body, { 'x-signature': `sha256=${plainSignature(src.secret, body)}` });
    const again = await post(src.id, body, { 'x-signature': plainSignature(src.secret, body) });
    const bad = await post(src.id, '{"query":"other"}', { 'x-signature': plainSignature(src.secret, body) });

    expect(good.status).toBe(202);
    expect(again.status).toBe(409);
    expect(bad.status).toBe(401);
  });

  it('keeps the payload for inspection, and a replay finds the task made the first time', async () => {
    // Arrange
    const src = await taskSource();
    const body = JSON.stringify({ query: 'replay me' });
    const sent = await post(src.id, body, standardHeaders(src.secret, body));
    const created = tasks.created();

    // Act
    const list = await app.gql<{
      webhookDeliveries: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    }>(DELIVERIES, { sourceId: src.id }, admin.token);
    const replayed = await app.gql<{ replayInboundWebhook: { taskId: string } }>(
      REPLAY,
      { id: sent.body.id },
      admin.token,
    );

    // Assert
    expect(list.data?.webhookDeliveries.totalCount).toBe(1);
    expect(list.data?.webhookDeliveries.edges[0].node).toMatchObject({
      id: sent.body.id,
      payload: { query: 'replay me' },
      status: 'DONE',
      taskId: sent.body.taskId,
    });
    expect(replayed.data?.replayInboundWebhook.taskId).toBe(sent.body.taskId);
    expect(tasks.created()).toBe(created);
  });

  it('lets the sender retry a webhook whose task could not be created', async () => {
    const src = await taskSource();
    const body = '{"query":"retry"}';
    const headers = standardHeaders(src.secret, body);

    tasks.state.down = true;
    const failed = await post(src.id, body, headers);
    tasks.state.down = false;
    const retried = await post(src.id, body, headers);

    expect(failed.status).toBe(503);
    expect(failed.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(retried.status).toBe(202);
  });

  it('emits EMIT_EVENT webhooks on the event bus', async () => {
    // Arrange
    const src = await source({ action: 'EMIT_EVENT' });
    const listener = createRedis(testRedisUrl(), '');
    await listener.subscribe(`${app.prefix}${WEBHOOK_RECEIVED}`);
    const message = new Promise<string>((resolve) =>
      listener.once('message', (_channel, text) => resolve(text)),
    );
    const body = '{"kind":"deploy"}';

    // Act
    const res = await post(src.id, body, standardHeaders(src.secret, body));
    const event = JSON.parse(await message) as WebhookReceivedEvent;
    await listener.quit();

    // Assert
    expect(res.status).toBe(202);
    expect(event).toMatchObject({ id: res.body.id, sourceId: src.id, body });
  });

  it('limits verified webhooks per source to WEBHOOK_RATE_LIMIT_PER_MINUTE: 429 RATE_LIMITED with Retry-After', async () => {
    // Arrange
    const limited = await bootWebhooks({ WEBHOOK_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const owner = await limited.someone('ADMIN');
      const make = async (name: string) => {
        const res = await limited.gql<Created>(
          CREATE,
          { input: { name, action: 'EMIT_EVENT' } },
          owner.token,
        );
        return res.data!.createWebhookSource;
      };
      const [busy, quiet] = [await make('busy'), await make('quiet')];
      const send = (src: typeof busy, body: string, headers = standardHeaders(src.secret, body)) =>
        request(limited.service.app)
          .post(`/webhooks/${src.source.id}`)
          .set(gatewayHeaders(INTERNAL_SECRET))
          .set(headers)
          .send(body);

      // Act
      const forged = await send(
        busy,
        '{"n":0}',
        standardHeaders('whsec_Zm9yZ2VkLXNlY3JldC1mb3JnZWQtc2VjcmV0', '{}'),
      );
      const statuses = [];
      for (const n of [1, 2, 3]) statuses.push((await send(busy, `{"n":${n}}`)).status);
      const overHeaders = standardHeaders(busy.secret, '{"n":4}');
      const over = await send(busy, '{"n":4}', overHeaders);
      // The same webhook-id again: refused for the limit still, not as a replay (its claim was given back).
      const overAgain = await send(busy, '{"n":4}', overHeaders);
      const other = await send(quiet, '{"n":1}');

      // Assert
      expect(forged.status).toBe(401);
      expect(statuses).toEqual([202, 202, 429]);
      expect(over.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(overAgain.status).toBe(429);
      expect(other.status).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('refuses callers that did not come through the gateway', async () => {
    const src = await taskSource();

    const res = await request(app.service.app).post(`/webhooks/${src.id}`).send('{}');

    expect(res.status).toBe(403);
  });
});
