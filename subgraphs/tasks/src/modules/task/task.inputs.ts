import { Connection, JSONScalar, PageArgs } from '@trae/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Task } from './task.entity.js';
import { TaskStatus } from './task-status.js';

@InputType({
  description: 'A task that must succeed before its parent starts; its result is handed to the parent.',
})
export class TaskStepInput {
  @Field(() => String)
  agent: string;

  @Field(() => String)
  type: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Validated against the capability’s schema.' })
  input?: Record<string, unknown>;

  @Field(() => Int, { nullable: true })
  priority?: number;

  @Field(() => Int, { nullable: true })
  maxAttempts?: number;
}

@InputType()
export class CreateTaskInput {
  @Field(() => String, { description: 'The agent to run it, e.g. `research`.' })
  agent: string;

  @Field(() => String, { description: 'One of the agent’s capabilities, e.g. `web_research`.' })
  type: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Validated against the capability’s schema.' })
  input?: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: '0 to 100, higher runs first (default 0).' })
  priority?: number;

  @Field(() => ID, {
    nullable: true,
    description: 'Needs EDITOR or OWNER in that channel (ADMIN always may).',
  })
  channelId?: string;

  @Field(() => Date, { nullable: true, description: 'Do not start before this time.' })
  runAt?: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Cron expression in UTC (5 fields, or 6 with seconds); each firing runs as a child task.',
  })
  schedule?: string;

  @Field(() => String, { nullable: true, description: 'Sending the same key again returns the first task.' })
  idempotencyKey?: string;

  @Field(() => Int, { nullable: true, description: 'Runs before giving up, 1 to 25.' })
  maxAttempts?: number;

  @Field(() => [TaskStepInput], {
    nullable: true,
    description: 'Tasks to run first, e.g. research before writing.',
  })
  children?: TaskStepInput[];
}

@InputType()
export class ExecuteAgentTaskInput {
  @Field(() => String)
  agent: string;

  @Field(() => String)
  type: string;

  @Field(() => JSONScalar, { nullable: true })
  input?: Record<string, unknown>;

  @Field(() => ID, { nullable: true })
  channelId?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How long to wait for the result, in ms (default 30000).',
  })
  timeoutMs?: number;
}

@ArgsType()
export class TaskPageArgs extends PageArgs() {
  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus;

  @Field(() => String, { nullable: true })
  agent?: string;

  @Field(() => String, { nullable: true })
  type?: string;
}

@ArgsType()
export class TasksArgs extends TaskPageArgs {
  @Field(() => ID, { nullable: true })
  channelId?: string;

  @Field(() => ID, { nullable: true, description: 'Children of this task (pipeline steps, schedule runs).' })
  parentId?: string;

  @Field(() => ID, { nullable: true, description: 'ADMIN only: tasks of this user.' })
  createdBy?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Text found (case-insensitive) in the id, agent, type, error or input.',
  })
  search?: string;

  @Field(() => Date, { nullable: true, description: 'Created at or after this time.' })
  createdFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Created at or before this time.' })
  createdTo?: Date;
}

export const TaskConnection = Connection(Task);
