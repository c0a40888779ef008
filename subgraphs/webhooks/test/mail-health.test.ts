import { randomUUID } from 'node:crypto';
import { smtpServer } from '@trae/kit/testing/smtp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWebhooks } from './support/boot.js';
import { startReceiver } from './support/receiver.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id } }
}`;
const TEST = `mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { queued } }`;
const SMTP_OK = /^integration_requests_total\{[^}]*integration="smtp"[^}]*outcome="ok"[^}]*\} (\d+)/m;

describe('webhooks: the notice mail server reports as an outside service, as identity’s does', () => {
  let app: Awaited<ReturnType<typeof bootWebhooks>>;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    smtp = await smtpServer();
    receiver = await startReceiver();
    app = await bootWebhooks({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Platform <ops@example.com>',
    });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it('counts a notice in the smtp integration series, and shows smtp at /health/external', async () => {
    // Arrange: an endpoint whose receiver answers 410 Gone, which disables it and mails its owner.
    const owner = await app.someone();
    const path = `/${randomUUID()}`;
    receiver.statusesAt.set(path, [410]);
    const created = await app.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      CREATE,
      { input: { url: receiver.url(path), eventTypes: ['task.completed'] } },
      owner.token,
    );
    const id = created.data!.createWebhookEndpoint.endpoint.id;
    const up = await request(app.service.app).get('/health/external');
    expect(up.status).toBe(200);
    expect(up.body.checks.smtp).toMatchObject({ status: 'up' });

    // Act
    expect((await app.gql(TEST, { id }, owner.token)).errors).toBeUndefined();

    // Assert: the mail arrived, and its send is counted as the smtp integration (Base44's and S3's series).
    const email = app.keys.users.get(owner.id)!.email;
    await expect
      .poll(() => smtp.received.some((m) => m.envelopeTo.includes(email)), { timeout: 10_000 })
      .toBe(true);
    const metrics = (await request(app.service.app).get('/metrics')).text;
    expect(Number(SMTP_OK.exec(metrics)?.[1])).toBe(1);

    await smtp.close();
    const down = await request(app.service.app).get('/health/external');
    expect(down.status).toBe(200);
    expect(down.body.checks.smtp).toMatchObject({ status: 'down' });
    expect(down.body.checks.smtp.error).toMatch(/smtp service is unavailable \(unreachable\)/);
    expect(down.body.checks.smtp.error).not.toContain(String(smtp.port));
    // An outside service being down never takes webhooks out of rotation.
    expect((await request(app.service.app).get('/ready')).status).toBe(200);
  });

  it('has no smtp check when notices are off', async () => {
    const quiet = await bootWebhooks({ WEBHOOK_NOTICE_EMAIL: 'false' });
    try {
      const res = await request(quiet.service.app).get('/health/external');
      expect(res.body.checks?.smtp).toBeUndefined();
    } finally {
      await quiet.close();
    }
  });
});
