import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Errors, isUuid, parseInput, type Sql } from '@trae/kit';
import type { Redis } from 'ioredis';
import { AGENTS_CHANNEL } from '../engine/events.js';
import type { Heartbeats } from '../engine/heartbeats.js';
import type { TaskQueues } from '../engine/queues.js';
import { RUNTIMES } from '../runtime/catalog.js';
import { Agent, type AgentStatus } from './agent.entity.js';
import type { CreateAgentInput, UpdateAgentInput } from './agent.inputs.js';
import type { AgentStats, QueueStats } from './agent.types.js';

const NAME = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Tasks waiting for a worker, as PostgreSQL has them (Redis may have lost their jobs): queued, or
 * scheduled once and due. Pipeline parents waiting on their children and schedules are not waiting.
 */
const WAITING = `(status = 'QUEUED' or (status = 'PENDING' and run_at is not null and schedule is null))`;
/** Since when one has waited: its last change (queued, retried) or its run time, whichever is later. */
const WAITING_SINCE = 'greatest(updated_at, coalesce(run_at, updated_at))';

export interface AgentServiceDeps {
  orm: MikroORM;
  sql: Sql;
  queues: TaskQueues;
  heartbeats: Heartbeats;
  /** Prefixed Redis, to tell workers about new or changed agents. */
  redis: Redis;
  prefix: string;
  /** A due task waiting longer than this for a worker is stranded. */
  strandedAfterMs: number;
}

/** Agent personas: the built-in ones, the ones admins add, their statistics and their queues. */
export class AgentService {
  private cached: { at: number; map: Promise<Map<string, Agent>> } | undefined;

  constructor(private readonly d: AgentServiceDeps) {}

  list(): Promise<Agent[]> {
    return this.d.orm.em.fork().find(Agent, {}, { orderBy: { name: 'asc' } });
  }

  /** By id, or by name (people remember names). */
  find(idOrName: string): Promise<Agent | null> {
    return this.d.orm.em.fork().findOne(Agent, isUuid(idOrName) ? { id: idOrName } : { name: idOrName });
  }

  /**
   * Every persona by name, for validating new tasks. Cached for a second: creating tasks in bulk would
   * otherwise read the same few rows per request. This instance's own changes clear it at once.
   */
  directory(): Promise<Map<string, Agent>> {
    if (!this.cached || Date.now() - this.cached.at > 1_000) {
      const map = this.list().then((rows) => new Map(rows.map((a) => [a.name, a])));
      this.cached = { at: Date.now(), map };
      map.catch(() => {
        this.cached = undefined;
      });
    }
    return this.cached.map;
  }

