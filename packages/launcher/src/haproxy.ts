import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { readHaproxyStats } from '@trae/kit';
import { balancedServers, balancerEnv, type Layout } from './cluster.js';
import { keepRunning } from './keep-running.js';
import { findOnPath } from './redis-server.js';
import type { RestartEvent, RestartPolicy } from './restarts.js';
import { answering, type ExitInfo, httpReady, LaunchError, Supervised, waitUntil } from './supervisor.js';

export const HAPROXY_MISSING =
  'haproxy is not on your PATH: install it (Debian/Ubuntu: sudo apt install haproxy, ' +
  'macOS: brew install haproxy) or start without --replicas.';

/**
 * A command on the PATH, or in the sbin folders Debian installs daemons to (`/usr/sbin/haproxy`),
 * which an ordinary user's PATH leaves out.
 */
export const findDaemon = (command: string, path = process.env.PATH ?? '') =>
  findOnPath(command, [path, '/usr/local/sbin', '/usr/sbin', '/sbin'].join(delimiter));

/** The one HAProxy configuration, production's and the cluster's, relative to the repo root. */
export const HAPROXY_CONFIG = 'deploy/haproxy/haproxy.cfg';

const SERVER_TEMPLATE = /^(\s*)server-template\s+(\S+)\s+\S+\s+\S+(.*)$/;

/**
 * The production file made into the one-machine cluster's: each `server-template` (servers found by
 * DNS) becomes one `server` line per instance, with the same parameters. Sections whose service is not
 * run are left out (the launcher's tests run two), so nothing listens for them. All else is unchanged.
 */
export function clusterConfig(template: string, servers: Record<string, string[]>): string {
  // A section starts at an unindented keyword and takes the comment lines just above it.
  const sections: string[][] = [[]];
  for (const line of template.split('\n')) {
    if (/^[a-z]/.test(line)) {
      const previous = sections[sections.length - 1];
      let cut = previous.length;
      while (cut > 0 && previous[cut - 1].startsWith('#')) cut--;
      sections.push(previous.splice(cut));
    }
    sections[sections.length - 1].push(line);
  }
  const templated = new Set<string>();
  const kept = sections.flatMap((section) => {
    const lines: string[] = [];
    for (const line of section) {
      const match = SERVER_TEMPLATE.exec(line);
      if (!match) {
        lines.push(line);
        continue;
      }
      const [, indent, name, params] = match;
      templated.add(name);
      if (!servers[name]) return [];
      lines.push(...servers[name].map((address, i) => `${indent}server ${name}${i + 1} ${address}${params}`));
    }
    return lines;
  });
  const missing = Object.keys(servers).filter((name) => !templated.has(name));
  if (missing.length) {
    throw new LaunchError('haproxy', `has no server-template for ${missing.join(', ')} in ${HAPROXY_CONFIG}`);
  }
  return kept.join('\n');
}

/**
 * In the foreground HAProxy prints each notice twice: as `[WARNING]  (pid) : text` and, through its
 * `log stderr` target, as the bare text. The first is kept, without the pid; the echo is dropped.
 */
export function haproxyLines(onLine: (line: string) => void): (line: string) => void {
  let last: string | undefined;
  return (line) => {
    if (line === last) return;
    const notice = /^\[(\w+)\]\s+\(\d+\) : (.*)$/.exec(line);
    last = notice?.[2];
    onLine(notice ? `[${notice[1]}] ${notice[2]}` : line);
  };
}

export interface HaproxyOptions {
  /** The configuration to run (see `clusterConfig`); written to `dir/haproxy.cfg`. */
  config: string;
  /** Holds the configuration and the runtime API socket. */
  dir: string;
  /** Its variables: the binds the configuration reads, and any HAPROXY_* limits. */
  env: NodeJS.ProcessEnv;
  /** Its statistics page; it is up once that answers. */
  statsUrl: string;
  /** @default haproxy found on the PATH */
  command?: string;
  onLine?: (line: string) => void;
}

