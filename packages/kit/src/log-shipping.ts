import { Redis } from 'ioredis';
import { type DestinationStream, pino } from 'pino';
import { loadConfig, logEnv } from './config.js';

/** The stream every service ships its log lines to (under REDIS_PREFIX); observability consumes it. */
export const LOG_STREAM = 'logs';

export interface LogShipperOptions {
  redisUrl: string;
  /** REDIS_PREFIX: the stream key is `<prefix>logs`. */
  prefix: string;
  /** Service named in the line that reports dropped lines. */
  service: string;
  /** Approximate cap on the stream (XADD MAXLEN ~): the oldest lines go first. @default 100_000 */
  maxLen?: number;
  /** Lines held in memory while Redis is slow or away; beyond it new lines are dropped and counted. @default 10_000 */
  bufferLines?: number;
  /** Bytes held in memory, the same way. @default 16 MiB */
  bufferBytes?: number;
  /** Lines per write to Redis. @default 500 */
  batchLines?: number;
  /** How often buffered lines are written when fewer than a batch are waiting. @default 100 */
  flushMs?: number;
}

export interface LogShipperStats {
  shipped: number;
  dropped: number;
  buffered: number;
}

/**
 * One stream entry per line, but one command per batch: building a command per line costs the
 * logging process about ten times more CPU than this script's single call. The batch goes as one
 * newline-joined argument that the script splits: the logging thread then encodes one string
 * instead of hundreds of arguments, which halves the time a flush holds its event loop.
 */
const SHIP = `
local n = 0
for line in string.gmatch(ARGV[2], '[^\\n]*\\n') do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'line', line)
  n = n + 1
end
return n`;

type ShippingRedis = Redis & {
  shipLines(stream: string, maxLen: string, lines: string): Promise<number>;
};

/**
 * A pino destination that ships every line to a bounded Redis stream without ever making the
 * logging code wait: `write` only appends to an in-memory buffer, one batch is in flight at a
 * time, and when Redis is slow or down the buffer fills to its bound and further lines are
 * dropped and counted (a later line in the stream says how many). Lines go in whole, as pino
 * wrote them (one newline-terminated line per `write`); the consumer parses them.
 */
export class LogShipper implements DestinationStream {
  private buffer: string[] = [];
  private bytes = 0;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryAt = 0;
  private unreported = 0;
  private closed = false;
  private connecting: Promise<void> | undefined;
  private shipped = 0;
  private dropped = 0;
  private readonly redis: ShippingRedis;
  private readonly maxLen: string;
  private readonly bufferLines: number;
  private readonly bufferBytes: number;
  private readonly batchLines: number;
  private readonly flushMs: number;

  constructor(private readonly options: LogShipperOptions) {
    this.maxLen = String(options.maxLen ?? 100_000);
    this.bufferLines = options.bufferLines ?? 10_000;
    this.bufferBytes = options.bufferBytes ?? 16 * 1024 * 1024;
    this.batchLines = options.batchLines ?? 500;
    this.flushMs = options.flushMs ?? 100;
    // No offline queue: while Redis is away a write fails at once instead of piling up inside ioredis.
    this.redis = new Redis(options.redisUrl, {
      keyPrefix: options.prefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    }) as ShippingRedis;
    this.redis.defineCommand('shipLines', { numberOfKeys: 1, lua: SHIP });
    this.redis.on('error', () => undefined);
    // An idle shipper must never keep a process alive that would otherwise exit; a batch being
    // written does (see `send`), so `flush` on the way out completes.
    this.redis.on('connect', () => {
      if (!this.inFlight) this.redis.stream?.unref?.();
    });
  }

  stats(): LogShipperStats {
    return { shipped: this.shipped, dropped: this.dropped, buffered: this.buffer.length };
  }

  write(chunk: string): void {
    if (this.closed) return;
    // The script splits a batch at newlines, so every line must end with one (pino's always do).
    const line = chunk.endsWith('\n') ? chunk : `${chunk}\n`;
    if (this.buffer.length >= this.bufferLines || this.bytes + line.length > this.bufferBytes) {
      this.dropped++;
      this.unreported++;
      return;
    }
    this.buffer.push(line);
    this.bytes += line.length;
    if (this.buffer.length >= this.batchLines) this.kick();
    else this.schedule();
  }

