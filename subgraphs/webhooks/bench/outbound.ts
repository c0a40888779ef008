import { randomUUID } from 'node:crypto';
import type { Redis } from '@trae/kit';
import { percentile, procCpu } from '@trae/kit/testing';
import type { BenchReceiver } from './receiver.js';

export interface OutboundRound {
  label: string;
  events: number;
  /** Events appended per second, spread evenly; 0 appends them all at once (a burst). */
  rate: number;
  /** The share of requests the receiver answers 500. */
  failRate: number;
}

export interface OutboundResult extends OutboundRound {
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  lost: number;
  duplicated: number;
  refused: number;
  /** CPU milliseconds the webhooks processes spent per event delivered. */
  cpuMsPerDelivery: number;
}

export interface OutboundDeps {
  redis: Redis;
  receiver: BenchReceiver;
  /** Registers an endpoint for `task.completed` at `url` for a new user; resolves to that user's id. */
  endpointFor(url: string): Promise<string>;
  timeoutMs: number;
  /** The webhooks processes, whose CPU time is counted. */
  pids: number[];
}

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + (procCpu(pid)?.cpu ?? 0), 0);

const CHUNK = 500;

/** `task.completed` as the tasks service appends it to `events:tasks`, its `completedAt` now. */
function append(redis: Redis, owner: string, count: number) {
  const pipeline = redis.pipeline();
  for (let i = 0; i < count; i++) {
    const payload = {
      taskId: randomUUID(),
      agent: 'bench',
      type: 'noop',
      status: 'SUCCEEDED',
      channelId: null,
      createdBy: owner,
      result: { ok: true },
      error: null,
      completedAt: new Date().toISOString(),
    };
    pipeline.xadd('events:tasks', '*', 'type', 'task.completed', 'payload', JSON.stringify(payload));
  }
  return pipeline.exec();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One round: a fresh user with one endpoint at a fresh path of the receiver, `events` of theirs appended
 * (at once or at `rate`), then waits until every one has arrived or nothing new came for `timeoutMs`.
 */
export async function runOutbound(round: OutboundRound, deps: OutboundDeps): Promise<OutboundResult> {
  const path = `/${randomUUID()}`;
  const owner = await deps.endpointFor(deps.receiver.url(path));
  deps.receiver.reset(path, round.failRate);
  const cpuBefore = cpuOf(deps.pids);
  const started = Date.now();
  if (!round.rate) {
    for (let sent = 0; sent < round.events; sent += CHUNK)
      await append(deps.redis, owner, Math.min(CHUNK, round.events - sent));
  } else {
    // Every 10 ms the events due by then, so the load is steady rather than bursts each second.
    for (let sent = 0; sent < round.events; ) {
      const due = Math.min(round.events, Math.floor(((Date.now() - started) / 1000) * round.rate));
      if (due > sent) await append(deps.redis, owner, due - sent);
      sent = Math.max(sent, due);
      await sleep(10);
    }
  }
  let seen = 0;
  let progressAt = Date.now();
  while (deps.receiver.distinct() < round.events && Date.now() - progressAt < deps.timeoutMs) {
    await sleep(100);
    if (deps.receiver.distinct() > seen) [seen, progressAt] = [deps.receiver.distinct(), Date.now()];
  }
  // Late duplicates (a retry racing a success) would show within a moment.
  await sleep(500);
  const cpu = cpuOf(deps.pids) - cpuBefore;
  const latencies = deps.receiver.latencies();
  return {
    ...round,
    deliveriesPerSecond: Math.round(latencies.length / ((deps.receiver.lastFirstAt() - started) / 1000)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: round.events - latencies.length,
    duplicated: deps.receiver.duplicates(),
    refused: deps.receiver.refused(),
    cpuMsPerDelivery: Number(((cpu * 1000) / Math.max(1, latencies.length)).toFixed(2)),
  };
}
