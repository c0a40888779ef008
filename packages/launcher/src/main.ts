/**
 * `npm start`: the whole platform on one machine. Postgres and Redis are embedded unless
 * DATABASE_URL / REDIS_URL point at real ones; then every service, the gateway last. With
 * `--replicas N` (`npm run start:cluster`: 2), N instances of each behind HAProxy.
 * It exits the process when done, so it is run only by cli.ts (and a test fixture).
 */

import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_STATS_PORT, instancePort } from './cluster.js';
import {
  connectionsFor,
  type EmbeddedPg,
  ownForPostgres,
  startEmbeddedPostgres,
  walArchiveSettings,
} from './embedded-pg.js';
import { type AdminCredentials, adminBanner, formatLogLine } from './format.js';
import { findDaemon, HAPROXY_MISSING } from './haproxy.js';
import { type KeptRunning, keepRunning } from './keep-running.js';
import { missingBuild, type Platform, startPlatform } from './platform.js';
import { isPortFree } from './ports.js';
import { findOnPath, REDIS_MISSING, type RedisServer, startRedisServer } from './redis-server.js';
import { findRepoRoot } from './repo.js';
import { DEFAULT_RESTARTS, describeRestart, type RestartEvent } from './restarts.js';
import { envName, SERVICES, type ServiceSpec } from './services.js';
import { describeExit, type ExitInfo, killAll, LaunchError } from './supervisor.js';

export interface LauncherOptions {
  /** @default the repo this package is in */
  repo?: string;
  /** @default SERVICES; the launcher's own test runs fixtures */
  registry?: readonly ServiceSpec[];
  /** Command-line arguments: `--replicas N`. @default process.argv.slice(2) */
  argv?: string[];
}

const env = process.env;
const say = (message: string) => process.stdout.write(`${message}\n`);
const fail = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (since = 0) => `${((performance.now() - since) / 1000).toFixed(1)}s`;
const verbose = ['debug', 'trace'].includes(env.LOG_LEVEL ?? '');
/** Bold yellow on a terminal, so the one-time credentials are not lost among the log lines. */
const banner = process.stdout.isTTY && !env.NO_COLOR ? '1;33' : undefined;

function portFromEnv(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`${name} must be a port number (1-65535), got "${raw}"`);
    process.exit(1);
  }
  return port;
}

/** Infrastructure that has answered its first probe; before that its complaints are our own polling. */
const upInfra = new Set<string>();

/**
 * Infrastructure logs are quiet unless something is wrong after start-up or LOG_LEVEL asks for
 * detail. Postgres's own time and pid prefix is dropped; the launcher's prefix has the time.
 */
const infraLine = (name: string, important?: RegExp) => (line: string) => {
  if (!verbose && !(upInfra.has(name) && important?.test(line))) return;
  const text = line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '');
  say(formatLogLine(text, { name, color: banner ? 90 : undefined }));
};

function printFailure(err: unknown) {
  if (err instanceof LaunchError) {
    fail(`\n✖ ${err.message}`);
    if (err.lines.length) {
      fail(`  last lines of ${err.service}:`);
      for (const line of err.lines.slice(-25)) fail(`  ${formatLogLine(line, { name: err.service })}`);
    }
  } else {
    fail(`\n✖ ${(err as Error).stack ?? String(err)}`);
  }
}

/** `--replicas N`: how many instances of each service run behind HAProxy; undefined without it. */
function replicasFrom(args: string[]): number | undefined {
  let raw: string | undefined;
  try {
    raw = parseArgs({ args, options: { replicas: { type: 'string' } } }).values.replicas;
  } catch (err) {
    fail(`${(err as Error).message}; the only option is --replicas N`);
    process.exit(1);
  }
  if (raw === undefined) return undefined;
  const replicas = Number(raw);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9) {
    fail(`--replicas must be a whole number from 1 to 9, got "${raw}"`);
    process.exit(1);
  }
  return replicas;
}

