import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { answering, Supervised } from './supervisor.js';

export const REDIS_MISSING =
  'redis-server is not on your PATH: install it (Debian/Ubuntu: sudo apt install redis-server, ' +
  'macOS: brew install redis) or set REDIS_URL to a running Redis.';

/** The executable's full path, or null; checked before anything starts so a missing Redis costs nothing. */
export function findOnPath(command: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this one
    }
  }
  return null;
}

/**
 * PING plus `INFO server` over a raw socket (no client library reconnecting and logging while Redis
 * boots). With `pid`, the answer must come from that process, not another Redis already on the port.
 */
export function ping(port: number, host = '127.0.0.1', pid?: number): Promise<true | string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let text = '';
    const done = (result: true | string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done('PING timed out'));
    socket.once('error', (err) => done(`PING failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
    socket.once('connect', () => socket.write('PING\r\nINFO server\r\n'));
    socket.on('data', (data) => {
      text += data.toString();
      const end = text.indexOf('\r\n');
      if (end > 0 && text.slice(0, end) !== '+PONG') return done(`PING answered ${text.slice(0, end)}`);
      const owner = /\r\nprocess_id:(\d+)\r\n/.exec(text)?.[1];
      if (owner === undefined) return;
      done(
        pid === undefined || Number(owner) === pid
          ? true
          : `port ${port} is served by another Redis (pid ${owner})`,
      );
    });
  });
}

export interface RedisServerOptions {
  port: number;
  /** Where dump.rdb and the append-only file live. */
  dir: string;
  /** @default redis-server found on the PATH */
  command?: string;
  onLine?: (line: string) => void;
}

export interface RedisServer {
  url: string;
  process: Supervised;
  stop(): Promise<void>;
}

/** A private redis-server for `npm start`: loopback only, AOF and snapshots in `dir`, stopped with us. */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  const command = options.command ?? findOnPath('redis-server');
  if (!command) throw new Error(REDIS_MISSING);
  mkdirSync(options.dir, { recursive: true });
  const proc = new Supervised({
    name: 'redis',
    command,
    // Redis listens on every interface unless told otherwise; this one is for this machine only.
    args: [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      // The append-only file, written every second: a crash loses at most a second of queue writes (a
      // snapshot alone lost up to a minute, and the jobs with it). The reconciler recovers the rest.
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '60',
      '1',
      '--daemonize',
      'no',
    ],
    cwd: options.dir,
    onLine: options.onLine,
  });
  await answering(proc, () => ping(options.port, '127.0.0.1', proc.pid), {
    what: 'redis',
    timeoutMs: 15_000,
  });
  return {
    url: `redis://127.0.0.1:${options.port}`,
    process: proc,
    stop: async () => {
      await proc.stop(10_000);
    },
  };
}
