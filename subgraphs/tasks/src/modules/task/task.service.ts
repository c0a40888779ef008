import { type MikroORM, raw } from '@mikro-orm/postgresql';
import {
  assertUuid,
  type ConnectionShape,
  Errors,
  type EventBus,
  isSelfOrAdmin,
  isUuid,
  type Logger,
  likePattern,
  newestFirstPage,
  type Principal,
  pageSize,
  parseInput,
  requireSelfOrAdmin,
} from '@trae/kit';
import type { Redis } from 'ioredis';
import { CANCEL_CHANNEL, TASK_UPDATED, type TaskEvents } from '../engine/events.js';
import { followOutput, type OutputChunk, type TaskOutputs } from '../engine/output.js';
import { type EnqueueItem, isSingleJob, type TaskQueues } from '../engine/queues.js';
import type { TaskSnapshot } from '../engine/task-row.js';
import { RUNTIMES } from '../runtime/catalog.js';
import { Task } from './task.entity.js';
import { taskFilterSchema } from './task.schema.js';
import type { NewTask, TaskStore } from './task.store.js';
import type { BuildOptions, TaskFactory, TaskRequest } from './task-factory.js';
import { TaskLog } from './task-log.entity.js';
import { isTerminal, type TaskStatus } from './task-status.js';
import type { TaskWaiter } from './task-waiter.js';

export interface TaskQuery {
  first?: number | null;
  after?: string | null;
  status?: TaskStatus | null;
  agent?: string | null;
  type?: string | null;
  channelId?: string | null;
  parentId?: string | null;
  createdBy?: string | null;
  search?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}

export interface TaskServiceDeps {
  orm: MikroORM;
  store: TaskStore;
  factory: TaskFactory;
  queues: TaskQueues;
  events: TaskEvents;
  /** What `taskUpdated(id)` and `taskOutput(id)` follow. */
  bus: EventBus;
  /** The streamed text of running tasks, kept in Redis. */
  outputs: TaskOutputs;
  waiter: TaskWaiter;
  /** Prefixed Redis, for the cancel channel. */
  redis: Redis;
  prefix: string;
  logger: Logger;
  execute: { defaultTimeoutMs: number; maxTimeoutMs: number };
  /** Active (PENDING) schedules a non-ADMIN may hold at once. */
  scheduleMaxActivePerUser: number;
  /** With a model configured: throws BUDGET_EXCEEDED when the user's or the agent's daily tokens are spent. */
  modelBudget?: (userId: string | null, agent: string) => Promise<void>;
}

export const canSee = (user: Principal, task: Pick<TaskSnapshot, 'createdBy'>) =>
  isSelfOrAdmin(user, task.createdBy);

/**
 * The task rules: who may create, see, cancel and retry what, and the write-then-enqueue order that
 * (with the reconciler) keeps PostgreSQL and BullMQ in step.
 */
export class TaskService {
  constructor(private readonly d: TaskServiceDeps) {}

  async create(user: Principal, req: TaskRequest, options: BuildOptions = {}): Promise<TaskSnapshot> {
    const { parent, children } = await this.d.factory.build(user, req, options);
    await this.checkScheduleQuota(user, [parent]);
    await this.checkModelBudget(user, [parent, ...children]);
    const inserted = children.length
      ? await this.d.store.insertTree(parent, children)
      : await this.d.store.insert([parent]).then(([p]) => (p ? { parent: p, children: [] } : null));
    if (!inserted) return this.existing(user, parent.idempotencyKey!);
    await this.dispatch([
      { task: inserted.parent, children: inserted.children, hasChildren: children.length > 0 },
    ]);
    return inserted.parent;
  }

  /** Many independent tasks in one insert and one enqueue (no child tasks). */
  async createMany(user: Principal, reqs: TaskRequest[], requestId?: string): Promise<TaskSnapshot[]> {
    const personas = await this.d.factory.agents();
    const built = await Promise.all(
      reqs.map((r) => this.d.factory.build(user, { ...r, children: null }, { requestId, personas })),
    );
    await this.checkScheduleQuota(
      user,
      built.map((b) => b.parent),
    );
    await this.checkModelBudget(
      user,
      built.map((b) => b.parent),
    );
    const inserted = await this.d.store.insert(built.map((b) => b.parent));
    await this.dispatch(inserted.map((task) => ({ task })));
    const byId = new Map(inserted.map((t) => [t.id, t]));
    return Promise.all(
      built.map(({ parent }) => byId.get(parent.id) ?? this.existing(user, parent.idempotencyKey!)),
    );
  }

  /**
   * A task whose agent writes with the model is refused at once when a budget is already spent, instead of
   * queueing work that would fail at its first model call (the worker checks again before every call).
   */
  private async checkModelBudget(user: Principal, tasks: NewTask[]) {
    if (!this.d.modelBudget) return;
    const personas = await this.d.factory.agents();
    const agents = new Set(
      tasks.map((t) => t.agent).filter((a) => RUNTIMES[personas.get(a)?.runtime ?? '']?.usesModel),
    );
    for (const agent of agents) await this.d.modelBudget(user.id, agent);
  }

