import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

const CREATE = `mutation ($i: CreateWebhookSourceInput!) {
  createWebhookSource(input: $i) { secret source { id } }
}`;
const ENDPOINT = `mutation ($i: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $i) { secret endpoint { id } }
}`;
const TASK = 'query ($id: ID!) { task(id: $id) { id agent type status createdBy { username } } }';

describe('e2e inbound webhooks through the gateway', () => {
  let p: Platform;
  let admin: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    p = await bootPlatform('webhooks', { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    admin = await p.login();
  });
  afterAll(async () => {
    await p?.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('a signed webhook at /webhooks/:source creates its task once, as the source’s creator; its end goes out to the creator’s endpoint', async () => {
    // Arrange
    const hook = await p.gql<{ createWebhookEndpoint: { secret: string } }>(
      ENDPOINT,
      {
        i: {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          eventTypes: ['task.completed'],
        },
      },
      admin,
    );
    const created = await p.gql<{ createWebhookSource: { secret: string; source: { id: string } } }>(
      CREATE,
      { i: { name: 'ci', action: 'CREATE_TASK', agent: 'research', taskType: 'content_research' } },
      admin,
    );
    const { secret, source } = created.data!.createWebhookSource;
    const body = JSON.stringify({ texts: ['Heat pumps cut heating bills. Heat pumps move heat.'] });
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const send = () =>
      fetch(`${p.url}/webhooks/${source.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(id, now, body),
        },
        body,
      });

    // Act
    const first = await send();
    const answer = (await first.json()) as { taskId: string };
    const again = await send();

    // Assert
    expect(first.status).toBe(202);
    expect(again.status).toBe(409);
    const task = await p.gql<{ task: { agent: string; type: string; createdBy: { username: string } } }>(
      TASK,
      { id: answer.taskId },
      admin,
    );
    expect(task.data?.task).toMatchObject({
      agent: 'research',
      type: 'content_research',
      createdBy: { username: 'admin' },
    });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const out = new Webhook(hook.data!.createWebhookEndpoint.secret).verify(
      received[0].body,
      received[0].headers as Record<string, string>,
    );
    expect(out).toMatchObject({ type: 'task.completed', data: { taskId: answer.taskId } });
  });

  it('refuses a webhook with a bad signature (401) and one for an unknown source (404)', async () => {
    const body = '{}';
    const headers = {
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': 'v1,AAAA',
    };

    const created = await p.gql<{ createWebhookSource: { source: { id: string } } }>(
      CREATE,
      { i: { name: 'events', action: 'EMIT_EVENT' } },
      admin,
    );
    const sourceId = created.data!.createWebhookSource.source.id;

    const forged = await fetch(`${p.url}/webhooks/${sourceId}`, { method: 'POST', headers, body });
    const unknown = await fetch(`${p.url}/webhooks/${randomUUID()}`, { method: 'POST', headers, body });

    expect(forged.status).toBe(401);
    expect(unknown.status).toBe(404);
    expect(
      ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('NOT_FOUND');
  });
});