  async create(input: CreateAgentInput): Promise<Agent> {
    if (!NAME.test(input.name)) {
      throw Errors.badInput(
        'name',
        'name must be 2 to 63 lower-case letters, digits or dashes, starting with a letter',
      );
    }
    const runtime = RUNTIMES[input.runtime];
    if (!runtime)
      throw Errors.badInput('runtime', `runtime must be one of ${Object.keys(RUNTIMES).join(', ')}`);
    const em = this.d.orm.em.fork();
    const agent = em.create(Agent, {
      id: randomUUID(),
      name: input.name,
      runtime: runtime.name,
      description: input.description ?? null,
      capabilities: this.capabilities(runtime.name, input.capabilities),
      configuration: parseInput(runtime.configuration, input.configuration ?? {}, 'configuration'),
      status: input.status ?? 'ACTIVE',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    try {
      await em.persist(agent).flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw Errors.conflict('That agent name is taken', 'name');
      throw err;
    }
    await this.applyStatus(agent.name, agent.status);
    return agent;
  }

  async update(idOrName: string, input: UpdateAgentInput): Promise<Agent> {
    const em = this.d.orm.em.fork();
    const agent = await em.findOne(Agent, isUuid(idOrName) ? { id: idOrName } : { name: idOrName });
    if (!agent) throw Errors.notFound('Agent');
    if (input.description !== undefined) agent.description = input.description;
    if (input.capabilities) agent.capabilities = this.capabilities(agent.runtime, input.capabilities);
    if (input.configuration) {
      agent.configuration = parseInput(
        RUNTIMES[agent.runtime].configuration,
        input.configuration,
        'configuration',
      );
    }
    if (input.status) agent.status = input.status;
    agent.updatedAt = new Date();
    await em.flush();
    await this.applyStatus(agent.name, agent.status);
    return agent;
  }

  async stats(names: readonly string[]): Promise<AgentStats[]> {
    const rows = await this.d.sql.query<{
      agent: string;
      status: string;
      n: number;
      avg_ms: number | null;
      last: Date | null;
      input_tokens: string;
      output_tokens: string;
      cost_usd: string;
    }>(
      `select agent, status, count(*)::int as n, sum(input_tokens) as input_tokens,
              sum(output_tokens) as output_tokens, sum(cost_usd) as cost_usd,
              avg(extract(epoch from completed_at - started_at) * 1000) filter (where status = 'SUCCEEDED') as avg_ms,
              max(completed_at) as last
         from task_queue where agent = any($1::text[]) and schedule is null group by agent, status`,
      [names],
    );
    return names.map((name) => {
      const mine = rows.filter((r) => r.agent === name);
      const count = (s: string) => mine.find((r) => r.status === s)?.n ?? 0;
      const [succeeded, failed] = [count('SUCCEEDED'), count('FAILED')];
      const avg = mine.find((r) => r.status === 'SUCCEEDED')?.avg_ms;
      const last = mine
        .map((r) => r.last)
        .filter((d): d is Date => d !== null)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        total: mine.reduce((s, r) => s + r.n, 0),
        pending: count('PENDING'),
        queued: count('QUEUED'),
        running: count('RUNNING'),
        succeeded,
        failed,
        cancelled: count('CANCELLED'),
        successRate: succeeded + failed ? Math.round((succeeded / (succeeded + failed)) * 1000) / 1000 : null,
        averageDurationMs: avg === null || avg === undefined ? null : Math.round(Number(avg)),
        lastCompletedAt: last ?? null,
        usage: {
          inputTokens: mine.reduce((s, r) => s + Number(r.input_tokens), 0),
          outputTokens: mine.reduce((s, r) => s + Number(r.output_tokens), 0),
          costUsd: mine.reduce((s, r) => s + Number(r.cost_usd), 0),
        },
      };
    });
  }

  async queueStats(): Promise<QueueStats[]> {
    const [agents, workers, stranded] = await Promise.all([
      this.list(),
      this.d.heartbeats.live(),
      this.stranded(),
    ]);
    return Promise.all(
      agents.map(async (a) => ({
        agent: a.name,
        ...(await this.d.queues.counts(a.name)),
        workers: workers.filter((w) => w.agents.includes(a.name)).length,
        tasksStranded: stranded.get(a.name) ?? 0,
      })),
    );
  }

  /**
   * Due tasks no worker has started for `strandedAfterMs`, by agent, from PostgreSQL: Redis may have
   * lost their jobs and cannot be asked. Counted up to 10,000 so a flood cannot make the count slow.
   */
  async stranded(): Promise<Map<string, number>> {
    const rows = await this.d.sql.query<{ agent: string; n: number }>(
      `select agent, count(*)::int as n from (
         select agent from task_queue
          where ${WAITING} and ${WAITING_SINCE} < now() - make_interval(secs => $1::float / 1000)
          limit 10000) s
        group by agent`,
      [this.d.strandedAfterMs],
      'agents_stranded',
    );
    return new Map(rows.map((r) => [r.agent, r.n]));
  }

  /** Seconds the oldest due task of each agent has waited for a worker (what the "Queue stalled" alert reads). */
  async oldestWaiting(): Promise<Map<string, number>> {
    const rows = await this.d.sql.query<{ agent: string; age: number }>(
      `select agent, extract(epoch from now() - min(${WAITING_SINCE}))::float8 as age
         from task_queue where ${WAITING} and ${WAITING_SINCE} <= now()
        group by agent`,
      [],
      'agents_oldest_waiting',
    );
    return new Map(rows.map((r) => [r.agent, Math.max(0, Number(r.age))]));
  }

  /**
   * The agreed `/internal/agents/health` answer: up when at least one worker is alive and no task is
   * stranded; degraded (with the reason) while tasks wait longer than they should.
   */
  async health() {
    const [stats, workers, oldest] = await Promise.all([
      this.queueStats(),
      this.d.heartbeats.live(),
      this.oldestWaiting(),
    ]);
    const stranded = stats.reduce((n, s) => n + s.tasksStranded, 0);
    return {
      status: workers.length === 0 ? 'down' : stranded > 0 ? 'degraded' : 'up',
      ...(stranded > 0
        ? { reason: `${stranded} tasks waited over ${this.d.strandedAfterMs / 1000}s for a worker` }
        : {}),
      workers: workers.length,
      stranded,
      queues: Object.fromEntries(
        stats.map((s) => [
          s.agent,
          {
            waiting: s.waiting,
            active: s.active,
            delayed: s.delayed,
            failed: s.failed,
            oldestWaitingSeconds: Math.round(oldest.get(s.agent) ?? 0),
          },
        ]),
      ),
    };
  }

  private capabilities(runtime: string, wanted?: string[] | null): string[] {
    const offered = Object.keys(RUNTIMES[runtime].capabilities);
    if (!wanted) return offered;
    const unknown = wanted.filter((c) => !offered.includes(c));
    if (unknown.length)
      throw Errors.badInput('capabilities', `Runtime ${runtime} does not offer ${unknown.join(', ')}`);
    if (wanted.length === 0) throw Errors.badInput('capabilities', 'An agent needs at least one capability');
    return [...new Set(wanted)];
  }

  /** Pausing is BullMQ's queue pause, so it holds for every worker at once; workers learn of new agents. */
  private async applyStatus(name: string, status: AgentStatus): Promise<void> {
    this.cached = undefined;
    await this.d.queues.setPaused(name, status === 'PAUSED');
    await this.d.redis.publish(`${this.d.prefix}${AGENTS_CHANNEL}`, name);
  }
}
