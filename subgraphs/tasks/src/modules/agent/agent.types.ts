import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ModelUsage } from '../task/model-usage.types.js';

@ObjectType({ description: 'What an agent has done, from the task history in PostgreSQL.' })
export class AgentStats {
  @Field(() => Int) total: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) queued: number;
  @Field(() => Int) running: number;
  @Field(() => Int) succeeded: number;
  @Field(() => Int) failed: number;
  @Field(() => Int) cancelled: number;

  @Field(() => Float, { nullable: true, description: 'Succeeded / (succeeded + failed), 0 to 1.' })
  successRate: number | null;

  @Field(() => Int, { nullable: true, description: 'Mean run time of succeeded tasks.' })
  averageDurationMs: number | null;

  @Field(() => Date, { nullable: true })
  lastCompletedAt: Date | null;

  @Field(() => ModelUsage, {
    description: 'Language-model tokens and estimated cost of its tasks, all time.',
  })
  usage: ModelUsage;
}

@ObjectType({ description: 'An agent’s BullMQ queue right now.' })
export class QueueStats {
  @Field(() => String) agent: string;
  @Field(() => Int, {
    description: 'Due and waiting for a worker (including paused and waiting on children).',
  })
  waiting: number;
  @Field(() => Int) active: number;
  @Field(() => Int, { description: 'Waiting for their runAt, or for a retry backoff.' })
  delayed: number;
  @Field(() => Int, { description: 'Failed jobs still kept in Redis (PostgreSQL keeps them all).' })
  failed: number;
  @Field(() => Int) completed: number;
  @Field(() => Boolean) paused: boolean;
  @Field(() => Int, { description: 'Live worker processes consuming this queue.' })
  workers: number;
  @Field(() => Int, {
    description:
      'Tasks (from PostgreSQL, not BullMQ) due longer than TASK_STRANDED_AFTER_MS and not started: a lost job or a backlog. The reconciler enqueues lost ones again.',
  })
  tasksStranded: number;
}
