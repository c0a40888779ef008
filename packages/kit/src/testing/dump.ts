import { readFile } from 'node:fs/promises';
import pg from 'pg';

/**
 * Loads a plain-SQL dump (`pg_dump --inserts`, no COPY blocks) into a test database: upgrade tests
 * start from the schema and rows an older release wrote, not from what today's code would write.
 */
export async function restoreDump(url: string, file: URL): Promise<void> {
  const sql = await readFile(file, 'utf8');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ExecutedMigration {
  id: number;
  name: string;
  executedAt: Date;
}

/** The rows MikroORM's migrator keeps in a service's schema: what it believes has already run. */
export async function executedMigrations(url: string, schema: string): Promise<ExecutedMigration[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<ExecutedMigration>(
      `select id, name, executed_at as "executedAt" from "${schema}".mikro_orm_migrations order by id`,
    );
    return rows;
  } finally {
    await client.end();
  }
}
