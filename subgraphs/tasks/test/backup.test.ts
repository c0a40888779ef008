import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@trae/kit';
import { platformRecoveryConfig } from '@trae/recovery';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_SCHEDULE_TASK_ID } from '../src/modules/schedule/backup-schedule.js';
import { createTasksWorker } from '../src/server.js';
import { type Harness, startTasks, TASK_FIELDS, workerUrl } from './setup.js';
import type { Caller } from './support/tokens.js';

const BACKUPS = `{ backups { id kind status size startedAt duration encrypted verified verifiedAt problems }
  backupOverview { schedule nextRunAt retentionDays encryption lastGood { id } } }`;
const CREATE_BACKUP = `mutation ($i: CreateBackupInput) { createBackup(input: $i) { ${TASK_FIELDS} } }`;
const VERIFY_BACKUP = `mutation ($id: ID!) { verifyBackup(id: $id) { ${TASK_FIELDS} } }`;
const TASK = `query ($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`;

interface TaskView {
  id: string;
  type: string;
  status: string;
  progress: number;
  result: Record<string, unknown> | null;
  error: string | null;
}

interface BackupView {
  id: string;
  status: string;
  size: number;
  verified: boolean | null;
  problems: string[];
}

describe('backups through the graph and on the schedule', () => {
  let h: Harness;
  let admin: Caller;
  let alice: Caller;
  const lines: Record<string, unknown>[] = [];
  let metricsUrl: string;

  const finished = async (id: string) => {
    let task: TaskView | undefined;
    await expect
      .poll(
        async () => {
          task = (await h.gql<{ task: TaskView }>(TASK, { id }, admin.token)).data?.task;
          return task?.status;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toMatch(/SUCCEEDED|FAILED|CANCELLED/);
    return task!;
  };
  const listed = async () =>
    (
      await h.gql<{ backups: BackupView[]; backupOverview: Record<string, unknown> }>(
        BACKUPS,
        {},
        admin.token,
      )
    ).data!;

  beforeAll(async () => {
    h = await startTasks();
    [admin, alice] = await Promise.all([h.tokens.caller('ADMIN'), h.tokens.caller('USER')]);
    const blob = Buffer.from('a file the platform stores');
    const sha = createHash('sha256').update(blob).digest('hex');
    const dir = join(h.backups.config.filesDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, sha), blob);
    // The worker's log lines as they would be shipped to observability (which groups error lines).
    const logger = createLogger('tasks-worker', 'info', {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const worker = await h.worker({}, logger);
    metricsUrl = `${await workerUrl(h, worker.id)}/metrics`;
  });
  afterAll(() => h?.stop());

  /** This process's children running `name` (an in-process worker's tools are ours). */
  const children = (name: string) =>
    execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() === name);

  it('is for ADMIN only, on every path', async () => {
    for (const [query, variables] of [
      [BACKUPS, {}],
      [CREATE_BACKUP, {}],
      [VERIFY_BACKUP, { id: '20261201T101500Z-3f9a' }],
    ] as const) {
      const r = await h.gql(query, variables, alice.token);
      expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    const direct = await h.gql(
      'mutation { createTask(input: { agent: "system", type: "backup" }) { id } }',
      {},
      alice.token,
    );
    expect(direct.errors?.[0]).toMatchObject({
      message: '"backup" tasks are for ADMIN only',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('backs up as a task with progress, verified, listed, and exported to /metrics', async () => {
    const before = await listed();
    expect(before).toMatchObject({ backups: [], backupOverview: { schedule: null, lastGood: null } });
    expect((await request(h.api.app).get('/metrics')).text).toMatch(
      /^backup_last_success_timestamp_seconds\{[^}]*\} 0$/m,
    );

    const created = await h.gql<{ createBackup: TaskView }>(CREATE_BACKUP, {}, admin.token);
    expect(created.data?.createBackup).toMatchObject({ type: 'backup', status: 'QUEUED' });
    const task = await finished(created.data!.createBackup.id);
    expect(task).toMatchObject({ status: 'SUCCEEDED', progress: 100, result: { verified: true, files: 1 } });

    const { backups, backupOverview } = await listed();
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({
      id: task.result!.id,
      kind: 'FULL',
      status: 'COMPLETE',
      encrypted: false,
      verified: true,
      problems: [],
    });
    expect(backups[0].size).toBeGreaterThan(0);
    expect(backupOverview).toMatchObject({
      retentionDays: 30,
      encryption: false,
      lastGood: { id: task.result!.id },
    });
    const seconds = Number(
      /^backup_last_success_timestamp_seconds\{[^}]*\} (\S+)$/m.exec(
        (await request(h.api.app).get('/metrics')).text,
      )?.[1],
    );
    expect(Math.abs(seconds * 1000 - Date.now())).toBeLessThan(60_000);
    expect(await (await fetch(metricsUrl)).text()).toMatch(
      /^backup_runs_total\{kind="backup",outcome="success"[^}]*\} 1$/m,
    );
  });

  it('refuses a corrupted backup on verify: the task fails naming it, an error is logged and counted', async () => {
    const [backup] = (await listed()).backups;
    const dump = join(h.backups.config.backupDir, backup.id, 'database.dump');
    const bytes = readFileSync(dump);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(dump, bytes);

    const r = await h.gql<{ verifyBackup: TaskView }>(VERIFY_BACKUP, { id: backup.id }, admin.token);
    const task = await finished(r.data!.verifyBackup.id);
    expect(task.status).toBe('FAILED');
    expect(task.error).toMatch(
      new RegExp(`backup ${backup.id} is NOT good: artifact database.dump: expected sha256`),
    );

    const after = (await listed()).backups[0];
    expect(after).toMatchObject({
      verified: false,
      problems: [expect.stringMatching(/^artifact database.dump/)],
    });
    expect((await listed()).backupOverview.lastGood).toBeNull();
    const error = lines.find((l) => l.msg === 'backup verification failed');
    expect(error).toMatchObject({ level: 50, service: 'tasks-worker', kind: 'verify' });
    expect(error?.err).toMatchObject({ stack: expect.stringMatching(/NOT good/) });
    expect(await (await fetch(metricsUrl)).text()).toMatch(
      /^backup_runs_total\{kind="verify",outcome="failure"[^}]*\} 1$/m,
    );
  });

  it('refuses an id that is not one, or that names no backup', async () => {
    const bad = await h.gql(VERIFY_BACKUP, { id: '../etc' }, admin.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const missing = await h.gql(VERIFY_BACKUP, { id: '20200101T000000Z-0000' }, admin.token);
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('a cancelled backup task kills its pg_dump', async () => {
    // A subgraph-like schema whose table another session locks: pg_dump waits on it until killed.
    const holder = new pg.Client({ connectionString: h.db.url });
    await holder.connect();
    await holder.query(`create schema bait; create table bait.mikro_orm_migrations (id serial primary key, name text);
      create table bait.rows (id int)`);
    await holder.query('begin');
    await holder.query('lock table bait.rows in access exclusive mode');
    try {
      const created = await h.gql<{ createBackup: TaskView }>(CREATE_BACKUP, {}, admin.token);
      const id = created.data!.createBackup.id;
      await expect.poll(() => children('pg_dump').length, { timeout: 15_000 }).toBe(1);

      const cancelled = await h.gql(
        `mutation ($id: ID!) { cancelTask(id: $id) { status } }`,
        { id },
        admin.token,
      );
      expect(cancelled.errors).toBeUndefined();

      await expect.poll(() => children('pg_dump').length, { timeout: 5_000 }).toBe(0);
      expect((await finished(id)).status).toBe('CANCELLED');
    } finally {
      await holder.query('rollback');
      await holder.query('drop schema bait cascade');
      await holder.end();
    }
  });

  it('a scheduled worker in production refuses an unsafe BACKUP_DIR at boot, naming it', async () => {
    const unsafe = platformRecoveryConfig({ NODE_ENV: 'production', BACKUP_DIR: '/tmp/trae-backups' });
    const config = { ...h.config, NODE_ENV: 'production' as const, BACKUP_SCHEDULE: '0 2 * * *' };
    await expect(createTasksWorker(config, undefined, { backups: unsafe })).rejects.toThrow(
      /BACKUP_DIR: \/tmp\/trae-backups is in the temporary folder/,
    );
  });

  it('keeps one schedule across workers, following BACKUP_SCHEDULE, and each firing backs up once', async () => {
    // Every 10 s: often enough to wait for, rarely enough that a run (backup and verify) ends before the next.
    const every10s = '*/10 * * * * *';
    await Promise.all([h.worker({ BACKUP_SCHEDULE: every10s }), h.worker({ BACKUP_SCHEDULE: every10s })]);
    const system = h.api.queues.queue('system');
    expect(await system.getJobScheduler(BACKUP_SCHEDULE_TASK_ID)).toMatchObject({ pattern: every10s });
    const schedule = (
      await h.gql<{ task: TaskView & { schedule: string } }>(
        `query ($id: ID!) { task(id: $id) { id status schedule } }`,
        { id: BACKUP_SCHEDULE_TASK_ID },
        admin.token,
      )
    ).data?.task;
    expect(schedule).toMatchObject({ status: 'PENDING', schedule: every10s });

    const runs = async () =>
      h.api.sql.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from task_queue where parent_id = $1 group by status`,
        [BACKUP_SCHEDULE_TASK_ID],
      );
    await expect
      .poll(async () => (await runs()).find((r) => r.status === 'SUCCEEDED')?.n ?? 0, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    await h.worker({ BACKUP_SCHEDULE: '' });
    expect(await system.getJobScheduler(BACKUP_SCHEDULE_TASK_ID)).toBeUndefined();
    // Let a firing already under way end; then every run is one backup, none lost to a second worker.
    await expect
      .poll(async () => (await runs()).every((r) => r.status === 'SUCCEEDED' || r.status === 'FAILED'), {
        timeout: 30_000,
      })
      .toBe(true);
    const counts = Object.fromEntries((await runs()).map((r) => [r.status, r.n]));
    expect(counts.FAILED).toBeUndefined();
    const made = (await listed()).backups.filter((b) => b.status === 'COMPLETE').length;
    expect(made).toBe(1 + counts.SUCCEEDED);
    const [row] = await h.api.sql.query<{ status: string }>('select status from task_queue where id = $1', [
      BACKUP_SCHEDULE_TASK_ID,
    ]);
    expect(row.status).toBe('CANCELLED');
  });
});
