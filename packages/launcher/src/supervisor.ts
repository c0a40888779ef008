import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { unwatch, watch } from './watchdog.js';

export interface ExitInfo {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all. */
  error?: Error;
  /** True when we asked it to stop; false means it died on its own. */
  expected: boolean;
}

export interface SuperviseOptions {
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** What a clean stop sends; postgres wants SIGINT (fast shutdown). @default 'SIGTERM' */
  stopSignal?: NodeJS.Signals;
  /** Each line of stdout and stderr, as written. */
  onLine?: (line: string) => void;
  /** How many recent lines `lines()` keeps. @default 300 */
  keepLines?: number;
}

export const describeExit = (e: ExitInfo) =>
  e.error
    ? `could not start (${e.error.message})`
    : e.signal
      ? `was killed by ${e.signal}`
      : `exited with code ${e.code}`;

/** A start-up failure that names the process and carries its last lines, so the cause is on screen. */
export class LaunchError extends Error {
  constructor(
    readonly service: string,
    problem: string,
    readonly lines: string[] = [],
  ) {
    super(`${service} ${problem}`);
  }
}

/**
 * Processes still running when this process exits (an exception, process.exit) are signalled at
 * once; `exit` handlers cannot wait. The watchdog covers deaths where no handler runs.
 */
const live = new Set<Supervised>();
let reaperInstalled = false;
function installReaper() {
  if (reaperInstalled) return;
  reaperInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.signal(p.stopSignal);
  });
}

/** A second Ctrl-C: no more waiting, every process we started is killed now. */
export function killAll(): void {
  for (const p of live) p.signal('SIGKILL');
}

/**
 * One child process in its own process group (`detached`), so a terminal's Ctrl-C reaches only the
 * launcher, which then stops the children in order instead of all of them at once.
 */
export class Supervised {
  readonly name: string;
  readonly pid: number | undefined;
  readonly stopSignal: NodeJS.Signals;
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private readonly recent: string[] = [];
  private readonly keep: number;
  private stopping = false;
  private done?: ExitInfo;

  constructor(options: SuperviseOptions) {
    this.name = options.name;
    this.stopSignal = options.stopSignal ?? 'SIGTERM';
    this.keep = options.keepLines ?? 300;
    this.child = spawn(options.command, options.args ?? [], {
      cwd: options.cwd,
      env: options.env,
      uid: options.uid,
      gid: options.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = this.child.pid;
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
        this.recent.push(line);
        if (this.recent.length > this.keep) this.recent.shift();
        options.onLine?.(line);
      });
    }
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        if (this.done) return;
        this.done = { name: this.name, code, signal, error, expected: this.stopping };
        live.delete(this);
        if (this.pid !== undefined) unwatch(this.pid);
        // Whatever the process left in its group (workers it forked) goes with it.
        if (!error) this.signal('SIGKILL');
        resolve(this.done);
      };
      this.child.once('error', (err) => {
        if (this.child.pid === undefined) finish(null, null, err);
      });
      // 'close' comes after the last output line; a grandchild holding the pipe must not delay us.
      this.child.once('exit', (code, signal) => {
        const timer = setTimeout(() => finish(code, signal), 300);
        this.child.once('close', () => {
          clearTimeout(timer);
          finish(code, signal);
        });
      });
    });
    if (this.pid !== undefined) {
      live.add(this);
      installReaper();
      watch(this.pid, this.stopSignal);
    }
  }

  get running(): boolean {
    return this.done === undefined;
  }

  /** The most recent lines of output, oldest first. */
  lines(): string[] {
    return [...this.recent];
  }

  /**
   * A stop signal goes to the process itself (it shuts its helpers down in order); SIGKILL goes to
   * the whole group. Once it has exited only the group is signalled, since its pid may be reused.
   */
  signal(signal: NodeJS.Signals): void {
    if (this.pid === undefined) return;
    const targets = signal === 'SIGKILL' ? [-this.pid, this.pid] : [this.pid];
    for (const target of this.done ? [-this.pid] : targets) {
      try {
        process.kill(target, signal);
        return;
      } catch {
        // that target is already gone
      }
    }
  }

  /** Asks politely, waits up to `timeoutMs`, then kills the group. Resolves once it is gone. */
  async stop(timeoutMs = 10_000): Promise<ExitInfo> {
    if (this.done) return this.done;
    this.stopping = true;
    this.signal(this.stopSignal);
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface WaitOptions {
  /** Named in the error. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Stop waiting as soon as this process dies. */
  process?: Supervised;
}

/**
 * Polls `check` until it returns true. A string return is the current reason it is not ready,
 * quoted in the timeout error.
 */
export async function waitUntil(check: () => Promise<true | string>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let reason = 'no answer yet';
  for (;;) {
    const proc = options.process;
    if (proc && !proc.running) {
      const exit = await proc.exited;
      throw new LaunchError(options.what, `${describeExit(exit)} before it was ready`, proc.lines());
    }
    try {
      const result = await check();
      if (result === true) return;
      reason = result;
    } catch (err) {
      reason = (err as Error).message;
    }
    if (Date.now() > deadline) {
      const seconds = Math.round(options.timeoutMs / 1000);
      throw new LaunchError(options.what, `was not ready after ${seconds}s (${reason})`, proc?.lines());
    }
    await sleep(options.intervalMs ?? 100);
  }
}

/** Waits for a daemon just started to answer; one that never does is stopped, not left behind. */
export async function answering(
  proc: Supervised,
  check: () => Promise<true | string>,
  options: Omit<WaitOptions, 'process'>,
): Promise<void> {
  try {
    await waitUntil(check, { intervalMs: 50, ...options, process: proc });
  } catch (err) {
    await proc.stop(2_000);
    throw err;
  }
}

/**
 * One readiness probe: true on a 2xx answer, otherwise what went wrong. It sends
 * `Connection: close` because a kept-alive probe socket would make the service's graceful
 * stop wait for it.
 */
export function httpReady(url: string): Promise<true | string> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 2_000, headers: { connection: 'close' } }, (res) => {
      res.resume();
      const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
      resolve(ok || `GET ${url} answered ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) =>
      resolve(`GET ${url} failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`),
    );
  });
}
