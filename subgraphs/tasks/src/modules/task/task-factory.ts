import { randomUUID } from 'node:crypto';
import { assertUuid, type ChannelsClient, Errors, type Principal, parseInput } from '@trae/kit';
import { CronExpressionParser } from 'cron-parser';
import type { Agent } from '../agent/agent.entity.js';
import { RUNTIMES } from '../runtime/catalog.js';
import type { NewTask } from './task.store.js';

export interface TaskRequest {
  agent: string;
  type: string;
  input?: Record<string, unknown> | null;
  priority?: number | null;
  channelId?: string | null;
  runAt?: Date | null;
  schedule?: string | null;
  idempotencyKey?: string | null;
  maxAttempts?: number | null;
  children?: TaskRequest[] | null;
}

export interface BuildOptions {
  requestId?: string;
  /** Refuse paused agents (for callers that wait for the result). */
  activeOnly?: boolean;
  /** The persona directory, when the caller already has it (batches). */
  personas?: Map<string, Agent>;
}

export interface Limits {
  defaultMaxAttempts: number;
  /** Shortest gap between two firings of a non-ADMIN's schedule. */
  scheduleMinIntervalSeconds: number;
}

const YEAR_MS = 366 * 86_400_000;
/** A schedule's interval is the shortest gap among this many upcoming firings (cron gaps can vary). */
const INTERVAL_SAMPLE = 50;
/** Keys the platform itself uses (schedule runs, channel schedules); users cannot take them. */
const RESERVED_KEY = /^(run|channel-schedule):/;
/** Clocks of client and server differ a little; a runAt this close to now counts as "now". */
const CLOCK_SKEW_MS = 5_000;

export function nextRun(schedule: string, from = new Date()): Date {
  return CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' }).next().toDate();
}

/**
 * Turns a request into rows to insert, or refuses it with BAD_USER_INPUT naming the field: unknown
 * agent or capability, input that does not match the capability's schema, a cron that does not parse,
 * a runAt in the past. Channel rights are checked with the channels service, which owns memberships.
 */
export class TaskFactory {
  constructor(
    readonly agents: () => Promise<Map<string, Agent>>,
    private readonly channels: ChannelsClient,
    private readonly limits: Limits,
  ) {}

  async build(
    user: Principal,
    req: TaskRequest,
    options: BuildOptions = {},
  ): Promise<{ parent: NewTask; children: NewTask[] }> {
    const steps = req.children ?? [];
    if (steps.length > 10) throw Errors.badInput('children', 'At most 10 child tasks');
    if (steps.length && req.schedule)
      throw Errors.badInput('children', 'A scheduled task cannot have child tasks');
    const personas = options.personas ?? (await this.agents());
    if (options.activeOnly && personas.get(req.agent)?.status === 'PAUSED') {
      throw Errors.conflict(
        `Agent "${req.agent}" is paused; its tasks wait until an admin resumes it`,
        'agent',
      );
    }
    if (req.channelId) await this.checkChannel(user, req.channelId, options.requestId);
    const runAt = this.runAt(req.runAt);
    const schedule = this.schedule(user, req.schedule);
    const idempotencyKey = req.idempotencyKey?.trim() || null;
    if (idempotencyKey && idempotencyKey.length > 200) {
      throw Errors.badInput('idempotencyKey', 'idempotencyKey must be at most 200 characters');
    }
    if (idempotencyKey && RESERVED_KEY.test(idempotencyKey)) {
      throw Errors.badInput(
        'idempotencyKey',
        'idempotencyKeys starting with run: or channel-schedule: are reserved',
      );
    }
    const parent = this.row(user, req, personas, '', {
      status: schedule || runAt || steps.length ? 'PENDING' : 'QUEUED',
      runAt: steps.length ? null : runAt,
      schedule,
      idempotencyKey,
      parentId: null,
    });
    const children = steps.map((step, i) =>
      this.row(user, { ...step, channelId: req.channelId }, personas, `children.${i}.`, {
        status: runAt ? 'PENDING' : 'QUEUED',
        runAt,
        schedule: null,
        idempotencyKey: null,
        parentId: parent.id,
      }),
    );
    return { parent, children };
  }

