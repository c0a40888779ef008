/**
 * `npm run bench:backup`: backup and restore of a generated data set (a database of BENCH_DB_MB in one
 * subgraph-like schema, BENCH_FILES blobs of BENCH_FILE_KB each), against plain `pg_dump` + `tar` and
 * `pg_restore` + `tar -x` of the same data in the same run, as ratios; and the p99 of a light query load
 * (20 point queries/s on the same database) idle and while a backup runs. `--scale=0.1` multiplies both
 * sizes (the 1 GB / 10k files is the default, `--scale=1`); figures are medians of BENCH_ROUNDS
 * (3) rounds, each running the plain tools and ours back to back. Ours runs at BACKUP_NICE (10), and
 * once more per round at nice 0 (just before it, so that one meets the colder cache), to show what the
 * lower priority costs and buys. Everything lives in scratch databases and a temp folder, removed at
 * the end.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createTestDatabase } from '@trae/kit/testing';
import { findRepoRoot } from '@trae/launcher';
import { createBackup, DUMP_COMPRESSION, findPgTools, libpq, restoreBackup } from '@trae/recovery';
import pg from 'pg';

const exec = promisify(execFile);
const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, verbose: { type: 'boolean', default: false } },
});
const t0 = Date.now();
/** --verbose: recovery's progress lines with the seconds since start, to see where time goes. */
const onProgress = values.verbose
  ? (line: string) => console.log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s ${line}`)
  : undefined;
const scale = Number(values.scale);
const DB_MB = Math.round(Number(process.env.BENCH_DB_MB ?? 1000) * scale);
const FILES = Math.round(Number(process.env.BENCH_FILES ?? 10_000) * scale);
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? 20);
const ROW_BYTES = 1_024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The nice value of "ours" (BACKUP_NICE); each round also runs one backup at 0 to compare. */
const NICE = Number(process.env.BACKUP_NICE ?? 10);
const MB = 1e6;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** One subgraph-like schema (it has a migrations table, so the backup takes it) of about DB_MB. */
async function generateDatabase(url: string): Promise<number> {
  await query(
    url,
    `create schema bench;
    create table bench.mikro_orm_migrations (id serial primary key, name varchar(255), executed_at timestamptz default now());
    insert into bench.mikro_orm_migrations (name) values ('Migration20261201');
    create table bench.items (id bigint primary key, owner uuid not null, body text not null, at timestamptz not null default now())`,
  );
  const rows = Math.round((DB_MB * MB) / ROW_BYTES);
  const batch = 50_000;
  for (let from = 1; from <= rows; from += batch) {
    // Repetitive text: pg_dump compresses it about 17:1, so both dumps spend their time reading rows.
    await query(
      url,
      `insert into bench.items (id, owner, body)
        select g, gen_random_uuid(), repeat(md5(g::text) || md5((g * 7)::text), ${ROW_BYTES / 64})
        from generate_series($1::bigint, $2::bigint) g`,
      [from, Math.min(rows, from + batch - 1)],
    );
  }
  const [{ n }] = await query<{ n: string }>(url, 'select pg_database_size(current_database()) as n');
  return Number(n);
}

/** The files service's layout: FILES_DIR/blobs/ab/cd/<sha256>, random (incompressible) bytes. */
function generateFiles(filesDir: string): number {
  for (let i = 0; i < FILES; i++) {
    const bytes = randomBytes(FILE_KB * 1024);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const dir = join(filesDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, sha), bytes);
  }
  return FILES * FILE_KB * 1024;
}

/** 20 point queries a second against the database, from another process (light-load.ts), until stopped. */
async function lightLoad(url: string) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('light-load.js', import.meta.url)), url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
    if (out.startsWith('ready\n')) ready();
  });
  const exited = new Promise<void>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`light load exited with ${code}`)),
    ),
  );
  await Promise.race([started, exited]);
  return async (): Promise<number[]> => {
    child.kill('SIGTERM');
    await exited;
    return JSON.parse(out.slice('ready\n'.length)) as number[];
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const rate = (bytes: number, seconds: number) => `${(bytes / MB / seconds).toFixed(1)} MB/s`;
const row = (name: string, ours: number, plain: number, bytes: number) =>
  `| ${name} | ${ours.toFixed(1)} s (${rate(bytes, ours)}) | ${plain.toFixed(1)} s (${rate(bytes, plain)}) | ${(plain / ours).toFixed(2)}x |`;

const median = (values: number[]) => quantile(values, 0.5);

interface Round {
  pgDump: number;
  /** Plain pg_dump at our gzip level (DUMP_COMPRESSION), to tell the level's share from the rest. */
  pgDumpSameLevel: number;
  plainDumpBytes: number;
  ourDumpBytes: number;
  tar: number;
  ours: number;
  /** The same full backup at nice 0 (BACKUP_NICE=0), and the light load's latencies during it. */
  oursAtZero: number;
  busyAtZero: number[];
  incremental: number;
  pgRestore: number;
  untar: number;
  ourRestore: number;
  busy: number[];
}

/**
 * One round, plain tools first (a page cache they warm helps whoever runs second, so the ratios favour
 * them); fresh folders and target databases each round, so every backup is a full one.
 */
async function round(n: number, source: string, filesDir: string, root: string): Promise<Round> {
  const repoRoot = findRepoRoot();
  const dir = join(root, `round-${n}`);
  mkdirSync(dir);
  const tools = await findPgTools(source);
  const src = libpq(source);
  const [plainTarget, ourTarget] = await Promise.all([
    createTestDatabase('bench_plain'),
    createTestDatabase('bench_restore'),
  ]);
  try {
    const plainDump = join(dir, 'plain.dump');
    const plainTar = join(dir, 'plain.tar');
    const dumpArgs = ['--format=custom', '--schema=bench', `--file=${plainDump}`, `--dbname=${src.conninfo}`];
    const pgDump = await timed(() => exec(tools.pgDump, dumpArgs, { env: src.env }));
    const plainDumpBytes = statSync(plainDump).size;
    const sameLevel = [
      '--format=custom',
      '--schema=bench',
      `--compress=${DUMP_COMPRESSION}`,
      `--file=${plainDump}.z`,
      `--dbname=${src.conninfo}`,
    ];
    const pgDumpSameLevel = await timed(() => exec(tools.pgDump, sameLevel, { env: src.env }));
    const tar = await timed(() => exec('tar', ['-cf', plainTar, '-C', filesDir, 'blobs']));
    const backupDir = join(dir, 'backups');
    // At normal priority first, into a folder of its own (a full backup too), for the priority's cost.
    const stopBusyAtZero = await lightLoad(source);
    const oursAtZero = await timed(() =>
      createBackup({ databaseUrl: source, filesDir, backupDir: join(dir, 'nice-0'), repoRoot, nice: 0 }),
    );
    const busyAtZero = await stopBusyAtZero();
    const stopBusy = await lightLoad(source);
    let id = '';
    const ours = await timed(async () => {
      id = (
        await createBackup({ databaseUrl: source, filesDir, backupDir, repoRoot, onProgress, nice: NICE })
      ).id;
    });
    const busy = await stopBusy();
    const ourDumpBytes = statSync(join(backupDir, id, 'database.dump')).size;
    const incremental = await timed(() =>
      createBackup({ databaseUrl: source, filesDir, backupDir, repoRoot, onProgress, nice: NICE }),
    );
    const dst = libpq(plainTarget.url);
    mkdirSync(join(dir, 'plain-files'));
    const restoreArgs = ['--no-owner', '--single-transaction', `--dbname=${dst.conninfo}`, plainDump];
    const pgRestore = await timed(() => exec(tools.pgRestore, restoreArgs, { env: dst.env }));
    const untar = await timed(() => exec('tar', ['-xf', plainTar, '-C', join(dir, 'plain-files')]));
    const ourRestore = await timed(() =>
      restoreBackup({
        backupDir,
        id,
        databaseUrl: ourTarget.url,
        filesDir: join(dir, 'our-files'),
        onProgress,
      }),
    );
    return {
      pgDump,
      pgDumpSameLevel,
      plainDumpBytes,
      ourDumpBytes,
      tar,
      ours,
      oursAtZero,
      busyAtZero,
      incremental,
      pgRestore,
      untar,
      ourRestore,
      busy,
    };
  } finally {
    await Promise.allSettled([plainTarget.drop(), ourTarget.drop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'trae-bench-backup-'));
  const source = await createTestDatabase('bench_backup');
  try {
    const filesDir = join(root, 'files');
    console.log(`generating ${DB_MB} MB of rows and ${FILES} files of ${FILE_KB} KiB …`);
    let dbBytes = 0;
    let fileBytes = 0;
    const generated = await timed(async () => {
      fileBytes = generateFiles(filesDir);
      dbBytes = await generateDatabase(source.url);
    });
    const bytes = dbBytes + fileBytes;
    console.log(
      `generated in ${generated.toFixed(1)} s: database ${(dbBytes / MB).toFixed(0)} MB, files ${(fileBytes / MB).toFixed(0)} MB`,
    );
    // Light load alone, for the baseline p99.
    const stopIdle = await lightLoad(source.url);
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = await stopIdle();

    const rounds: Round[] = [];
    for (let n = 1; n <= ROUNDS; n++) {
      rounds.push(await round(n, source.url, filesDir, root));
      console.log(`round ${n}/${ROUNDS} done`);
    }
    const m = (pick: (r: Round) => number) => median(rounds.map(pick));
    const busy = rounds.flatMap((r) => r.busy);
    const busyAtZero = rounds.flatMap((r) => r.busyAtZero);
    const p99 = {
      idle: quantile(idle, 0.99),
      busy: quantile(busy, 0.99),
      atZero: quantile(busyAtZero, 0.99),
    };
    console.log(
      `\nscale ${scale}: database ${(dbBytes / MB).toFixed(0)} MB (pg_database_size), ${FILES} files, ${(fileBytes / MB).toFixed(0)} MB; medians of ${ROUNDS} rounds`,
    );
    console.log(`| step | platform (nice ${NICE}) | plain tools | ratio (plain time / ours) |`);
    console.log('|---|---|---|---|');
    console.log(
      row(
        'backup (dump + files)',
        m((r) => r.ours),
        m((r) => r.pgDump + r.tar),
        bytes,
      ),
    );
    console.log(
      `|   of which plain pg_dump / tar | | ${m((r) => r.pgDump).toFixed(1)} s / ${m((r) => r.tar).toFixed(1)} s | |`,
    );
    console.log(
      row(
        `backup, against plain pg_dump --compress=${DUMP_COMPRESSION}`,
        m((r) => r.ours),
        m((r) => r.pgDumpSameLevel + r.tar),
        bytes,
      ),
    );
    console.log(
      `|   dump size: plain (default level) / ours | | ${(m((r) => r.plainDumpBytes) / MB).toFixed(1)} MB / ${(m((r) => r.ourDumpBytes) / MB).toFixed(1)} MB | |`,
    );
    console.log(
      row(
        'backup at nice 0 (BACKUP_NICE=0)',
        m((r) => r.oursAtZero),
        m((r) => r.pgDump + r.tar),
        bytes,
      ),
    );
    console.log(`| incremental backup (no file changed) | ${m((r) => r.incremental).toFixed(1)} s | | |`);
    console.log(
      row(
        'restore (database + files)',
        m((r) => r.ourRestore),
        m((r) => r.pgRestore + r.untar),
        bytes,
      ),
    );
    console.log(
      `|   of which plain pg_restore / tar -x | | ${m((r) => r.pgRestore).toFixed(1)} s / ${m((r) => r.untar).toFixed(1)} s | |`,
    );
    console.log(
      `\nlight load p99: ${p99.idle.toFixed(1)} ms idle (${idle.length} queries), ${p99.busy.toFixed(1)} ms during the backups at nice ${NICE} (${busy.length} queries): ${(p99.busy / p99.idle).toFixed(2)}x; ${p99.atZero.toFixed(1)} ms at nice 0 (${busyAtZero.length} queries): ${(p99.atZero / p99.idle).toFixed(2)}x`,
    );
  } finally {
    await source.drop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
