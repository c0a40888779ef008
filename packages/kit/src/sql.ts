import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { databaseEnv } from './db.js';

export type SqlValue = unknown;

/** `name` makes it a prepared statement (parsed and planned once per connection): for hot, fixed SQL. */
export type SqlQuery = <T = Record<string, unknown>>(
  text: string,
  values?: SqlValue[],
  name?: string,
) => Promise<T[]>;

interface SqlClient {
  query(config: pg.QueryConfig): Promise<{ rows: unknown[] }>;
}

/** Where a `Sql` gets its connections. A `pg.Pool` is one as it is. */
export interface SqlPool extends SqlClient {
  /** One connection for a transaction, handed back with `release`. */
  connect(): Promise<SqlClient & { release(): void | Promise<void> }>;
  /** Closes the connections this pool owns. */
  end(): Promise<void>;
}

/**
 * A pool of its own on the service's schema (connections search it first), for hot paths such as bulk
 * inserts and batched state changes, where an ORM unit of work would only add cost.
 */
export function ownPool(databaseUrl: string, schema: string, max = databaseEnv().DB_POOL_MAX): SqlPool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    options: `-c search_path="${schema}",public`,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The ORM's own pool (its connections already search the service's schema first), for a service that
 * wants no second pool. The ORM owns it, so `end` leaves it open: closing the ORM closes it.
 */
export function ormPool(orm: MikroORM): SqlPool {
  const connect = async () => {
    const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
    const client = await pool.connect();
    return {
      query: (config: pg.QueryConfig) => client.query(config),
      release: () => client.release(),
    };
  };
  return {
    connect,
    async query(config) {
      const client = await connect();
      try {
        return await client.query(config);
      } finally {
        await client.release();
      }
    },
    end: async () => undefined,
  };
}

/**
 * Raw SQL with real bind parameters (`$1`, arrays, JSON). MikroORM's `execute` inlines values into the
 * SQL text, which is slow for the large batches the engine, ingest and metric paths send; reads for the
 * API go through MikroORM.
 */
export class Sql {
  constructor(readonly pool: SqlPool) {}

  query: SqlQuery = async <T>(text: string, values: SqlValue[] = [], name?: string) =>
    (await this.pool.query(name ? { name, text, values } : { text, values })).rows as T[];

  /** Runs `work` in one transaction on one connection. */
  async transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query({ text: 'begin' });
      const result = await work(
        async <R>(text: string, values: SqlValue[] = [], name?: string) =>
          (await client.query(name ? { name, text, values } : { text, values })).rows as R[],
      );
      await client.query({ text: 'commit' });
      return result;
    } catch (err) {
      await client.query({ text: 'rollback' }).catch(() => undefined);
      throw err;
    } finally {
      await client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
