import type { EntityManager, EntityName, FilterQuery, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { baseEnv, loadConfig } from './config.js';
import type { Logger } from './logger.js';
import { afterCursor, type ConnectionShape, NEWEST_FIRST, toConnection } from './pagination.js';

/**
 * The database settings every process shares, read where the pools are made so no service has to
 * pass them on (each service's config still validates them at boot, as part of `baseEnv`).
 */
export const databaseEnv = () => loadConfig(baseEnv.pick({ MIGRATE_ONLY: true, DB_POOL_MAX: true }));

export interface OrmOptions {
  databaseUrl: string;
  /** The Postgres schema this subgraph owns; no other service writes to it. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  /**
   * Every migration, in order. During a rolling upgrade the previous release keeps serving on the
   * migrated schema (and may restart: it skips migrations it does not know), so a migration only
   * expands: new tables, nullable or defaulted columns, new indexes, short backfills (the old release
   * waits on the table locks meanwhile). A rename or a new `not null` is a new column, a backfill and
   * code writing both; dropping or tightening what the previous release reads waits a release.
   */
  migrations: MigrationObject[];
  logger?: Logger;
  /** @default DB_POOL_MAX of the environment */
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
 * Boots MikroORM on the subgraph's own schema and runs its pending migrations, one instance at a time;
 * the lock is given up before this returns, so it is never held while the service serves. Migrations
 * are listed in code (not discovered on disk) so a build cannot miss one. A failed migration closes the
 * ORM and rejects (all pending migrations run in one transaction, so none of them is left applied).
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
    pool: { max: options.poolMax ?? databaseEnv().DB_POOL_MAX, idleTimeoutMillis: 30_000 },
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
  let applied: string[];
  try {
    applied = await migrateLocked(orm, options.schema, options.logger);
  } catch (err) {
    await orm.close();
    throw err;
  }
  if (applied.length)
    options.logger?.info({ schema: options.schema, migrations: applied }, 'migrations applied');
  if (options.migrateOnly ?? databaseEnv().MIGRATE_ONLY) {
    await orm.close();
    throw new MigrationsDone(options.schema, applied);
  }
  return orm;
}

/**
 * Several instances may start at once: they take turns on a lock per schema, and the later ones find
 * nothing left to apply. The key is the one every release has used, so an older replica restarting
 * during a rolling upgrade waits on the same lock.
 */
function migrateLocked(orm: MikroORM, schema: string, logger?: Logger): Promise<string[]> {
  const onWait = () => logger?.info({ schema }, 'waiting for another instance to finish migrations');
  return withAdvisoryLock(
    orm,
    `migrate:${schema}`,
    async () => {
      // Under the lock too: concurrent `create schema if not exists` can still collide in the catalog.
      await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
      return (await orm.migrator.up()).map((m) => m.name);
    },
    { onWait },
  );
}

export interface AdvisoryLockOptions {
  /** Called once when another session holds the lock, before waiting for it. */
  onWait?: () => void;
}

/**
 * Runs `fn` while this process holds the PostgreSQL session advisory lock `hashtext(key)`, so instances
 * booting together take turns (migrations, first-boot seeding): the others wait, then find the work
 * done. `fn` uses the ORM's pool as usual; what it commits is visible to the next holder.
 *
 * The lock lives on a connection of its own, opened like the pool's but outside it: a pooled one could
 * carry the lock back into the pool, and a pool that is full would wait for itself. The lock is given
 * up when `fn` settles, whatever the outcome, and closing that connection drops it even if the unlock
 * cannot be sent. Needs a real session: through PgBouncer, session pooling, not transaction pooling.
 */
export async function withAdvisoryLock<T>(
  orm: MikroORM,
  key: string,
  fn: () => Promise<T>,
  options: AdvisoryLockOptions = {},
): Promise<T> {
  const pool = await orm.em.getConnection().getNativeClient();
  const conn = new pg.Client(pool.options);
  // A dropped connection rejects the query in flight; without a listener it would also crash the process.
  conn.on('error', () => undefined);
  await conn.connect();
  try {
    const tried = await conn.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as locked',
      [key],
    );
    if (!tried.rows[0].locked) {
      options.onWait?.();
      await conn.query('select pg_advisory_lock(hashtext($1))', [key]);
    }
    try {
      return await fn();
    } finally {
      await conn.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
}

export { MikroORM };

/**
 * One keyset page of `entity`, newest first: how many rows match `where`, then the `limit` after the
 * cursor `after` (refused unless it is one of ours), as a connection. The caller sizes the page.
 */
export async function newestFirstPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: Record<string, unknown>,
  after: string | null | undefined,
  limit: number,
): Promise<ConnectionShape<T>> {
  const totalCount = await em.count(entity, where as FilterQuery<NoInfer<T>>);
  const older = afterCursor(after);
  const rows = await em.find(
    entity,
    (older ? { ...where, $and: [older] } : where) as FilterQuery<NoInfer<T>>,
    {
      orderBy: NEWEST_FIRST as never,
      limit: limit + 1,
    },
  );
  return toConnection(rows, limit, totalCount);
}
