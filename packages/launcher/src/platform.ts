import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { type Instance, layOut } from './cluster.js';
import { type AdminCredentials, formatLogLine, parseFirstAdmin, SERVICE_COLORS } from './format.js';
import { allServing, type Balancer, HAPROXY_CONFIG, startBalancer } from './haproxy.js';
import { findRepoRoot, packageDirOf } from './repo.js';
import { CrashLoop, type RestartEvent, type RestartPolicy, revive } from './restarts.js';
import { envName, SERVICES, type ServiceSpec } from './services.js';
import { type ExitInfo, httpReady, LaunchError, Supervised, waitUntil } from './supervisor.js';

export interface PlatformOptions {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix?: string;
  /** Extra variables for every service; the wiring (URLs, PORT) always wins over them. */
  env?: Record<string, string>;
  /** 'random' picks free ports (parallel test runs); a record overrides some defaults by name. */
  ports?: 'random' | Record<string, number>;
  /**
   * Runs this many instances of every service behind HAProxy (deploy/haproxy/haproxy.cfg), which then
   * listens on the services' ports: `<NAME>_URL` names it, and instance i of a service listens on the
   * service's port + 100 × i (`tasks#2` on 4203), or on a free port with ports 'random'.
   * @default one process per service, no balancer
   */
  replicas?: number;
  /** HAProxy's statistics port, with replicas. @default 8404, or a free one with ports 'random' */
  statsPort?: number;
  /** @default haproxy found on the PATH */
  haproxyCommand?: string;
  /** @default deploy/haproxy/haproxy.cfg of the repo this package is in */
  haproxyConfig?: string;
  /** Where service logs go: this terminal, nowhere, or `<dir>/<name>.log`. @default 'inherit' */
  output?: 'inherit' | 'silent' | { dir: string };
  /** Names of the services to start. @default every service in the registry */
  services?: string[];
  /** @default the repo this package is in */
  repoRoot?: string;
  /** Replaces the registry; the launcher's own tests run a fixture through it. */
  registry?: readonly ServiceSpec[];
  /** @default 60_000 */
  readyTimeoutMs?: number;
  /** How long a service gets to stop before SIGKILL. @default 10_000 */
  stopTimeoutMs?: number;
  /** Aborting stops what has started and makes the start reject (Ctrl-C during start-up). */
  signal?: AbortSignal;
  /**
   * A service that crashes after start-up is started again with backoff, until it crashes too often
   * (`npm start` sets this). Without it, a crash only calls `onExit`. @default off
   */
  restart?: RestartPolicy;
  /** Each restart, restart done, and giving up. */
  onRestart?: (event: RestartEvent) => void;
  /** A service died after start-up without being asked to, and stays down (no restarts, or it gave up). */
  onExit?: (exit: ExitInfo) => void;
  /** identity generated the first admin (seen once, on a fresh database). */
  onFirstAdmin?: (admin: AdminCredentials) => void;
}

export interface Platform {
  /** '' when the gateway was not among `services`. HAProxy's public frontend with replicas. */
  gatewayUrl: string;
  /** By service name (HAProxy's frontends with replicas), and by instance name (`gateway#1`). */
  urls: Record<string, string>;
  /** HAProxy's `/stats;csv`, with replicas. */
  balancerStatsUrl?: string;
  /** Set when identity created the first admin during this start. */
  firstAdmin?: AdminCredentials;
  /** Gateway first, then the rest; SIGKILL after `stopTimeoutMs`. Safe to call twice. */
  stop(): Promise<void>;
  /** Recent log lines of one process (`tasks`, `tasks#2`, `haproxy`), formatted, newest last. */
  logs(name: string): string;
  /** The pid of a process's current incarnation (a restart gives a new one); fault tests kill it. */
  pid(name: string): number | undefined;
}

function pickServices(registry: readonly ServiceSpec[], names?: string[]): ServiceSpec[] {
  if (!names) return [...registry];
  const unknown = names.filter((n) => !registry.some((s) => s.name === n));
  if (unknown.length) {
    throw new Error(
      `unknown service ${unknown.join(', ')}; known: ${registry.map((s) => s.name).join(', ')}`,
    );
  }
  return registry.filter((s) => names.includes(s.name));
}

/** The first service whose entry file is missing, as an error saying what to do. */
export function missingBuild(repo: string, specs: readonly ServiceSpec[]): LaunchError | undefined {
  const spec = specs.find((s) => !existsSync(join(repo, s.entry)));
  return (
    spec && new LaunchError(spec.name, `is not built (${spec.entry} is missing); run \`npm run build\` first`)
  );
}

