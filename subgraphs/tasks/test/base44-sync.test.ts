import { randomUUID } from 'node:crypto';
import { appendEvent, createRedis, type Redis } from '@trae/kit';
import { type MisbehavingServer, startMisbehavingServer } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_STREAM, SYNC_TYPE, USER_CHANGED } from '../src/modules/base44/user-sync.js';
import { type Harness, startTasks } from './setup.js';

interface SyncRow {
  id: string;
  status: string;
  attempts: number;
  created_by: string | null;
  task_data: { userId: string };
  result: Record<string, unknown> | null;
  error_message: string | null;
}

const APP = '/api/apps/app-1';
const syncPath = (userId: string) => `${APP}/users/${userId}/sync`;

describe('Base44 user sync: identity events become one platform task per pending change', () => {
  let h: Harness;
  let base44: MisbehavingServer;
  let events: Redis;

  const syncs = (userId: string) =>
    h.api.sql.query<SyncRow>(
      `select id, status, attempts, created_by, task_data, result, error_message from task_queue
        where task_type = $1 and task_data->>'userId' = $2 order by created_at`,
      [SYNC_TYPE, userId],
    );
  const changed = (userId: string, change = 'profile') =>
    appendEvent(events, IDENTITY_STREAM, USER_CHANGED, { userId, change, at: new Date().toISOString() });
  /** The tasks group's progress through the stream: the last entry handed out, and how many are unacknowledged. */
  const handled = async () => {
    const [group] = (await events.xinfo('GROUPS', IDENTITY_STREAM)) as (string | number)[][];
    const fields = Object.fromEntries(
      Array.from({ length: group.length / 2 }, (_, i) => [group[2 * i], group[2 * i + 1]]),
    );
    return { delivered: fields['last-delivered-id'], pending: fields.pending };
  };
  const settled = async (userId: string, count = 1) => {
    await expect
      .poll(async () => (await syncs(userId)).filter((t) => /SUCCEEDED|FAILED/.test(t.status)).length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(count);
    return syncs(userId);
  };
  const person = (name: string) => {
    const id = randomUUID();
    h.identity.profiles.set(id, {
      username: name,
      email: `${name}@example.com`,
      displayName: name.toUpperCase(),
    });
    return id;
  };

  beforeAll(async () => {
    base44 = await startMisbehavingServer();
    h = await startTasks({
      BASE44_URL: `${base44.url}${APP}`,
      BASE44_API_KEY: 'b44-secret-key',
      BASE44_TIMEOUT_MS: '1000',
    });
    events = createRedis(h.config.REDIS_URL, h.config.REDIS_PREFIX);
  });
  afterAll(async () => {
    events?.disconnect();
    await h?.stop();
    await base44?.stop();
  });

  it('folds a burst of changes into one pending sync, run by the platform for that user only', async () => {
    const ada = person('ada');
    base44.script(syncPath(ada), { ok: { synced: true } });
    let last = '';
    for (const change of ['created', 'profile', 'email', 'role', 'disabled'])
      last = await changed(ada, change);
    // Every event was handled and acknowledged, yet there is one task: the burst was folded.
    await expect.poll(() => handled(), { timeout: 15_000 }).toEqual({ delivered: last, pending: 0 });
    expect(await syncs(ada)).toMatchObject([
      { status: 'QUEUED', created_by: null, task_data: { userId: ada } },
    ]);

    h.identity.set(ada, { role: 'ADMIN' });
    await h.worker();
    const [done] = await settled(ada);
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { synced: true, userId: ada } });
    const sent = base44.received.filter((r) => r.path === syncPath(ada));
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(sent[0].headers.api_key).toBe('b44-secret-key');
    // The profile as identity has it when the task runs (the role changed after the events), no secrets.
    expect(JSON.parse(sent[0].body)).toEqual({
      user: { id: ada, email: 'ada@example.com', displayName: 'ADA', role: 'ADMIN', disabled: false },
    });

    // A change after the sync started is a new sync.
    await changed(ada);
    const after = await settled(ada, 2);
    expect(after.map((t) => t.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(base44.hits(syncPath(ada))).toBe(2);
  });

  it('is retried by the queue when Base44 keeps failing, then succeeds', async () => {
    const bob = person('bob');
    // Three 500s spend one attempt's retries (the client's own); the queue's second attempt lands.
    base44.script(syncPath(bob), { status: 500 }, { status: 500 }, { status: 500 }, { ok: { synced: true } });
    await changed(bob);
    const [done] = await settled(bob);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(base44.hits(syncPath(bob))).toBe(4);
  });

  it('gives up at once on a 4xx (our request is wrong) and never says the key', async () => {
    const cy = person('cy');
    base44.script(syncPath(cy), { status: 422, body: '{"error":"bad"}' });
    await changed(cy);
    const [done] = await settled(cy);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(done.error_message).toMatch(/base44: POST .*HTTP 422/);
    expect(done.error_message).not.toContain('b44-secret-key');
    expect(done.error_message).not.toContain(base44.url);
  });

  it('records a user who no longer exists as nothing to sync', async () => {
    const gone = randomUUID();
    await changed(gone);
    const [done] = await settled(gone);
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { synced: false, reason: 'user not found' } });
    expect(base44.hits(syncPath(gone))).toBe(0);
  });

  it('cannot be created or aimed at a user through the API, not even by an ADMIN', async () => {
    const admin = await h.tokens.caller('ADMIN');
    const r = await h.gql(
      `mutation ($u: JSON) { createTask(input: { agent: "system", type: "${SYNC_TYPE}", input: $u }) { id } }`,
      { u: { userId: randomUUID() } },
      admin.token,
    );
    expect(r.errors?.[0]).toMatchObject({
      message: `"${SYNC_TYPE}" tasks are started by the platform only`,
      extensions: { code: 'FORBIDDEN' },
    });
  });
});
