import { createLogger } from '@trae/kit';
import { createTestDatabase, executedMigrations, type TestDatabase } from '@trae/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTasksConfig } from '../src/config.js';
import { migrations } from '../src/migrations/index.js';
import { BUILT_IN_AGENTS } from '../src/modules/runtime/catalog.js';
import { createTasksApi, createTasksWorker } from '../src/server.js';
import { configEnv, type Harness, startTasks } from './setup.js';

describe('tasks: APIs and workers booting together on an empty database', () => {
  let h: Harness;
  let db: TestDatabase;
  beforeAll(async () => {
    h = await startTasks();
    db = await createTestDatabase('tasks_replicas');
  });
  afterAll(async () => {
    await db?.drop();
    await h?.stop();
  });

  it('apply the migrations once and seed one of each built-in agent', async () => {
    const config = loadTasksConfig({ ...configEnv(h.config), DATABASE_URL: db.url });
    const logger = createLogger('tasks', 'silent');
    const options = { verifyToken: h.tokens.verifyToken, backups: h.backups };

    const instances = await Promise.all([
      createTasksApi(config, logger, options),
      createTasksWorker(config, logger, options),
      createTasksApi(config, logger, options),
      createTasksWorker(config, logger, options),
    ]);
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const agents = await client.query(
        'select name, count(*)::int as n from tasks.agent_personas group by name',
      );
      await client.end();

      expect(agents.rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        BUILT_IN_AGENTS.map((a) => ({ name: a.name, n: 1 })).sort((a, b) => a.name.localeCompare(b.name)),
      );
      expect((await executedMigrations(db.url, 'tasks')).map((m) => m.name)).toEqual(
        migrations.map((m) => m.name),
      );
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  });
});
