import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import fixture from './fixtures/v6-tasks.json' with { type: 'json' };
import { type Harness, startTasks, TASK_FIELDS } from './setup.js';

const TASK = `query ($id: ID!) { task(id: $id) { ${TASK_FIELDS} schedule nextRunAt createdBy { id } } }`;
const CREATE = 'mutation ($i: CreateTaskInput!) { createTask(input: $i) { id status } }';

describe('tasks on a database MikroORM 6 made', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let h: Harness;
  let alice: string;
  beforeAll(async () => {
    db = await createTestDatabase('tasks_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-tasks.sql', import.meta.url));
    before = await executedMigrations(db.url, 'tasks');
    h = await startTasks({ DATABASE_URL: db.url });
    h.identity.set(fixture.aliceId, { role: 'USER' });
    alice = await h.tokens.sign(fixture.aliceId, 'USER');
  });
  afterAll(async () => {
    await h?.stop();
    await db.drop();
  });

  it('boots without running a migration again, applying only those added since', async () => {
    const names = migrations.map((m) => m.name);
    expect(before.map((m) => m.name)).toEqual(names.slice(0, before.length));
    const after = await executedMigrations(db.url, 'tasks');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((m) => m.name)).toEqual(names);
  });

  it('gives the existing system persona the backup and Base44 sync capabilities', async () => {
    const [system] = await h.api.sql.query<{ capabilities: string[] }>(
      `select capabilities from agent_personas where name = 'system'`,
    );
    expect(system.capabilities).toEqual(
      expect.arrayContaining(['noop', 'backup', 'backup_verify', 'base44_sync_user']),
    );
  });

  it('serves the finished run and the schedule 6.x stored', async () => {
    const done = await h.gql(TASK, { id: fixture.completedTaskId }, alice);
    expect(done.errors).toBeUndefined();
    expect(done.data?.task).toMatchObject({
      type: 'noop',
      agent: 'system',
      status: 'SUCCEEDED',
      progress: 100,
      input: { sleepMs: 0 },
      result: { ok: true, echo: null },
      attempts: 1,
      maxAttempts: 3,
      createdBy: { id: fixture.aliceId },
      createdAt: '2026-12-02T06:10:58.792Z',
      completedAt: '2026-12-02T06:10:59.254Z',
    });
    const cron = await h.gql<{ task: { nextRunAt: string } }>(TASK, { id: fixture.scheduledTaskId }, alice);
    expect(cron.data?.task).toMatchObject({ status: 'PENDING', schedule: '0 9 * * 1-5' });
    expect(new Date(cron.data!.task.nextRunAt).getUTCHours()).toBe(9);
  });

  it('still finds the idempotency key of a 6.x task', async () => {
    const again = await h.gql(
      CREATE,
      { i: { agent: 'system', type: 'noop', idempotencyKey: 'fixture-1' } },
      alice,
    );
    expect(again.data).toEqual({ createTask: { id: fixture.completedTaskId, status: 'SUCCEEDED' } });
  });
});