/**
 * glibc gives freed heap back to the kernel once 128 KiB lie unused at its top, and the next socket read
 * faults those pages in again: a 1 GiB file relayed through the gateway spent a third of the gateway's
 * CPU on that churn. Keeping up to 32 MiB (and serving up to 4 MiB from the heap, not fresh mmaps) stops
 * it. The Dockerfile sets the same.
 */
export const MALLOC_TUNABLES = 'glibc.malloc.trim_threshold=33554432:glibc.malloc.mmap_threshold=4194304';

/**
 * Starts the services as `npm start` does, against the given Postgres and Redis: subgraphs and
 * workers in parallel, each waited for on its ready probe, then the gateway. With replicas, the first
 * instance of each comes up before the others, HAProxy starts last, and the start ends once its
 * checks have every instance in rotation. Any failure stops
 * what was started and rejects with a `LaunchError` naming the process and carrying its last lines.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const repo = options.repoRoot ?? findRepoRoot();
  const specs = pickServices(options.registry ?? SERVICES, options.services);
  const unbuilt = missingBuild(repo, specs);
  if (unbuilt) throw unbuilt;
  const layout = await layOut(specs, options);
  const urls: Record<string, string> = {};
  for (const [name, port] of layout.fronts) urls[name] = `http://127.0.0.1:${port}`;
  const cluster = layout.statsPort !== undefined;
  const statsUrl = cluster ? `http://127.0.0.1:${layout.statsPort}/stats;csv` : undefined;
  if (cluster) for (const i of layout.instances) if (i.port) urls[i.name] = `http://127.0.0.1:${i.port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? MALLOC_TUNABLES,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // No nightly backups unless asked: a laptop sleeps at 02:00, the embedded PostgreSQL 18 has no
    // pg_dump 18 beside it on most machines (each run would fail and raise an error group), and a
    // backup on the disk it protects is no disaster recovery. `BACKUP_SCHEDULE="0 2 * * *" npm start` opts in.
    BACKUP_SCHEDULE: process.env.BACKUP_SCHEDULE ?? '',
    // Behind HAProxy a gateway's peer is HAProxy; the client is the address it appends.
    ...(cluster ? { TRUST_PROXY: process.env.TRUST_PROXY ?? '1' } : {}),
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    ...(options.redisPrefix === undefined ? {} : { REDIS_PREFIX: options.redisPrefix }),
    ...(statsUrl ? { HAPROXY_STATS_URL: statsUrl } : {}),
  };
  // Every service learns every address, the gateway's included: signed file URLs name the public origin.
  for (const s of specs) if (urls[s.name]) env[`${envName(s.name)}_URL`] = urls[s.name];

  const output = options.output ?? 'inherit';
  const color = output === 'inherit' && process.stdout.isTTY && !process.env.NO_COLOR;
  const width = Math.max(...layout.instances.map((i) => i.name.length), cluster ? 'haproxy'.length : 0);
  const files: WriteStream[] = [];
  if (typeof output === 'object') mkdirSync(output.dir, { recursive: true });
  /** Where one process's formatted lines go. */
  const sink = (name: string, order: number) => {
    const format = {
      name,
      width,
      color: color ? SERVICE_COLORS[order % SERVICE_COLORS.length] : undefined,
    };
    let write = (_text: string) => {};
    if (output === 'inherit') write = (text) => process.stdout.write(`${text}\n`);
    if (typeof output === 'object') {
      const file = createWriteStream(join(output.dir, `${name}.log`), { flags: 'a' });
      files.push(file);
      write = (text) => file.write(`${text}\n`);
    }
    return (line: string) => write(formatLogLine(line, format));
  };

  const procs = new Map<string, Supervised>();
  /** Processes that passed their ready probe: only their deaths start a restart (not a failed restart's). */
  const up = new WeakSet<Supervised>();
  const loops = new Map<string, CrashLoop>();
  let balancer: Balancer | undefined;
  let firstAdmin: AdminCredentials | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;

  const launch = (instance: Instance) => {
    if (stopping) throw new LaunchError(instance.name, 'was not started: the platform is stopping');
    const { spec } = instance;
    const write = sink(instance.name, instance.order);
    const entry = join(repo, spec.entry);
    const proc = new Supervised({
      name: instance.name,
      command: process.execPath,
      args: [entry, ...(spec.args ?? [])],
      cwd: packageDirOf(entry),
      env: { ...env, ...instance.env },
      onLine: (line) => {
        const admin = parseFirstAdmin(line);
        if (admin) {
          firstAdmin = admin;
          options.onFirstAdmin?.(admin);
        }
        write(line);
      },
    });
    procs.set(instance.name, proc);
    void proc.exited.then((exit) => {
      if (!started || exit.expected || stopping || !up.has(proc)) return;
      if (options.restart) void restart(instance, exit);
      else options.onExit?.(exit);
    });
    return proc;
  };

  const restart = async (instance: Instance, exit: ExitInfo) => {
    const loop = loops.get(instance.name) ?? new CrashLoop(options.restart);
    loops.set(instance.name, loop);
    const back = await revive(exit, {
      name: instance.name,
      loop,
      stopped: () => stopping !== undefined,
      report: (event) => options.onRestart?.(event),
      start: async () => {
        const proc = launch(instance);
        try {
          await ready(instance, proc);
        } catch (err) {
          // A restart that hangs before ready must not stay behind half alive.
          await proc.stop(2_000);
          throw err;
        }
        up.add(proc);
        return proc;
      },
    });
    if (!back && !stopping) options.onExit?.(exit);
  };

  const ready = async (instance: Instance, proc: Supervised) => {
    if (!instance.spec.ready || instance.port === undefined) return;
    await waitUntil(() => httpReady(`http://127.0.0.1:${instance.port}${instance.spec.ready}`), {
      what: instance.name,
      timeoutMs: options.readyTimeoutMs ?? 60_000,
      intervalMs: 200,
      process: proc,
    });
  };

  const stop = () => {
    stopping ??= (async () => {
      const timeout = options.stopTimeoutMs ?? 10_000;
      const all = [...procs.values()];
      const role = (p: Supervised) => layout.instances.find((i) => i.name === p.name)?.spec.role;
      // Gateways drain first (their requests still reach the subgraphs through HAProxy), then the rest,
      // then HAProxy.
      const gateways = all.filter((p) => role(p) === 'gateway');
      await Promise.all(gateways.map((p) => p.stop(timeout)));
      await Promise.all(all.filter((p) => !gateways.includes(p)).map((p) => p.stop(timeout)));
      await balancer?.stop();
      await Promise.all(files.map((f) => new Promise((resolve) => f.end(resolve))));
    })();
    return stopping;
  };

  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();
  try {
    const start = (which: (i: Instance) => boolean) =>
      Promise.all(layout.instances.filter(which).map((i) => ready(i, launch(i))));
    const gateway = (i: Instance) => i.spec.role === 'gateway';
    // The first instance of each service migrates and seeds (the first admin); the others find it done.
    await start((i) => !gateway(i) && i.index === 1);
    await start((i) => !gateway(i) && i.index > 1);
    await start(gateway);
    // HAProxy last: it takes servers for up until its checks say otherwise, so it starts once they are.
    if (cluster) {
      const write = sink('haproxy', specs.length);
      balancer = await startBalancer({
        configFile: options.haproxyConfig ?? join(findRepoRoot(), HAPROXY_CONFIG),
        layout,
        env,
        statsUrl: statsUrl!,
        command: options.haproxyCommand,
        // Its start and stop notices are noise; what happens in between is not (a failure quotes all).
        onLine: (line) => started && !stopping && write(line),
        restart: options.restart,
        onRestart: options.onRestart,
        onExit: options.onExit,
        stopping: () => stopping !== undefined,
      });
    }
    if (statsUrl) await allServing(statsUrl, options.readyTimeoutMs ?? 60_000, balancer?.current.process);
    for (const proc of procs.values()) {
      if (!proc.running) throw new LaunchError(proc.name, 'exited during start-up', proc.lines());
      up.add(proc);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  started = true;

  const logsOf = (name: string) =>
    name === 'haproxy' ? balancer?.current.process.lines() : procs.get(name)?.lines();
  return {
    gatewayUrl: urls[specs.find((s) => s.role === 'gateway')?.name ?? ''] ?? '',
    urls,
    balancerStatsUrl: statsUrl,
    get firstAdmin() {
      return firstAdmin;
    },
    stop,
    logs: (name) => (logsOf(name) ?? []).map((line) => formatLogLine(line, { name, width })).join('\n'),
    pid: (name) => (name === 'haproxy' ? balancer?.current.process.pid : procs.get(name)?.pid),
  };
}
