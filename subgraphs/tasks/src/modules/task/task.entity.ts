import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { JSONScalar } from '@trae/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TaskMode } from './task-mode.js';
import { TaskStatus } from './task-status.js';

/**
 * One unit of agent work: the seed's `task_queue` row. The database is the source of truth for its
 * history; BullMQ only carries it to a worker. `createdBy`, `channelId` and `parentId` are plain ids
 * here; the resolver turns them into federated references.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A unit of work for an agent.' })
@Entity({ tableName: 'task_queue' })
export class Task {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field(() => String, { description: 'The capability run, e.g. `web_research`.' })
  @Property({ type: 'string', fieldName: 'task_type' })
  type: string;

  @Field(() => String, { description: 'The agent that runs it.' })
  @Property({ type: 'string' })
  agent: string;

  @Field(() => TaskStatus)
  @Property({ type: 'string' })
  status: TaskStatus;

  @Field(() => Int, { description: 'Higher runs first, 0 to 100.' })
  @Property({ type: 'integer' })
  priority: number;

  @Field(() => Int, { description: 'Percent done, 0 to 100.' })
  @Property({ type: 'smallint' })
  progress: number;

  @Field(() => String, {
    nullable: true,
    description: 'What the agent is doing now (streamed text while writing).',
  })
  @Property({ type: 'text', nullable: true })
  progressMessage: string | null;

  @Field(() => JSONScalar)
  @Property({ type: 'json', fieldName: 'task_data' })
  input: Record<string, unknown>;

  @Field(() => JSONScalar, { nullable: true })
  @Property({ type: 'json', nullable: true })
  result: unknown;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', fieldName: 'error_message', nullable: true })
  error: string | null;

  @Field(() => Int, { description: 'Runs started so far.' })
  @Property({ type: 'integer' })
  attempts: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  maxAttempts: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  idempotencyKey: string | null;

  @Field(() => Date, { nullable: true, description: 'Not started before this time.' })
  @Property({ type: 'datetime', nullable: true })
  runAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cron expression (UTC); each firing runs as a child task.',
  })
  @Property({ type: 'string', nullable: true })
  schedule: string | null;

  @Property({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Property({ type: 'uuid', nullable: true })
  channelId: string | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Property({ type: 'string', nullable: true, hidden: true })
  createdByRole: string | null;

  @Property({ type: 'string', nullable: true, hidden: true })
  jobId: string | null;

  @Property({ type: 'datetime', nullable: true, hidden: true })
  enqueuedAt: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date;

  @Field(() => TaskMode, {
    nullable: true,
    description: 'What wrote the result (set by the runtime); null for work that writes no text.',
  })
  @Property({ type: 'text', nullable: true })
  mode: TaskMode | null;

  @Property({ type: 'integer', hidden: true })
  inputTokens: number;

  @Property({ type: 'integer', hidden: true })
  outputTokens: number;

  @Property({ type: 'double', columnType: 'numeric(14,6)', hidden: true })
  costUsd: number;
}
