import pg from 'pg';

export type SqlValue = unknown;

/**
 * A plain pg pool on the subgraph's schema, for the engine's hot paths (bulk inserts, batched state
 * changes) where an ORM unit of work would only add cost. Reads for the API go through MikroORM.
 */
export class Sql {
  readonly pool: pg.Pool;

  constructor(databaseUrl: string, schema: string, max = 10) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max,
      options: `-c search_path="${schema}",public`,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  /** `name` makes it a prepared statement (parsed and planned once per connection): for hot, fixed SQL. */
  async query<T = Record<string, unknown>>(
    text: string,
    values: SqlValue[] = [],
    name?: string,
  ): Promise<T[]> {
    return (await this.pool.query(name ? { name, text, values } : { text, values })).rows as T[];
  }

  async transaction<T>(
    fn: (
      query: <R = Record<string, unknown>>(text: string, values?: SqlValue[]) => Promise<R[]>,
    ) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(async (text, values = []) => (await client.query(text, values)).rows);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
