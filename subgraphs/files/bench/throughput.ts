/**
 * `npm run bench:files`: one 1 GiB file up and down through the gateway, against `cp` of the same file on
 * the same disk in the same run, with the peak RSS of the gateway and files processes. `--direct` skips
 * the gateway (talks to the files service itself) for when the gateway cannot run. BENCH_ROUNDS (default 3)
 * and BENCH_FILE_BYTES (default 1 GiB) change the run; figures are medians over the rounds. The client is
 * curl; downloads are written to a file next to the source.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Redis } from '@trae/kit';
import { createTestDatabase, procMemory, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { findRepoRoot, startPlatform } from '@trae/launcher';

const SIZE = Number(process.env.BENCH_FILE_BYTES ?? 1024 ** 3);
const direct = process.argv.includes('--direct');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MB = 1e6;
const MiB = 1024 ** 2;
const execFileAsync = promisify(execFile);

/** The process listening on a port (the launcher does not expose its children's pids). */
function pidOn(url: string): number {
  const port = new URL(url).port;
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${url}`);
  return Number(pid);
}

/** Polls RSS every 20 ms while a transfer runs; reports the peak and the growth over the start. */
function sampleRss(pids: Record<string, number>) {
  const peak: Record<string, { start: number; peak: number }> = {};
  const tick = async () => {
    for (const [name, pid] of Object.entries(pids)) {
      const { rss: now } = procMemory(pid);
      peak[name] ??= { start: now, peak: now };
      peak[name].peak = Math.max(peak[name].peak, now);
    }
  };
  const ready = tick();
  const timer = setInterval(() => void tick(), 20);
  return {
    ready,
    async stop() {
      clearInterval(timer);
      await tick();
      return peak;
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

/** A gzip header (so the type sniffer has something to recognise) and random bytes. */
async function makeSource(path: string) {
  const block = randomBytes(64 * MiB);
  Buffer.from([0x1f, 0x8b, 0x08, 0x00]).copy(block);
  const file = await open(path, 'w');
  for (let written = 0; written < SIZE; written += block.length) {
    await file.write(block, 0, Math.min(block.length, SIZE - written));
  }
  await file.close();
}

async function gql<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * The client is curl, not Node: a Node http client spent up to 4 CPU-seconds per GiB on a download, on
 * the same two cores the gateway and the files service need. `Expect:` is blanked so curl does not wait
 * for a `100 Continue` before sending.
 */
async function curl(args: string[]): Promise<number> {
  const { stdout } = await execFileAsync('curl', [
    '--silent',
    '--show-error',
    '--write-out',
    '%{http_code}',
    ...args,
  ]);
  return Number(stdout);
}

const put = (url: string, source: string) =>
  curl(['--upload-file', source, '--header', 'Expect:', '--output', '/dev/null', url]);

/** Writes the body to a file on the same disk as the source, as `cp` does. */
async function download(url: string, target: string): Promise<number> {
  const status = await curl(['--output', target, url]);
  if (status !== 200) throw new Error(`download answered ${status}`);
  return (await stat(target)).size;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const rate = (seconds: number) => SIZE / MB / seconds;
const mbs = (seconds: number) => `${rate(seconds).toFixed(0).padStart(5)} MB/s`;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1).padStart(6)} MiB`;

type Peaks = Record<string, { start: number; peak: number }>;

interface Round {
  cp: number;
  up: number;
  down: number;
  rss: Record<'upload' | 'download', Peaks>;
}

interface Session {
  work: string;
  source: string;
  edge: string;
  graph: string;
  token: string;
  pids: Record<string, number>;
}

/** One upload and one download of the file, with a `cp` of it just before for the same conditions. */
async function round(s: Session): Promise<Round> {
  const cp = (await timed(async () => execFileSync('cp', [s.source, join(s.work, 'copy.bin')]))).seconds;
  const onEdge = (url: string) => `${s.edge}${new URL(url).pathname}${new URL(url).search}`;
  const { createUpload } = await gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
    s.graph,
    'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }',
    { i: { filename: 'bench.gz', contentType: 'application/gzip', size: SIZE } },
    s.token,
  );
  const upSampler = sampleRss(s.pids);
  await upSampler.ready;
  const up = await timed(() => put(onEdge(createUpload.uploadUrl), s.source));
  const upRss = await upSampler.stop();
  if (up.result !== 201) throw new Error(`upload answered ${up.result}; see ${join(s.work, 'logs')}`);

  const id = createUpload.file.id;
  const { file } = await gql<{ file: { downloadUrl: string; sha256: string } }>(
    s.graph,
    'query ($id: ID!) { file(id: $id) { downloadUrl sha256 } }',
    { id },
    s.token,
  );
  const target = join(s.work, 'download.bin');
  const downSampler = sampleRss(s.pids);
  await downSampler.ready;
  const down = await timed(() => download(onEdge(file.downloadUrl), target));
  const downRss = await downSampler.stop();
  if (down.result !== SIZE) throw new Error(`downloaded ${down.result} of ${SIZE} bytes`);
  if ((await sha256Of(target)) !== file.sha256) throw new Error('downloaded bytes differ');
  await gql(s.graph, 'mutation ($id: ID!) { deleteFile(id: $id) }', { id }, s.token);
  return { cp, up: up.seconds, down: down.seconds, rss: { upload: upRss, download: downRss } };
}

