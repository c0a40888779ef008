import type { MikroORM } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';

export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Raw SQL with real bind parameters (`$1`, arrays, JSON) on the ORM's pool. MikroORM's `execute`
 * inlines values into the SQL text, which is slow for the large batches the ingest and metric
 * paths send. The pool's connections already search the service's own schema first.
 */
export class Sql {
  constructor(private readonly orm: MikroORM) {}

  query: Query = (text, params) => this.withClient(async (c) => (await c.query(text, params)).rows as never);

  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.withClient(async (c) => {
      await c.query('begin');
      try {
        const result = await work(async (text, params) => (await c.query(text, params)).rows as never);
        await c.query('commit');
        return result;
      } catch (err) {
        await c.query('rollback').catch(() => undefined);
        throw err;
      }
    });
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const pool = await this.orm.em.getConnection().getNativeClient();
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }
}
