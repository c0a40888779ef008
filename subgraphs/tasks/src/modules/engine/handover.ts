import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/** A job taken back from a dead worker. */
export interface HandedOver {
  agent: string;
  jobId: string;
  /** The job's task (or, for a schedule's firing, its schedule). */
  taskId: string | null;
  /** It has now been taken from dead workers more often than allowed: the next worker fails it. */
  failing: boolean;
}

/**
 * Moves a queue's active jobs whose lock a given BullMQ worker holds back to where they wait, at once.
 * BullMQ's own scripts were the model: the token check of `moveJobFromActiveToWait` (a job another
 * worker has taken since is left alone, as is one whose lock already expired: that is BullMQ's stalled
 * check's), and the bookkeeping of `moveStalledJobsToWait` (the stall count `stc`, and past the allowed
 * count a deferred failure `defa` the next worker applies, so a task that kills every worker running it
 * fails in the end; a `stalled` event). A prioritized job goes first among its priority, as a graceful
 * hand-back puts it; the marker wakes idle workers. `ats` is not touched: the next start counts itself.
 *
 * KEYS: active, wait, stalled, meta, prioritized, marker, events.
 * ARGV: the queue's key prefix, the owner's token prefix (`<worker id>:`), the allowed stall count.
 * Returns, per job moved: id, data, stall count.
 */
const HAND_OVER = `
local moved = {}
for _, jobId in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local jobKey = ARGV[1] .. jobId
  local token = redis.call('GET', jobKey .. ':lock')
  if token and string.sub(token, 1, #ARGV[2]) == ARGV[2] and redis.call('LREM', KEYS[1], 1, jobId) > 0 then
    redis.call('DEL', jobKey .. ':lock')
    redis.call('SREM', KEYS[3], jobId)
    local stalls = redis.call('HINCRBY', jobKey, 'stc', 1)
    if stalls > tonumber(ARGV[3]) then
      redis.call('HSET', jobKey, 'defa', 'job stalled more than allowable limit')
    end
    local priority = tonumber(redis.call('HGET', jobKey, 'priority')) or 0
    if priority > 0 then
      redis.call('ZADD', KEYS[5], priority * 0x100000000, jobId)
    else
      redis.call('RPUSH', KEYS[2], jobId)
    end
    redis.call('XADD', KEYS[7], '*', 'event', 'stalled', 'jobId', jobId)
    redis.call('XADD', KEYS[7], '*', 'event', 'waiting', 'jobId', jobId, 'prev', 'active')
    table.insert(moved, jobId)
    table.insert(moved, redis.call('HGET', jobKey, 'data') or '{}')
    table.insert(moved, stalls)
  end
end
if #moved > 0 and not redis.call('HGET', KEYS[4], 'paused') then
  redis.call('ZADD', KEYS[6], 0, '0')
end
return moved`;

/**
 * Hands back to `worker`'s queue every job there locked by the BullMQ worker `owner` (of a dead
 * process), in one atomic step. `connection` is one without a key prefix (BullMQ's keys are full).
 */
export async function handOverJobs(
  connection: Redis,
  worker: Worker,
  owner: string,
  maxStalledCount: number,
): Promise<HandedOver[]> {
  const k = worker.keys;
  const reply = (await connection.eval(
    HAND_OVER,
    7,
    k.active,
    k.wait,
    k.stalled,
    k.meta,
    k.prioritized,
    k.marker,
    k.events,
    worker.toKey(''),
    `${owner}:`,
    maxStalledCount,
  )) as (string | number)[];
  const jobs: HandedOver[] = [];
  for (let i = 0; i < reply.length; i += 3) {
    const data = JSON.parse(String(reply[i + 1])) as { taskId?: string; scheduleId?: string };
    jobs.push({
      agent: worker.name,
      jobId: String(reply[i]),
      taskId: data.taskId ?? data.scheduleId ?? null,
      failing: Number(reply[i + 2]) > maxStalledCount,
    });
  }
  return jobs;
}
