import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { type AdminCredentials, formatLogLine, parseFirstAdmin, SERVICE_COLORS } from './format.js';
import { freePorts } from './ports.js';
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
  /** '' when the gateway was not among `services`. */
  gatewayUrl: string;
  urls: Record<string, string>;
  /** Set when identity created the first admin during this start. */
  firstAdmin?: AdminCredentials;
  /** Gateway first, then the rest; SIGKILL after `stopTimeoutMs`. Safe to call twice. */
  stop(): Promise<void>;
  /** Recent log lines of one service, formatted, newest last. */
  logs(name: string): string;
  /** The pid of a service's current process (a restart gives a new one); fault tests kill it. */
  pid(name: string): number | undefined;
}

async function assignPorts(specs: ServiceSpec[], ports: PlatformOptions['ports']) {
  const listening = specs.filter((s) => s.port !== undefined);
  const random = ports === 'random' ? await freePorts(listening.length) : [];
  return new Map(
    listening.map((s, i) => [
      s.name,
      ports === 'random' ? random[i] : ((ports as Record<string, number> | undefined)?.[s.name] ?? s.port!),
    ]),
  );
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
 * workers in parallel, each waited for on its ready probe, then the gateway. Any failure stops what
 * was started and rejects with a `LaunchError` naming the service and carrying its last lines.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const repo = options.repoRoot ?? findRepoRoot();
  const specs = pickServices(options.registry ?? SERVICES, options.services);
  const unbuilt = missingBuild(repo, specs);
  if (unbuilt) throw unbuilt;
  const ports = await assignPorts(specs, options.ports);
  const urls: Record<string, string> = {};
  for (const [name, port] of ports) urls[name] = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? MALLOC_TUNABLES,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    ...(options.redisPrefix === undefined ? {} : { REDIS_PREFIX: options.redisPrefix }),
  };
  // Every service learns every address, the gateway's included: signed file URLs name the public origin.
  for (const s of specs) if (urls[s.name]) env[`${envName(s.name)}_URL`] = urls[s.name];

  const output = options.output ?? 'inherit';
  const color = output === 'inherit' && process.stdout.isTTY && !process.env.NO_COLOR;
  const width = Math.max(...specs.map((s) => s.name.length));
  const files: WriteStream[] = [];
  if (typeof output === 'object') mkdirSync(output.dir, { recursive: true });

  const procs = new Map<string, Supervised>();
  /** Processes that passed their ready probe: only their deaths start a restart (not a failed restart's). */
  const up = new WeakSet<Supervised>();
  const loops = new Map<string, CrashLoop>();
  let firstAdmin: AdminCredentials | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;

  const launch = (spec: ServiceSpec, index: number) => {
    if (stopping) throw new LaunchError(spec.name, 'was not started: the platform is stopping');
    const format = {
      name: spec.name,
      width,
      color: color ? SERVICE_COLORS[index % SERVICE_COLORS.length] : undefined,
    };
    let write = (_text: string) => {};
    if (output === 'inherit') write = (text) => process.stdout.write(`${text}\n`);
    if (typeof output === 'object') {
      const file = createWriteStream(join(output.dir, `${spec.name}.log`), { flags: 'a' });
      files.push(file);
      write = (text) => file.write(`${text}\n`);
    }
    const entry = join(repo, spec.entry);
    const port = ports.get(spec.name);
    const proc = new Supervised({
      name: spec.name,
      command: process.execPath,
      args: [entry, ...(spec.args ?? [])],
      cwd: packageDirOf(entry),
      env: port === undefined ? env : { ...env, PORT: String(port) },
      onLine: (line) => {
        const admin = parseFirstAdmin(line);
        if (admin) {
          firstAdmin = admin;
          options.onFirstAdmin?.(admin);
        }
        write(formatLogLine(line, format));
      },
    });
    procs.set(spec.name, proc);
    void proc.exited.then((exit) => {
      if (!started || exit.expected || stopping || !up.has(proc)) return;
      if (options.restart) void restart(spec, index, exit);
      else options.onExit?.(exit);
    });
    return proc;
  };

  const restart = async (spec: ServiceSpec, index: number, exit: ExitInfo) => {
    const loop = loops.get(spec.name) ?? new CrashLoop(options.restart);
    loops.set(spec.name, loop);
    const back = await revive(exit, {
      name: spec.name,
      loop,
      stopped: () => stopping !== undefined,
      report: (event) => options.onRestart?.(event),
      start: async () => {
        const proc = launch(spec, index);
        try {
          await ready(spec, proc);
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

  const ready = async (spec: ServiceSpec, proc: Supervised) => {
    if (!spec.ready) return;
    await waitUntil(() => httpReady(`${urls[spec.name]}${spec.ready}`), {
      what: spec.name,
      timeoutMs: options.readyTimeoutMs ?? 60_000,
      intervalMs: 200,
      process: proc,
    });
  };

  const stop = () => {
    stopping ??= (async () => {
      const timeout = options.stopTimeoutMs ?? 10_000;
      const all = [...procs.values()];
      const gateways = all.filter((p) => specs.find((s) => s.name === p.name)?.role === 'gateway');
      await Promise.all(gateways.map((p) => p.stop(timeout)));
      await Promise.all(all.filter((p) => !gateways.includes(p)).map((p) => p.stop(timeout)));
      await Promise.all(files.map((f) => new Promise((resolve) => f.end(resolve))));
    })();
    return stopping;
  };

  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();
  try {
    const order = specs.map((s, i) => ({ s, i }));
    await Promise.all(
      order.filter(({ s }) => s.role !== 'gateway').map(({ s, i }) => ready(s, launch(s, i))),
    );
    for (const { s, i } of order.filter(({ s }) => s.role === 'gateway')) await ready(s, launch(s, i));
    for (const proc of procs.values()) {
      if (!proc.running) throw new LaunchError(proc.name, 'exited during start-up', proc.lines());
      up.add(proc);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  started = true;

  return {
    gatewayUrl: urls[specs.find((s) => s.role === 'gateway')?.name ?? ''] ?? '',
    urls,
    get firstAdmin() {
      return firstAdmin;
    },
    stop,
    logs: (name) =>
      (procs.get(name)?.lines() ?? []).map((line) => formatLogLine(line, { name, width })).join('\n'),
    pid: (name) => procs.get(name)?.pid,
  };
}