  private row(
    user: Principal,
    req: TaskRequest,
    personas: Map<string, Agent>,
    prefix: string,
    fixed: Pick<NewTask, 'status' | 'runAt' | 'schedule' | 'idempotencyKey' | 'parentId'>,
  ): NewTask {
    const persona = personas.get(req.agent);
    if (!persona) {
      throw Errors.badInput(
        `${prefix}agent`,
        `Unknown agent "${req.agent}"; known: ${[...personas.keys()].join(', ') || 'none'}`,
      );
    }
    if (!persona.capabilities.includes(req.type)) {
      throw Errors.badInput(
        `${prefix}type`,
        `Agent "${persona.name}" cannot run "${req.type}"; it offers ${persona.capabilities.join(', ')}`,
      );
    }
    const spec = RUNTIMES[persona.runtime].capabilities[req.type];
    if (spec.systemOnly) throw Errors.forbidden(`"${req.type}" tasks are started by the platform only`);
    if (spec.adminOnly && user.role !== 'ADMIN')
      throw Errors.forbidden(`"${req.type}" tasks are for ADMIN only`);
    const priority = req.priority ?? 0;
    if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
      throw Errors.badInput(`${prefix}priority`, 'priority must be an integer from 0 to 100');
    }
    const maxAttempts = req.maxAttempts ?? this.limits.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 25) {
      throw Errors.badInput(`${prefix}maxAttempts`, 'maxAttempts must be an integer from 1 to 25');
    }
    return {
      id: randomUUID(),
      type: req.type,
      agent: persona.name,
      priority,
      input: parseInput(spec.input, req.input ?? {}, `${prefix}input`) as Record<string, unknown>,
      maxAttempts,
      channelId: req.channelId ?? null,
      createdBy: user.id,
      createdByRole: user.role,
      ...fixed,
    };
  }

  private runAt(runAt?: Date | null): Date | null {
    if (!runAt) return null;
    if (Number.isNaN(runAt.getTime())) throw Errors.badInput('runAt', 'runAt is not a valid date');
    const ahead = runAt.getTime() - Date.now();
    if (ahead < -CLOCK_SKEW_MS) throw Errors.badInput('runAt', 'runAt is in the past');
    if (ahead > YEAR_MS) throw Errors.badInput('runAt', 'runAt must be within a year');
    return ahead > 0 ? runAt : null;
  }

  private schedule(user: Principal, schedule?: string | null): string | null {
    const value = schedule?.trim();
    if (!value) return null;
    if (value.length > 120) throw Errors.badInput('schedule', 'schedule must be at most 120 characters');
    let firings: Date[];
    try {
      const cron = CronExpressionParser.parse(value, { strict: false, tz: 'UTC' });
      firings = user.role === 'ADMIN' ? [] : cron.take(INTERVAL_SAMPLE).map((d) => d.toDate());
    } catch (err) {
      throw Errors.badInput('schedule', `schedule is not a valid cron expression: ${(err as Error).message}`);
    }
    const min = this.limits.scheduleMinIntervalSeconds;
    for (let i = 1; i < firings.length; i++) {
      if (firings[i].getTime() - firings[i - 1].getTime() < min * 1000) {
        throw Errors.badInput('schedule', `schedule may fire at most once every ${min} seconds`);
      }
    }
    return value;
  }

  private async checkChannel(user: Principal, channelId: string, requestId?: string) {
    assertUuid('channelId', channelId);
    if (user.role === 'ADMIN') return;
    const member = await this.channels.membership(channelId, user.id!, requestId);
    if (!member) throw Errors.notFound('Channel');
    if (member.role === 'VIEWER')
      throw Errors.forbidden('Creating tasks in a channel needs the EDITOR or OWNER role');
    if (member.status === 'ARCHIVED') throw Errors.badInput('channelId', 'The channel is archived');
  }
}
