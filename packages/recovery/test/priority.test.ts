import { getPriority } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_NICE, lowerBackendPriority } from '../src/priority.js';
import { startTool } from '../src/tool-process.js';
import { createFixture, type Fixture } from './support/fixture.js';

describe('backup priority', () => {
  let f: Fixture;
  const clients: pg.Client[] = [];
  const connect = async (application_name: string) => {
    const client = new pg.Client({ connectionString: f.db.url, application_name });
    await client.connect();
    clients.push(client);
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    return { client, pid };
  };

  beforeAll(async () => {
    f = await createFixture('priority');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await f.cleanup();
  });

  it('starts a tool at the nice value asked for', async () => {
    const run = startTool('sleep', ['5'], { env: process.env, nice: BACKUP_NICE });
    try {
      expect(getPriority(run.child.pid)).toBe(BACKUP_NICE);
    } finally {
      run.child.kill('SIGTERM');
      await run.done.catch(() => {});
    }
  });

  it("lowers the snapshot reader's backend and pg_dump's, and no other", async () => {
    // The server here is local and these tests run as root (as on the project's machines and CI).
    const reader = await connect('trae-recovery-test-reader');
    const dump = await connect('trae-backup-test-dump');
    const bystander = await connect('trae-recovery-test-bystander');

    await lowerBackendPriority(f.db.url, reader.client, 'trae-backup-test-dump');

    expect(getPriority(reader.pid)).toBe(BACKUP_NICE);
    expect(getPriority(dump.pid)).toBe(BACKUP_NICE);
    expect(getPriority(bystander.pid)).toBe(0);
  });

  it('renices nothing at BACKUP_NICE=0', async () => {
    const reader = await connect('trae-recovery-test-zero');
    const dump = await connect('trae-backup-test-zero');

    await lowerBackendPriority(f.db.url, reader.client, 'trae-backup-test-zero', 0);

    expect([getPriority(reader.pid), getPriority(dump.pid)]).toEqual([0, 0]);
  });

  it('leaves the backends of a server elsewhere alone', async () => {
    const reader = await connect('trae-recovery-test-remote');
    const elsewhere = new URL(f.db.url);
    elsewhere.hostname = 'db.example.com';

    await lowerBackendPriority(elsewhere.toString(), reader.client, 'nobody');

    expect(getPriority(reader.pid)).toBe(0);
  });
});
