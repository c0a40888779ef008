import { Errors, PAGE_LIST_SIZE } from '@trae/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { TasksContext } from '../../context.js';
import type { TaskSnapshot } from '../engine/task-row.js';
import { ChannelRef } from '../federation/channel.stub.js';
import { UserRef } from '../federation/user.stub.js';
import { ModelUsage } from './model-usage.types.js';
import { Task } from './task.entity.js';
import {
  CreateTaskInput,
  ExecuteAgentTaskInput,
  TaskConnection,
  TaskPageArgs,
  TasksArgs,
} from './task.inputs.js';
import { canSee } from './task.service.js';
import { nextRun } from './task-factory.js';
import { TaskLog } from './task-log.entity.js';
import { TaskOutput } from './task-output.types.js';

type TaskLike = Task | TaskSnapshot;

@Resolver(() => Task)
export class TaskResolver {
  @Authorized('USER', 'AGENT')
  @Query(() => Task, {
    nullable: true,
    description: 'A task you created (any task for ADMIN); null otherwise.',
  })
  task(@Arg('id', () => ID) id: string, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.get(ctx.user, id);
  }

  @Authorized('USER', 'AGENT')
  @Directive(PAGE_LIST_SIZE)
  @Query(() => TaskConnection, { description: 'Your tasks (everyone’s for ADMIN), newest first.' })
  tasks(@Args(() => TasksArgs) args: TasksArgs, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.list(ctx.user, args);
  }

  @Authorized('USER', 'AGENT')
  @Mutation(() => Task)
  createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.create(ctx.user, input, { requestId: ctx.requestId });
  }

  @Authorized('USER', 'AGENT')
  @Directive('@listSize(assumedSize: 100)')
  @Mutation(() => [Task], { description: 'Up to 100 tasks in one round trip (no child tasks).' })
  createTasks(@Arg('inputs', () => [CreateTaskInput]) inputs: CreateTaskInput[], @Ctx() ctx: TasksContext) {
    if (inputs.length < 1 || inputs.length > 100) throw Errors.badInput('inputs', 'Send 1 to 100 tasks');
    return ctx.services.tasks.createMany(ctx.user, inputs, ctx.requestId);
  }

  @Authorized('USER', 'AGENT')
  @Mutation(() => Task, {
    description: 'Runs a task now and answers when it ends, or when timeoutMs passes.',
  })
  executeAgentTask(
    @Arg('input', () => ExecuteAgentTaskInput) input: ExecuteAgentTaskInput,
    @Ctx() ctx: TasksContext,
  ) {
    return ctx.services.tasks.execute(ctx.user, input, ctx.requestId);
  }

  @Authorized('USER', 'AGENT')
  @Mutation(() => Task, { description: 'Stops a task: removed from its queue, or aborted while it runs.' })
  cancelTask(@Arg('id', () => ID) id: string, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.cancel(ctx.user, id);
  }

  @Authorized('USER', 'AGENT')
  @Mutation(() => Task, { description: 'Runs a failed or cancelled task again, with fresh attempts.' })
  retryTask(@Arg('id', () => ID) id: string, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.retry(ctx.user, id);
  }

  @Authorized('USER', 'AGENT')
  @Subscription(() => Task, {
    description:
      'Every change of one task (its current state first), or of every task you may see when `id` is absent.',
    subscribe: ({ args, context }: { args: { id?: string | null }; context: TasksContext }) =>
      context.services.tasks.watch(context.user, args.id),
  })
  taskUpdated(
    @Root() task: TaskSnapshot,
    @Arg('id', () => ID, { nullable: true }) _id?: string,
  ): TaskSnapshot {
    return task;
  }

  @Authorized('USER', 'AGENT')
  @Subscription(() => TaskOutput, {
    description:
      "The text a task's model writes, as it writes it, in batches (at most one per TASK_OUTPUT_FLUSH_MS): the text so far first, then each new piece, ending with the piece marked `done`. NOT_FOUND unless you created the task (or are ADMIN).",
    subscribe: ({ args, context }: { args: { id: string }; context: TasksContext }) =>
      context.services.tasks.output(context.user, args.id),
  })
  taskOutput(@Root() chunk: TaskOutput, @Arg('id', () => ID) _id: string): TaskOutput {
    return chunk;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The text its model has written so far (the current attempt's), kept for an hour after the last piece; null for tasks that stream no text.",
  })
  output(@Root() task: TaskLike, @Ctx() ctx: TasksContext): Promise<string | null> {
    return ctx.loaders.output.load(task.id);
  }

  @FieldResolver(() => UserRef, { nullable: true })
  createdBy(@Root() task: TaskLike): UserRef | null {
    return task.createdBy ? { id: task.createdBy } : null;
  }

  @FieldResolver(() => ChannelRef, { nullable: true })
  channel(@Root() task: TaskLike): ChannelRef | null {
    return task.channelId ? { id: task.channelId } : null;
  }

  @FieldResolver(() => Task, {
    nullable: true,
    description: 'The pipeline or schedule this task belongs to.',
  })
  async parent(@Root() task: TaskLike, @Ctx() ctx: TasksContext) {
    if (!task.parentId) return null;
    const parent = await ctx.loaders.task.load(task.parentId);
    return parent && canSee(ctx.user, parent) ? parent : null;
  }

  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => TaskConnection, { description: 'Pipeline steps, or the runs of a schedule.' })
  children(@Root() task: TaskLike, @Args(() => TaskPageArgs) args: TaskPageArgs, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.list(ctx.user, { ...args, parentId: task.id });
  }

  @Directive('@listSize(slicingArguments: ["last"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [TaskLog], { description: 'The most recent log lines, oldest first.' })
  logs(
    @Root() task: TaskLike,
    @Arg('last', () => Int, { defaultValue: 100 }) last: number,
    @Ctx() ctx: TasksContext,
  ) {
    if (last < 1 || last > 1000) throw Errors.badInput('last', 'last must be from 1 to 1000');
    return ctx.services.tasks.logs(task.id, last);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the schedule fires next.' })
  nextRunAt(@Root() task: TaskLike): Date | null {
    return task.schedule && task.status === 'PENDING' ? nextRun(task.schedule) : null;
  }

  @FieldResolver(() => ModelUsage, {
    description: 'Tokens and estimated cost of its model calls, every attempt.',
  })
  usage(@Root() task: TaskLike): ModelUsage {
    return {
      inputTokens: task.inputTokens ?? 0,
      outputTokens: task.outputTokens ?? 0,
      costUsd: Number(task.costUsd ?? 0),
    };
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Run time of the last run, once it ended.' })
  durationMs(@Root() task: TaskLike): number | null {
    if (!task.startedAt || !task.completedAt) return null;
    return new Date(task.completedAt).getTime() - new Date(task.startedAt).getTime();
  }
}