/** The WAL archive settings when BACKUP_WAL_ARCHIVE is true, its folder made and the server's. */
async function walArchiveFor(e: NodeJS.ProcessEnv, data: string, repo: string) {
  if (e.BACKUP_WAL_ARCHIVE !== 'true') return undefined;
  const backupDir = e.BACKUP_DIR || join(data, 'backups');
  await mkdir(join(backupDir, 'wal'), { recursive: true });
  await ownForPostgres(join(backupDir, 'wal'));
  // Encrypted or copied to a bucket: through @trae/recovery's WAL command (found by path: it depends on us).
  const viaCommand = Boolean(e.BACKUP_ENCRYPTION_KEY || e.BACKUP_S3_BUCKET);
  return walArchiveSettings(
    backupDir,
    viaCommand ? join(repo, 'packages/recovery/dist/wal-command.js') : undefined,
  );
}

export async function runLauncher(options: LauncherOptions = {}): Promise<void> {
  const repo = options.repo ?? findRepoRoot();
  const registry = options.registry ?? SERVICES;
  const replicas = replicasFrom(options.argv ?? process.argv.slice(2));
  const data = env.TRAE_DATA_DIR || join(repo, '.data');
  const pgPort = portFromEnv('EMBEDDED_PG_PORT', 54329);
  const redisPort = portFromEnv('EMBEDDED_REDIS_PORT', 63799);
  const statsPort = portFromEnv('HAPROXY_STATS_PORT', DEFAULT_STATS_PORT);
  const ports = Object.fromEntries(
    registry.filter((s) => s.port).map((s) => [s.name, portFromEnv(`${envName(s.name)}_PORT`, s.port!)]),
  );

  // Everything that can be checked is checked before anything starts, so a failure leaves nothing behind.
  const unbuilt = missingBuild(repo, registry);
  if (unbuilt) {
    fail(`${unbuilt.message}`);
    process.exit(1);
  }
  if (!env.REDIS_URL && !findOnPath('redis-server')) {
    fail(REDIS_MISSING);
    process.exit(1);
  }
  if (replicas && !findDaemon('haproxy')) {
    fail(HAPROXY_MISSING);
    process.exit(1);
  }
  const wanted: [number, string, string][] = Object.entries(ports).map(([n, p]) => [
    p,
    replicas ? `HAProxy's frontend for ${n}` : n,
    `${envName(n)}_PORT`,
  ]);
  for (let i = 1; i <= (replicas ?? 0); i++) {
    for (const [n, p] of Object.entries(ports)) {
      wanted.push([instancePort(p, i), `${n}#${i}`, `${envName(n)}_PORT (instances take it + 100 × n)`]);
    }
  }
  if (replicas) wanted.push([statsPort, "HAProxy's statistics", 'HAPROXY_STATS_PORT']);
  if (!env.DATABASE_URL) wanted.push([pgPort, 'embedded PostgreSQL', 'EMBEDDED_PG_PORT']);
  if (!env.REDIS_URL) wanted.push([redisPort, 'embedded Redis', 'EMBEDDED_REDIS_PORT']);
  for (const [port, what, variable] of wanted) {
    if (!(await isPortFree(port))) {
      fail(
        `port ${port} (${what}) is in use, perhaps by an earlier run still going; stop it or set ${variable}`,
      );
      process.exit(1);
    }
  }

  const infra: KeptRunning<EmbeddedPg | RedisServer>[] = [];
  const aborted = new AbortController();
  let infraStarting: Promise<unknown> = Promise.resolve();
  let platformStarting: Promise<Platform> | undefined;
  let admin: AdminCredentials | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    say(code === 0 ? '\nstopping…' : 'stopping everything…');
    // A Ctrl-C during start-up: what is half started finishes starting or fails, then stops in order.
    aborted.abort();
    await infraStarting;
    // Services stop before the database and Redis they use; a start cut short stops them itself.
    await platformStarting?.then(
      (platform) => platform.stop(),
      () => {},
    );
    await Promise.all(infra.map((i) => i.stop()));
    say(`stopped in ${seconds(started)}`);
    process.exit(code);
  };
  const crashed = (exit: ExitInfo, lines: string[] = []) => {
    if (stopping) return;
    fail(`\n✖ ${exit.name} ${describeExit(exit)} unexpectedly`);
    for (const line of lines.slice(-25)) fail(`  ${formatLogLine(line, { name: exit.name })}`);
    void shutdown(1);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (!stopping) return void shutdown(0);
      say('stopping now (killed)');
      killAll();
      process.exit(130);
    });
  }
  // One line per supervision event; giving up takes the platform down, as a crash used to.
  const report = (event: RestartEvent) =>
    (event.kind === 'restarted' ? say : fail)(describeRestart(event, DEFAULT_RESTARTS));
  /** PostgreSQL and Redis are restarted like the services; giving up stops everything. */
  const watch = <T extends EmbeddedPg | RedisServer>(
    item: T,
    what: string,
    since: number,
    again: () => Promise<T>,
  ) => {
    infra.push(
      keepRunning(item, {
        start: again,
        policy: DEFAULT_RESTARTS,
        onRestart: report,
        onGaveUp: crashed,
        stopping: () => stopping,
      }),
    );
    upInfra.add(item.process.name);
    say(`${item.process.name} ready on 127.0.0.1:${new URL(item.url).port} in ${seconds(since)} (${what})`);
    return item.url;
  };
  const shown = (dir: string) => (dir.startsWith(repo) ? relative(repo, dir) : dir);

  try {
    const t = performance.now();
    const pgDir = join(data, 'postgres');
    // BACKUP_WAL_ARCHIVE=true: the embedded server archives its WAL for `npm run restore -- --to`.
    const walArchive = await walArchiveFor(env, data, repo);
    const redisDir = join(data, 'redis');
    // Both are awaited even when one fails, so the other is registered and stopped, never leaked.
    const startPg = () =>
      startEmbeddedPostgres({
        dataDir: pgDir,
        port: pgPort,
        maxConnections: connectionsFor(registry.length * (replicas ?? 1)),
        onNotice: (m) => say(`postgres: ${m}`),
        onLine: infraLine('postgres', /\b(ERROR|FATAL|PANIC):/),
        settings: walArchive,
      });
    const startRedis = () => startRedisServer({ port: redisPort, dir: redisDir, onLine: infraLine('redis') });
    const starting = Promise.allSettled([
      env.DATABASE_URL ||
        startPg().then((pg) =>
          watch(pg, pg.initialised ? `new cluster in ${shown(pgDir)}` : shown(pgDir), t, startPg),
        ),
      env.REDIS_URL || startRedis().then((r) => watch(r, shown(redisDir), t, startRedis)),
    ]);
    infraStarting = starting;
    const settled = await starting;
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (stopping) return;
    const [database, redis] = settled.map((r) => (r as PromiseFulfilledResult<string>).value);
    const each = replicas ? `, ${replicas} of each behind HAProxy` : '';
    say(`starting ${registry.map((s) => s.name).join(', ')}${each} (LOG_LEVEL=${env.LOG_LEVEL ?? 'info'})`);
    platformStarting = startPlatform({
      repoRoot: repo,
      registry,
      databaseUrl: database,
      redisUrl: redis,
      redisPrefix: env.REDIS_PREFIX,
      ports,
      replicas,
      statsPort,
      output: 'inherit',
      signal: aborted.signal,
      restart: DEFAULT_RESTARTS,
      onRestart: report,
      // It gave up (and said so): the platform stops, as any unrecoverable crash does.
      onExit: () => void (stopping || shutdown(1)),
      onFirstAdmin: (a) => {
        admin = a;
      },
    });
    const platform = await platformStarting;
    const gateway = new URL(platform.gatewayUrl).port;
    say(
      `\nTRAE.AI is up: http://localhost:${gateway} (GraphQL at /graphql) in ${seconds()} on Node.js ${process.version}`,
    );
    if (platform.balancerStatsUrl) {
      say(
        `HAProxy in front of ${replicas} instances of each service; its statistics: ${platform.balancerStatsUrl.replace(';csv', '')}`,
      );
    }
    if (admin) say(adminBanner(admin, banner));
    say('Press Ctrl-C to stop.');
  } catch (err) {
    // The admin exists now even if start-up failed or was cut short; its password must not be lost.
    if (!stopping) printFailure(err);
    if (admin) say(adminBanner(admin, banner));
    if (!stopping) await shutdown(1);
  }
}
