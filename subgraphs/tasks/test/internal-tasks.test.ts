import { randomUUID } from 'node:crypto';
import { internalHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';

const TASK = 'query ($id: ID!) { task(id: $id) { id agent type input } }';

/** `POST /internal/tasks`: the webhooks service creates tasks as a source's creator, authorized as they are now. */
describe('tasks: POST /internal/tasks', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startTasks({ CREATOR_CACHE_MS: '0' });
  });
  afterAll(() => h?.stop());

  const post = (body: unknown, headers = internalHeaders(h.config.INTERNAL_SECRET)) =>
    request(h.api.app)
      .post('/internal/tasks')
      .set(headers)
      .send(body as object);
  const task = (idempotencyKey: string) => ({
    agent: 'research',
    type: 'web_research',
    input: { urls: ['https://example.com/'] },
    idempotencyKey,
  });

  it('creates the task as that user, and the first one again for a repeated idempotency key', async () => {
    // Arrange
    const owner = await h.tokens.caller('USER');
    const key = `webhook:${randomUUID()}`;

    // Act
    const first = await post({ userId: owner.id, task: task(key) });
    const again = await post({ userId: owner.id, task: task(key) });
    const seen = await h.gql<{ task: Record<string, unknown> }>(TASK, { id: first.body.id }, owner.token);

    // Assert
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(seen.data?.task).toMatchObject({
      agent: 'research',
      type: 'web_research',
      input: { urls: ['https://example.com/'] },
    });
  });

  it('refuses a disabled user with FORBIDDEN, and a capability’s bad input with BAD_USER_INPUT', async () => {
    const disabled = await h.tokens.caller('USER');
    h.identity.set(disabled.id, { disabled: true });
    const active = await h.tokens.caller('USER');

    const refused = await post({ userId: disabled.id, task: task(randomUUID()) });
    const bad = await post({
      userId: active.id,
      task: { agent: 'research', type: 'web_research', input: {} },
    });

    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers only callers with the internal secret', async () => {
    const res = await post({ userId: randomUUID(), task: task(randomUUID()) }, {} as Record<string, string>);

    expect(res.status).toBe(403);
  });
});