function report(rounds: Round[], synced: number): string {
  const median = (pick: (r: Round) => number) => rounds.map(pick).sort((a, b) => a - b)[rounds.length >> 1];
  const cp = median((r) => r.cp);
  const vsCp = (seconds: number) => `${(rate(seconds) / rate(cp)).toFixed(2)}x cp`;
  const each = (pick: (r: Round) => number) => rounds.map((r) => rate(pick(r)).toFixed(0)).join(', ');
  const lines = [
    `files benchmark: ${SIZE / MiB} MiB ${direct ? 'DIRECT to files (no gateway)' : 'through the gateway'}, median of ${rounds.length} rounds`,
    `  cp (same disk)     ${mbs(cp)}  rounds: ${each((r) => r.cp)}`,
    `  cp + fsync (dd)    ${mbs(synced)}  the durability an upload has (${(rate(synced) / rate(cp)).toFixed(2)}x cp)`,
    `  upload   (PUT)     ${mbs(median((r) => r.up))}  ${vsCp(median((r) => r.up))}  rounds: ${each((r) => r.up)}`,
    `  download (GET)     ${mbs(median((r) => r.down))}  ${vsCp(median((r) => r.down))}  rounds: ${each((r) => r.down)}`,
  ];
  for (const phase of ['upload', 'download'] as const) {
    for (const name of Object.keys(rounds[0].rss[phase])) {
      const peaks = rounds.map((r) => r.rss[phase][name]);
      const worst = peaks.reduce((a, b) => (b.peak - b.start > a.peak - a.start ? b : a));
      lines.push(
        `  ${phase.padEnd(8)} ${name.padEnd(7)} RSS ${mib(worst.start)} -> peak ${mib(worst.peak)} (growth ${mib(worst.peak - worst.start)}, worst round)`,
      );
    }
  }
  lines.push('  MB = 10^6 bytes. The upload hashes, sniffs and fsyncs; plain cp does not sync.');
  return lines.join('\n');
}

/** The other services (queues, streams) write under the run's prefix; leave the shared Redis as found. */
async function dropKeys(prefix: string) {
  const redis = new Redis(testRedisUrl());
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length) await redis.del(...(keys as string[]));
  }
  await redis.quit();
}

async function main() {
  const root = findRepoRoot();
  const work = join(root, '.data', 'bench-files');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const db = await createTestDatabase('bench_files');
  const redisPrefix = testRedisPrefix('bench-files');
  const source = join(work, 'source.bin');
  let stop = async () => {};
  try {
    await makeSource(source);
    // Warm the page cache, so every contestant reads the source from memory alike.
    execFileSync('cat', [source], { stdio: ['ignore', 'ignore', 'inherit'] });
    const platform = await startPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      redisPrefix,
      ports: 'random',
      output: { dir: join(work, 'logs') },
      services: direct ? ['identity', 'files'] : undefined,
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        FILES_DIR: join(work, 'storage'),
        FILES_MAX_SIZE: String(SIZE),
      },
    });
    stop = platform.stop;
    const pids: Record<string, number> = { files: pidOn(platform.urls.files) };
    if (!direct) pids.gateway = pidOn(platform.gatewayUrl);
    const { register } = await gql<{ register: { accessToken: string } }>(
      direct ? platform.urls.identity : platform.gatewayUrl,
      'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }',
      { i: { username: 'bencher', email: 'bench@example.com', password: 'bench password 123' } },
    );
    const session: Session = {
      work,
      source,
      edge: direct ? platform.urls.files : platform.gatewayUrl,
      graph: direct ? platform.urls.files : platform.gatewayUrl,
      token: register.accessToken,
      pids,
    };
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(session));
    const dd = [`if=${source}`, `of=${join(work, 'synced.bin')}`, 'bs=1M', 'conv=fsync', 'status=none'];
    const synced = (await timed(async () => execFileSync('dd', dd))).seconds;
    console.log(`\n${report(rounds, synced)}`);
  } finally {
    await stop();
    await db.drop();
    await dropKeys(redisPrefix);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
