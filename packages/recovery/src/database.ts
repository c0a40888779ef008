import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError } from '@trae/kit';
import pg from 'pg';
import { libpq, type PgTools } from './pg-tools.js';
import { BACKUP_NICE, lowerBackendPriority } from './priority.js';
import { startTool, toolOutput } from './tool-process.js';

export interface TableCount {
  schema: string;
  table: string;
  rows: number;
}

export interface DatabaseSnapshot {
  schemas: string[];
  tables: TableCount[];
  migrations: Record<string, string | null>;
}

/** pg_dump's gzip level (`--compress`); see dumpDatabase. */
export const DUMP_COMPRESSION = 1;

/** Each subgraph's MikroORM keeps its applied migrations here, in its own schema. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** The files subgraph's schema; its `files` table names the blobs by sha256. */
const FILES_SCHEMA = 'files';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Every schema that carries a migrations table is a subgraph's: the platform's data, and nothing else. */
export async function discoverSchemas(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ schema: string }>(
    'select table_schema as schema from information_schema.tables where table_name = $1 order by 1',
    [MIGRATIONS_TABLE],
  );
  return rows.map((r) => r.schema).filter((s) => IDENTIFIER.test(s));
}

/** Exact row counts of every table of these schemas (as this client's snapshot sees them). */
export async function countTables(client: pg.ClientBase, schemas: string[]): Promise<TableCount[]> {
  const { rows } = await client.query<{ schema: string; table: string }>(
    `select n.nspname as schema, c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any($1) order by 1, 2`,
    [schemas],
  );
  const counts: TableCount[] = [];
  for (const { schema, table } of rows) {
    const result = await client.query<{ n: string }>(
      `select count(*) as n from ${quote(schema)}.${quote(table)}`,
    );
    counts.push({ schema, table, rows: Number(result.rows[0].n) });
  }
  return counts;
}

/** The newest migration of each schema, or null where the schema has no migrations table. */
export async function latestMigrations(
  client: pg.ClientBase,
  schemas: string[],
): Promise<Record<string, string | null>> {
  const present = new Set(await discoverSchemas(client));
  const out: Record<string, string | null> = {};
  for (const schema of schemas) {
    if (!present.has(schema)) {
      out[schema] = null;
      continue;
    }
    const { rows } = await client.query<{ name: string }>(
      `select name from ${quote(schema)}.${MIGRATIONS_TABLE} order by id desc limit 1`,
    );
    out[schema] = rows[0]?.name ?? null;
  }
  return out;
}

/**
 * The blobs the files subgraph's rows name (`files.files.sha256`) as this client's snapshot sees them:
 * what a backup of that snapshot must hold. None when the files schema is not among those dumped.
 */
export async function namedBlobs(client: pg.ClientBase, schemas: string[]): Promise<string[]> {
  if (!schemas.includes(FILES_SCHEMA)) return [];
  const present = await client.query<{ ok: boolean }>(
    `select to_regclass('${FILES_SCHEMA}.files') is not null as ok`,
  );
  if (!present.rows[0].ok) return [];
  const { rows } = await client.query<{ sha256: string }>(
    `select distinct sha256 from ${FILES_SCHEMA}.files where sha256 is not null`,
  );
  return rows.map((r) => r.sha256);
}

export interface DumpOptions {
  only?: string[];
  signal?: AbortSignal;
  /** The nice value of pg_dump and of the backends reading the snapshot. @default BACKUP_NICE */
  nice?: number;
  /**
   * Work that runs beside pg_dump once the snapshot is taken, given the blobs its rows name (the files
   * copy). The dump is complete only when it is; its failure kills pg_dump and fails the dump.
   */
  alongside?: (named: string[]) => Promise<unknown>;
}

/**
 * One `pg_dump --format=custom` of all the subgraph schemas, written to `sink`. One dump rather than
 * one per schema: it is one snapshot, so rows that point across subgraphs (a file's owner, a task's
 * channel) agree with each other; a single schema can still be restored from it (`pg_restore -n`). The
 * row counts are read in that same exported snapshot, so they describe exactly what was dumped.
 * pg_dump and the two server backends doing the reading run at `nice` (BACKUP_NICE, see priority.ts),
 * so the platform's own queries come first on a busy machine.
 */