export interface Haproxy {
  process: Supervised;
  /** A soft stop (SIGUSR1): it stops listening and ends once its open connections are done. */
  stop(): Promise<void>;
}

/** HAProxy in the foreground, supervised like the services; resolves once its statistics answer. */
export async function startHaproxy(options: HaproxyOptions): Promise<Haproxy> {
  const command = options.command ?? findDaemon('haproxy');
  if (!command) throw new LaunchError('haproxy', HAPROXY_MISSING.replace(/^haproxy /, ''));
  const file = join(options.dir, 'haproxy.cfg');
  writeFileSync(file, options.config);
  const proc = new Supervised({
    name: 'haproxy',
    command,
    args: ['-db', '-f', file],
    cwd: options.dir,
    env: options.env,
    stopSignal: 'SIGUSR1',
    onLine: options.onLine && haproxyLines(options.onLine),
  });
  await answering(proc, () => httpReady(options.statsUrl), { what: 'haproxy', timeoutMs: 10_000 });
  return {
    process: proc,
    stop: async () => {
      await proc.stop(10_000);
    },
  };
}

/**
 * Waits until HAProxy's checks have passed for every server (it takes them for up, `UP 1/2`, until its
 * first check), so the first request finds them all.
 */
export async function allServing(statsUrl: string, timeoutMs: number, proc?: Supervised): Promise<void> {
  await waitUntil(
    async () => {
      const out = (await readHaproxyStats(statsUrl)).filter(
        (s) => s.status !== 'UP' && s.status !== 'no check',
      );
      return out.length === 0 || `${out.map((s) => `${s.backend}/${s.server} ${s.status}`).join(', ')}`;
    },
    { what: 'haproxy', timeoutMs, intervalMs: 200, process: proc },
  );
}

export interface BalancerOptions {
  /** The template: deploy/haproxy/haproxy.cfg. */
  configFile: string;
  layout: Layout;
  /** The services' variables; HAProxy's own (HAPROXY_RATE_LIMIT, ...) pass through them. */
  env: NodeJS.ProcessEnv;
  statsUrl: string;
  command?: string;
  onLine?: (line: string) => void;
  /** Restarted like the services with a policy; without one a crash is only reported. */
  restart?: RestartPolicy;
  onRestart?: (event: RestartEvent) => void;
  onExit?: (exit: ExitInfo) => void;
  /** True once the platform is stopping: an exit then is expected. */
  stopping: () => boolean;
}

export interface Balancer {
  /** The live HAProxy (a restart replaces it). */
  readonly current: Haproxy;
  /** Soft-stops it and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The cluster's HAProxy: deploy/haproxy/haproxy.cfg with the instances as servers and every frontend
 * on loopback, in a folder of its own (configuration, runtime API socket), supervised.
 */
export async function startBalancer(o: BalancerOptions): Promise<Balancer> {
  const config = clusterConfig(readFileSync(o.configFile, 'utf8'), balancedServers(o.layout));
  const dir = mkdtempSync(join(tmpdir(), 'trae-haproxy-'));
  const start = () =>
    startHaproxy({
      config,
      dir,
      env: {
        ...o.env,
        HAPROXY_LOG_LEVEL: o.env.HAPROXY_LOG_LEVEL ?? 'notice',
        ...balancerEnv(o.layout, join(dir, 'admin.sock')),
      },
      statsUrl: o.statsUrl,
      command: o.command,
      onLine: o.onLine,
    });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let first: Haproxy;
  try {
    first = await start();
  } catch (err) {
    removeDir();
    throw err;
  }
  if (!o.restart) {
    void first.process.exited.then((exit) => exit.expected || o.stopping() || o.onExit?.(exit));
    return { current: first, stop: () => first.stop().finally(removeDir) };
  }
  const kept = keepRunning(first, {
    start,
    policy: o.restart,
    onRestart: o.onRestart,
    onGaveUp: (exit) => o.onExit?.(exit),
    stopping: o.stopping,
  });
  return {
    get current() {
      return kept.current;
    },
    stop: () => kept.stop().finally(removeDir),
  };
}
