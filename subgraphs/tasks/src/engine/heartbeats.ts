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

const INDEX = 'workers';
const key = (id: string) => `worker:${id}`;

/**
 * Worker liveness in Redis: each worker rewrites its own key with a TTL of three beats, so a worker
 * that dies (even by SIGKILL) disappears by itself; the sorted set only lists who to look up.
 */
export class Heartbeats {
  constructor(private readonly redis: Redis) {}

  async beat(beat: WorkerBeat, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(INDEX, Date.now(), beat.id)
      .set(key(beat.id), JSON.stringify(beat), 'PX', ttlMs)
      .exec();
  }

  async remove(id: string): Promise<void> {
    await this.redis.multi().zrem(INDEX, id).del(key(id)).exec();
  }

  async live(): Promise<WorkerBeat[]> {
    // Entries not refreshed for an hour belong to workers long gone; keep the index small.
    await this.redis.zremrangebyscore(INDEX, '-inf', Date.now() - 3_600_000);
    // ioredis 6 types ZRANGE's stop as a string only (start may still be a number).
    const ids = await this.redis.zrange(INDEX, 0, '-1');
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map(key));
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as WorkerBeat);
  }
}
