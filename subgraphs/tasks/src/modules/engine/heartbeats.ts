import type { Redis } from 'ioredis';

export interface WorkerBeat {
  id: string;
  pid: number;
  host: string;
  /** Where its /health, /ready and /metrics answer. */
  url: string;
  agents: string[];
  running: number;
  processed: number;
  failed: number;
  startedAt: string;
  at: string;
}

/** Agent queue -> id of the BullMQ worker consuming it there (its lock tokens are `<id>:<n>`). */
export type LockOwners = Record<string, string>;

const INDEX = 'workers';
/** Lock owners by worker id. Unlike the beat they outlive a dead worker, so its jobs can be found. */
const LOCKS = 'workers:locks';
const key = (id: string) => `worker:${id}`;
const lease = (id: string) => `worker:${id}:reaping`;
const HOUR_MS = 3_600_000;

/** A dead worker is taken by one live worker at a time: its beat must be gone and the lease free. */
const CLAIM = `
if redis.call('EXISTS', KEYS[2]) == 1 or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return false end
if not redis.call('SET', KEYS[4], ARGV[2], 'NX', 'PX', ARGV[3]) then return false end
return redis.call('HGET', KEYS[3], ARGV[1]) or '{}'`;
/** Forgets a dead worker, unless it beat again meanwhile (it was only slow; it keeps its entry). */
const FORGET = `
redis.call('DEL', KEYS[4])
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])`;

/**
 * Worker liveness in Redis: each worker rewrites its own key with a TTL, so a worker that dies (even by
 * SIGKILL) disappears by itself; the sorted set lists who to look up, and a worker whose index entry
 * outlived its key is dead. What its BullMQ workers are called stays beside the index until a live worker
 * has handed that dead worker's jobs back to the queue (see Liveness).
 */
export class Heartbeats {
  constructor(private readonly redis: Redis) {}

  /** Writes a beat; true when the worker was not in the index (its first beat, or it had been given up). */
  async beat(beat: WorkerBeat, ttlMs: number, locks: LockOwners = {}): Promise<boolean> {
    const replies = await this.redis
      .multi()
      .zadd(INDEX, Date.now(), beat.id)
      .set(key(beat.id), JSON.stringify(beat), 'PX', ttlMs)
      .hset(LOCKS, beat.id, JSON.stringify(locks))
      .exec();
    const [err, added] = replies?.[0] ?? [];
    if (err) throw err;
    return added === 1;
  }

  async remove(id: string): Promise<void> {
    await this.redis.multi().zrem(INDEX, id).hdel(LOCKS, id).del(key(id)).exec();
  }

  async live(): Promise<WorkerBeat[]> {
    // Entries not refreshed for an hour belong to workers long gone; keep the index small.
    const old = await this.redis.zrangebyscore(INDEX, '-inf', Date.now() - HOUR_MS);
    if (old.length)
      await this.redis
        .multi()
        .zrem(INDEX, ...old)
        .hdel(LOCKS, ...old)
        .exec();
    const listed = await this.listed();
    return listed.flatMap(([, beat]) => (beat === null ? [] : [JSON.parse(beat) as WorkerBeat]));
  }

  /** Workers other than `self` whose index entry outlived their beat: they stopped beating. */
  async lapsed(self: string): Promise<string[]> {
    const listed = await this.listed();
    return listed.filter(([id, beat]) => id !== self && beat === null).map(([id]) => id);
  }

  /** Every indexed worker with its beat (null once the beat's TTL ran out). */
  private async listed(): Promise<[string, string | null][]> {
    // ioredis 6 types ZRANGE's stop as a string only (start may still be a number).
    const ids = await this.redis.zrange(INDEX, 0, '-1');
    if (ids.length === 0) return [];
    const beats = await this.redis.mget(ids.map(key));
    return ids.map((id, i) => [id, beats[i]]);
  }

  /**
   * Takes a lapsed worker for `leaseMs` (one taker at a time) and returns its lock owners; null when it
   * beats again, is already forgotten, or another worker has it.
   */
  async claim(id: string, by: string, leaseMs: number): Promise<LockOwners | null> {
    const owners = (await this.redis.eval(CLAIM, 4, ...this.keys(id), id, by, leaseMs)) as string | null;
    return owners === null ? null : (JSON.parse(owners) as LockOwners);
  }

  /** Drops a dead worker once its jobs are handed back; false if it beat again meanwhile. */
  async forget(id: string): Promise<boolean> {
    return (await this.redis.eval(FORGET, 4, ...this.keys(id), id)) === 1;
  }

  private keys(id: string) {
    return [INDEX, key(id), LOCKS, lease(id)];
  }
}