  /** The seed's "solo execute": runs the task at top priority and waits for its outcome or the timeout. */
  async execute(user: Principal, req: TaskRequest & { timeoutMs?: number | null }, requestId?: string) {
    const timeoutMs = req.timeoutMs ?? this.d.execute.defaultTimeoutMs;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > this.d.execute.maxTimeoutMs) {
      throw Errors.badInput('timeoutMs', `timeoutMs must be from 100 to ${this.d.execute.maxTimeoutMs}`);
    }
    const task = await this.create(
      user,
      { ...req, priority: 100, runAt: null, schedule: null, children: null },
      { requestId, activeOnly: true },
    );
    await this.d.waiter.until(
      task.id,
      timeoutMs,
      (s) => isTerminal(s as TaskStatus),
      async () => (await this.d.store.byId(task.id))?.status ?? null,
    );
    return (await this.d.store.byId(task.id)) ?? task;
  }

  async get(user: Principal, id: string): Promise<TaskSnapshot | null> {
    if (!isUuid(id)) return null;
    const task = await this.d.store.byId(id);
    return task && canSee(user, task) ? task : null;
  }

  /** One task's changes, its current state first (see `EventBus.watch`); all visible ones without `id`. */
  watch(user: Principal, id?: string | null): AsyncIterable<TaskSnapshot> {
    const keep = (task: TaskSnapshot) => canSee(user, task);
    if (!id) return this.d.bus.watch(TASK_UPDATED, { keep });
    return this.d.bus.watch(TASK_UPDATED, { id, current: () => this.get(user, id), keep });
  }

  /** A task's streamed text, the text so far first (see `followOutput`); NOT_FOUND unless the caller may see it. */
  async output(user: Principal, id: string): Promise<AsyncIterable<OutputChunk>> {
    const task = await this.visible(user, id);
    return followOutput(
      this.d.bus,
      id,
      async () => {
        const kept = await this.d.outputs.read(id);
        if (kept) return kept;
        // Nothing kept and already over: say so rather than leave the subscriber waiting.
        const now = (await this.d.store.byId(id)) ?? task;
        if (!isTerminal(now.status)) return null;
        return { taskId: id, attempt: Math.max(1, now.attempts), offset: 0, text: '', done: true };
      },
      // Work that writes no text (or fails before its first token) marks no end of its own.
      this.d.bus.watch<TaskSnapshot>(TASK_UPDATED, {
        id,
        current: async () => {
          const now = await this.d.store.byId(id);
          return now && isTerminal(now.status) ? now : null;
        },
        keep: (t) => isTerminal(t.status),
      }),
    );
  }

  /** The text so far of tasks that stream model output (null for the others, or once it expired). */
  outputTexts(ids: readonly string[]): Promise<(string | null)[]> {
    return this.d.outputs.texts(ids);
  }

  async cancel(user: Principal, id: string): Promise<TaskSnapshot> {
    const task = await this.visible(user, id);
    if (task.status === 'CANCELLED') return task;
    if (isTerminal(task.status)) throw Errors.conflict(`The task already ${task.status.toLowerCase()}`);
    const open = (await this.d.store.children(id)).filter((c) => !isTerminal(c.status)).map((c) => c.id);
    const changed = await this.d.store.cancel([id, ...open]);
    const self = changed.find((t) => t.id === id);
    if (!self) {
      // It finished between our read and our write.
      const now = await this.visible(user, id);
      if (now.status === 'CANCELLED') return now;
      throw Errors.conflict(`The task already ${now.status.toLowerCase()}`);
    }
    if (task.schedule) await this.d.queues.unschedule(task);
    // Jobs that have not started are removed; a running one is locked, so its worker is told to abort it.
    await this.d.queues.remove(task.agent, task.jobId ?? task.id);
    await this.d.redis.publish(`${this.d.prefix}${CANCEL_CHANNEL}`, JSON.stringify(changed.map((t) => t.id)));
    await Promise.all(changed.map((t) => this.d.events.published(t)));
    return self;
  }

  async retry(user: Principal, id: string): Promise<TaskSnapshot> {
    const task = await this.visible(user, id);
    if (task.status !== 'FAILED' && task.status !== 'CANCELLED') {
      throw Errors.conflict('Only failed or cancelled tasks can be retried');
    }
    if (task.schedule) throw Errors.conflict('A cancelled schedule cannot be retried; create it again');
    const children = (await this.d.store.children(id)).filter(
      (c) => c.status === 'FAILED' || c.status === 'CANCELLED',
    );
    const reset = await this.d.store.reset(id, children.length ? 'PENDING' : 'QUEUED', nextJobId(task));
    if (!reset) throw Errors.conflict('The task changed meanwhile; reload it');
    const again = (
      await Promise.all(children.map((c) => this.d.store.reset(c.id, 'QUEUED', nextJobId(c))))
    ).filter((c): c is TaskSnapshot => c !== null);
    const hasChildren = (await this.d.store.children(id)).length > 0;
    await this.dispatch([{ task: reset, children: again, hasChildren }]);
    return reset;
  }

  async list(user: Principal, query: TaskQuery): Promise<ConnectionShape<Task>> {
    const limit = pageSize(query.first);
    const em = this.d.orm.em.fork();
    const where: Record<string, unknown> = {};
    for (const key of ['channelId', 'parentId', 'createdBy'] as const) {
      if (query[key]) assertUuid(key, query[key]);
    }
    // Others' tasks are never visible to a non-ADMIN: asking for them is refused, not answered with your own.
    if (query.createdBy) requireSelfOrAdmin(user, query.createdBy, "Only admins see other users' tasks");
    if (user.role !== 'ADMIN') where.createdBy = user.id;
    else if (query.createdBy) where.createdBy = query.createdBy;
    for (const key of ['status', 'agent', 'type', 'channelId', 'parentId'] as const) {
      if (query[key]) where[key] = query[key];
    }
    const { search, createdFrom, createdTo } = parseInput(taskFilterSchema, query);
    if (createdFrom || createdTo) {
      where.createdAt = { ...(createdFrom && { $gte: createdFrom }), ...(createdTo && { $lte: createdTo }) };
    }
    if (search) {
      const pattern = likePattern(search);
      where.$or = [
        { [raw('id::text')]: { $ilike: pattern } },
        { agent: { $ilike: pattern } },
        { type: { $ilike: pattern } },
        { error: { $ilike: pattern } },
        { [raw('task_data::text')]: { $ilike: pattern } },
      ];
    }
    return newestFirstPage(em, Task, where, query.after, limit);
  }

  logs(taskId: string, last: number): Promise<TaskLog[]> {
    return this.d.orm.em
      .fork()
      .find(TaskLog, { taskId }, { orderBy: { id: 'desc' }, limit: last })
      .then((rows) => rows.reverse());
  }

  byIds(ids: readonly string[]): Promise<Task[]> {
    return this.d.orm.em.fork().find(Task, { id: { $in: ids.filter(isUuid) } });
  }

  private async visible(user: Principal, id: string): Promise<TaskSnapshot> {
    const task = await this.get(user, id);
    if (!task) throw Errors.notFound('Task');
    return task;
  }

  /** Keys are per creator, so the task found is always the caller's own. */
  private async existing(user: Principal, key: string): Promise<TaskSnapshot> {
    const task = await this.d.store.byIdempotencyKey(user.id, key);
    if (!task) throw Errors.conflict('The idempotency key was just released; try again', 'idempotencyKey');
    return task;
  }

  /** A non-ADMIN holds at most `scheduleMaxActivePerUser` active schedules (checked before writing). */
  private async checkScheduleQuota(user: Principal, parents: { schedule: string | null }[]) {
    const adding = parents.filter((p) => p.schedule).length;
    if (adding === 0 || user.role === 'ADMIN' || !user.id) return;
    const max = this.d.scheduleMaxActivePerUser;
    if ((await this.d.store.activeSchedules(user.id)) + adding > max) {
      throw Errors.conflict(
        `You may hold at most ${max} active schedules; cancel one before creating another`,
        'schedule',
      );
    }
  }

  /**
   * After the rows are committed: announce, enqueue, then mark pipelines and schedules enqueued.
   * Announcing first means no subscriber sees QUEUED after the worker's RUNNING. A task that is a single
   * job gets no mark (one write less on the hot path): the reconciler looks its job up in BullMQ instead.
   * A crash before the enqueue (or the mark) is the reconciler's job.
   */
  async dispatch(items: EnqueueItem[]): Promise<void> {
    if (items.length === 0) return;
    const all = items.flatMap((i) => [i.task, ...(i.children ?? [])]);
    await Promise.all(all.map((t) => this.d.events.published(t)));
    try {
      await this.d.queues.enqueue(items);
      const marked = items.filter((i) => !isSingleJob(i)).flatMap((i) => [i.task, ...(i.children ?? [])]);
      await this.d.store.markEnqueued(marked.map((t) => t.id));
    } catch (err) {
      this.d.logger.error({ err, count: all.length }, 'enqueue failed; the reconciler will retry');
    }
  }
}

/** Each retry gets a fresh BullMQ job id: the old job may still sit in the failed set. */
function nextJobId(task: TaskSnapshot): string {
  const n = Number(/-r(\d+)$/.exec(task.jobId ?? '')?.[1] ?? 0) + 1;
  return `${task.id}-r${n}`;
}
