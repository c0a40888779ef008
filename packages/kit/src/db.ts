import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { baseEnv, loadConfig } from './config.js';
import type { Logger } from './logger.js';

export interface OrmOptions {
  databaseUrl: string;
  /** The Postgres schema this subgraph owns; no other service writes to it. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  logger?: Logger;
  poolMax?: number;
  /** Stop once the migrations are in (see MigrationsDone). @default MIGRATE_ONLY of the environment */
  migrateOnly?: boolean;
}

/**
 * Thrown by createOrm under MIGRATE_ONLY once the schema's migrations are in, before anything else of
 * the service starts (Redis, routes, a port): runMain exits 0 on it. A release's migration Job runs
 * each subgraph's own entry point so, and no replica has migrations left to race over.
 */
export class MigrationsDone extends Error {
  constructor(
    readonly schema: string,
    readonly applied: string[],
  ) {
    super(`MIGRATE_ONLY: migrations of schema ${schema} are in`);
  }
}

/**
 * Boots MikroORM on the subgraph's own schema and runs its pending migrations.
 * Migrations are listed in code (not discovered on disk) so a build cannot miss one.
 */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    // 6.x ran knex's pool: idle connections kept 30 s, a connection (or a free slot) awaited at most 60 s.
    // pg's own defaults are 10 s and forever; keep the old ones.
    pool: { max: options.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connectionTimeoutMillis: 60_000,
      // Unqualified names in hand-written migrations and raw SQL resolve to the subgraph's own schema:
      // a startup parameter of every pg connection, so no connection is ever handed out without it.
      options: `-c search_path="${options.schema}",public`,
    },
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
  const applied = await migrateLocked(orm, options.schema);
  if (applied.length)
    options.logger?.info({ schema: options.schema, migrations: applied }, 'migrations applied');
  if (options.migrateOnly ?? loadConfig(baseEnv.pick({ MIGRATE_ONLY: true })).MIGRATE_ONLY) {
    await orm.close();
    throw new MigrationsDone(options.schema, applied);
  }
  return orm;
}

/** Several instances may start at once; a session advisory lock makes their migrations take turns. */
async function migrateLocked(orm: MikroORM, schema: string): Promise<string[]> {
  // A session lock needs one connection held throughout: a client of the ORM's own pg pool.
  const pool = await orm.em.getConnection().getNativeClient();
  const conn = await pool.connect();
  try {
    await conn.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    try {
      // Under the lock too: concurrent `create schema if not exists` can still collide in the catalog.
      await conn.query(`create schema if not exists "${schema}"`);
      return (await orm.migrator.up()).map((m) => m.name);
    } finally {
      await conn.query('select pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]);
    }
  } finally {
    conn.release();
  }
}

export { MikroORM };