export async function dumpDatabase(
  url: string,
  tools: PgTools,
  sink: Writable,
  options: DumpOptions = {},
): Promise<DatabaseSnapshot> {
  const { signal, nice = BACKUP_NICE } = options;
  const client = await connect(url);
  try {
    await client.query('begin isolation level repeatable read, read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0].id;
    const schemas = options.only ?? (await discoverSchemas(client));
    if (!schemas.length) {
      throw appError(
        'NOT_FOUND',
        `no subgraph schemas in the database (none has a ${MIGRATIONS_TABLE} table)`,
      );
    }
    const { conninfo, env } = libpq(url);
    const appName = `trae-backup-${snapshot}`;
    // gzip level 1, not pg_dump's default 6: about twice as fast on this data, the dump a little larger.
    const args = [
      '--format=custom',
      `--compress=${DUMP_COMPRESSION}`,
      `--snapshot=${snapshot}`,
      ...schemas.map((s) => `--schema=${s}`),
    ];
    const dump = startTool(tools.pgDump, [...args, `--dbname=${conninfo}`], {
      env: { ...env, PGAPPNAME: appName },
      stdio: 'pipe',
      signal,
      nice,
    });
    dump.child.stdin?.end();
    const written = pipeline(dump.child.stdout!, sink);
    const beside = async (named: string[]) => {
      try {
        await options.alongside?.(named);
      } catch (err) {
        dump.child.kill('SIGTERM');
        throw err;
      }
    };
    // Read while pg_dump runs, not before awaiting it: a killed pg_dump (a cancel) ends the wait at
    // once, even when the counts wait on the same lock pg_dump waited on.
    const reading = (async () => {
      const copying = beside(await namedBlobs(client, schemas));
      const read = async () => {
        // Before the counts, which are the heavy part of this session's reading.
        await lowerBackendPriority(url, client, appName, nice);
        return {
          tables: await countTables(client, schemas),
          migrations: await latestMigrations(client, schemas),
        };
      };
      return (await Promise.all([read(), copying]))[0];
    })();
    const [{ tables, migrations }] = await Promise.all([reading, dump.done, written]).catch(async (err) => {
      // The first failure (a cancel reaching the files copy, say) may come before pg_dump has exited:
      // it is not left running behind the backup's answer.
      dump.child.kill('SIGTERM');
      await dump.done.catch(() => {});
      throw err;
    });
    await client.query('commit');
    return { schemas, tables, migrations };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The archive's table of contents (`pg_restore --list`): fails on an archive that is not one. */
export async function listArchive(tools: PgTools, archive: string, signal?: AbortSignal): Promise<string[]> {
  const out = await toolOutput(tools.pgRestore, ['--list', archive], { env: process.env, signal });
  return out.split('\n').filter((l) => l && !l.startsWith(';'));
}

/**
 * Replaces the archive's schemas in the database at `url` in one transaction: psql drops them and runs
 * the archive as SQL (`pg_restore -f -`), committing only if every statement succeeded and pg_restore
 * itself read the whole archive; otherwise psql is killed, the transaction rolls back, and the
 * database is as it was.
 */
export async function restoreArchive(
  url: string,
  tools: PgTools,
  archive: string,
  schemas: string[],
  signal?: AbortSignal,
  /** Committed only once this resolves too (the files restored beside it); its rejection rolls back. */
  commitWhen?: Promise<unknown>,
) {
  const { conninfo, env } = libpq(url);
  const drops = schemas.map((s) => `drop schema if exists ${quote(s)} cascade;`).join(' ');
  const restore = startTool(tools.pgRestore, ['--no-owner', '--no-privileges', '--file=-', archive], {
    env,
    stdio: 'pipe',
    signal,
  });
  restore.child.stdin?.end();
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-c', drops, '-f', '-'];
  // psql killed mid-way (a cancel) ends its session, so the server rolls the transaction back.
  const psql = startTool(tools.psql, [...psqlArgs, `--dbname=${conninfo}`], { env, stdio: 'pipe', signal });
  psql.child.stdout?.resume();
  restore.child.stdout!.pipe(psql.child.stdin!, { end: false });
  const read = restore.done
    .then(() => commitWhen)
    .then(
      () => void psql.child.stdin!.end(),
      (err) => {
        psql.child.kill('SIGKILL');
        throw err;
      },
    );
  const [readResult, applied] = await Promise.allSettled([read, psql.done]);
  if (readResult.status === 'rejected') throw readResult.reason;
  if (applied.status === 'rejected') throw applied.reason;
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty database beside the one at `url` (same server, same credentials) for a trial restore. */
export async function createScratchDatabase(url: string): Promise<ScratchDatabase> {
  const name = `trae_verify_${randomBytes(6).toString('hex')}`;
  const client = await connect(url);
  try {
    await client.query(`create database ${quote(name)}`);
  } finally {
    await client.end().catch(() => {});
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const c = await connect(url);
      try {
        await c.query(`drop database if exists ${quote(name)} with (force)`);
      } finally {
        await c.end().catch(() => {});
      }
    },
  };
}

/** Differences between two sets of row counts, as lines naming the table. */
export function compareCounts(expected: TableCount[], actual: TableCount[]): string[] {
  const key = (t: TableCount) => `${t.schema}.${t.table}`;
  const got = new Map(actual.map((t) => [key(t), t.rows]));
  const problems: string[] = [];
  for (const t of expected) {
    const rows = got.get(key(t));
    if (rows === undefined) problems.push(`table ${key(t)}: missing after restore (expected ${t.rows} rows)`);
    else if (rows !== t.rows)
      problems.push(`table ${key(t)}: ${rows} rows after restore, expected ${t.rows}`);
  }
  return problems;
}