  /** Writes everything buffered (used on shutdown and by tests). */
  async flush(): Promise<void> {
    while (this.inFlight || this.buffer.length) {
      if (!this.inFlight) this.kick(true);
      await this.inFlight;
      if (Date.now() < this.retryAt) return;
    }
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.closed = true;
    clearTimeout(this.timer);
    this.redis.disconnect();
  }

  private schedule() {
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.kick();
      },
      Math.max(this.flushMs, this.retryAt - Date.now()),
    );
    this.timer.unref();
  }

  private kick(force = false) {
    if (this.inFlight || !this.buffer.length || (!force && Date.now() < this.retryAt)) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer.splice(0, this.batchLines);
    this.inFlight = this.send(batch).finally(() => {
      this.inFlight = undefined;
      if (this.buffer.length >= this.batchLines) this.kick();
      else if (this.buffer.length) this.schedule();
    });
  }

  private async send(batch: string[]): Promise<void> {
    for (const line of batch) this.bytes -= line.length;
    // Connect on the first line, so a process that never logs never opens a connection.
    this.connecting ??= this.redis.connect().catch(() => undefined);
    await this.connecting;
    const reported = this.unreported;
    const lines = (reported ? [...batch, this.dropLine()] : batch).join('');
    this.redis.stream?.ref?.();
    try {
      await this.redis.shipLines(LOG_STREAM, this.maxLen, lines);
      this.shipped += batch.length;
      this.unreported -= reported;
      this.retryAt = 0;
    } catch {
      // Redis is away: keep the batch at the front while it fits, and try again in a second.
      const room = Math.max(0, this.bufferLines - this.buffer.length);
      const kept = batch.slice(0, room);
      this.buffer.unshift(...kept);
      this.bytes += kept.reduce((n, l) => n + l.length, 0);
      this.dropped += batch.length - kept.length;
      this.unreported += batch.length - kept.length;
      this.retryAt = Date.now() + 1_000;
    } finally {
      this.redis.stream?.unref?.();
    }
  }

  private dropLine(): string {
    return `${JSON.stringify({
      level: 40,
      time: new Date().toISOString(),
      service: this.options.service,
      msg: 'log shipping dropped lines',
      dropped: this.unreported,
    })}\n`;
  }
}

let shared: LogShipper | undefined;

/**
 * Shipping is on by default and off inside vitest (unit tests must not write to a developer's
 * stream); `LOG_SHIPPING=true|false` decides explicitly. One shipper per process, shared by every
 * logger in it.
 */
export function logShippingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return loadConfig(logEnv, env).LOG_SHIPPING ?? !env.VITEST;
}

export function sharedLogShipper(service: string, env: NodeJS.ProcessEnv = process.env): LogShipper {
  if (shared) return shared;
  const config = loadConfig(logEnv, env);
  shared = new LogShipper({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    service,
    maxLen: config.LOG_STREAM_MAXLEN,
    bufferLines: config.LOG_SHIPPING_BUFFER,
  });
  return shared;
}

/** Ships what the process's loggers have buffered; call it last on shutdown (a no-op when off). */
export async function flushLogShipping(): Promise<void> {
  await shared?.flush();
}

/** Writes each line to both streams; the shipper's side only appends to memory. */
export function teeDestination(first: DestinationStream, shipper: LogShipper): DestinationStream {
  return {
    write(line: string) {
      first.write(line);
      shipper.write(line);
    },
  };
}

/**
 * What `createLogger` writes to: pino's default (stdout) when shipping is off, else stdout plus the
 * shared shipper. A bad LOG_* value is refused here, naming it, even while shipping is off.
 */
export function logDestination(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): DestinationStream | undefined {
  if (!logShippingEnabled(env)) return undefined;
  return teeDestination(pino.destination(process.stdout.fd || 1), sharedLogShipper(service, env));
}
