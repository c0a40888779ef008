import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { type Logger, RedisUnavailable, tryRedis } from '@trae/kit';
import type { Redis } from 'ioredis';

/** Takes the lease when it is free, or extends it when this instance already holds it. */
const LEASE = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

const RELEASE = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * Periodic work that must run on one instance at a time (scrapes, probes, retention), however many
 * copies of the service run. The instance holding a job's lease keeps it while it lives, so the
 * scraper's previous sample (needed for rates) stays on one instance; a dead holder's lease expires
 * after three intervals and another instance takes over.
 */
export class Jobs {
  readonly instanceId = randomUUID();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly held = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  /** Settles when the connection is first up: at boot a job waits for it rather than skip a turn. */
  private readonly firstReady: Promise<unknown>;
  private wasReady: boolean;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {
    this.wasReady = redis.status === 'ready';
    this.firstReady = this.wasReady ? Promise.resolve() : once(redis, 'ready');
    this.firstReady.then(
      () => {
        this.wasReady = true;
      },
      () => undefined,
    );
  }

  /**
   * `unleased: true` runs the job even while Redis (and so the lease) is unreachable, on every
   * instance: for work that duplicates harmlessly and matters most in an outage (health probes).
   * Other jobs skip their turn quietly until Redis returns.
   */
  every(
    name: string,
    intervalMs: number,
    work: () => Promise<void>,
    options: { unleased?: boolean } = {},
  ): void {
    let busy = false;
    const tick = async () => {
      if (busy || this.stopped) return;
      busy = true;
      try {
        const leased = await this.lease(name, intervalMs * 3).catch((err) => {
          if (err instanceof RedisUnavailable) return options.unleased === true;
          throw err;
        });
        if (leased) await work();
      } catch (err) {
        this.logger.error({ err, job: name }, 'job failed');
      } finally {
        busy = false;
      }
    };
    const run = () => {
      const p = tick();
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    };
    this.timers.push(setInterval(run, intervalMs));
    run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running);
    for (const name of this.held)
      await tryRedis(this.redis, () => this.redis.eval(RELEASE, 1, `jobs:${name}`, this.instanceId)).catch(
        () => undefined,
      );
  }

  private async lease(name: string, ttlMs: number): Promise<boolean> {
    if (!this.wasReady) await Promise.race([this.firstReady, delay(ttlMs / 3, undefined, { ref: false })]);
    const ok =
      (await tryRedis(this.redis, () =>
        this.redis.eval(LEASE, 1, `jobs:${name}`, this.instanceId, String(ttlMs)),
      )) === 1;
    if (ok) this.held.add(name);
    else this.held.delete(name);
    return ok;
  }
}
