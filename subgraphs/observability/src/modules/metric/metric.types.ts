import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One point of a series: the values of one step, averaged.' })
export class MetricPoint {
  @Field(() => Date, { description: 'Start of the step.' })
  time: Date;

  @Field(() => String)
  service: string;

  @Field(() => Float, { description: 'Average over the step.' })
  value: number;

  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;
}

@ObjectType({ description: 'A metric `metricSeries` serves.' })
export class MetricDefinition {
  @Field(() => String)
  name: string;

  @Field(() => String)
  unit: string;

  @Field(() => String)
  description: string;
}

@ObjectType({
  description: 'One service at the latest scrape. Rates need two scrapes, so the first has none.',
})
export class ServiceMetrics {
  @Field(() => String)
  service: string;

  @Field(() => Boolean, { description: 'Its /metrics answered this time.' })
  up: boolean;

  @Field(() => Float, { nullable: true, description: 'Requests per second (probes and scrapes excluded).' })
  requestRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of requests that failed (0..1).' })
  errorRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Seconds.' })
  latencyP50: number | null;

  @Field(() => Float, { nullable: true, description: 'Seconds.' })
  latencyP95: number | null;

  @Field(() => Float, { nullable: true, description: 'Seconds.' })
  latencyP99: number | null;

  @Field(() => Float, { nullable: true, description: 'CPU time per second (1 = one core busy).' })
  cpu: number | null;

  @Field(() => Float, { nullable: true, description: 'Resident memory in bytes.' })
  memoryBytes: number | null;

  @Field(() => Float, { nullable: true, description: 'Event-loop delay p99, seconds.' })
  eventLoopLag: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Open GraphQL subscriptions, where the service counts them.',
  })
  subscriptions: number | null;

  @Field(() => Float, { nullable: true, description: 'Tasks that succeeded per second (workers only).' })
  tasksSucceeded: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Tasks that failed for good per second (workers only; retries are not counted).',
  })
  tasksFailed: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Language-model input tokens per second (workers only).',
  })
  llmInputTokens: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Language-model output tokens per second (workers only).',
  })
  llmOutputTokens: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Estimated language-model cost in US dollars per second (workers only; LLM_PRICES).',
  })
  llmCostUsd: number | null;
}

@ObjectType({ description: 'Jobs in one agent queue.' })
export class QueueDepth {
  @Field(() => String)
  agent: string;

  @Field(() => Int)
  waiting: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  delayed: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int, { description: 'Seconds the oldest due task has waited for a worker (0: none waits).' })
  oldestWaitingSeconds: number;
}

/** What tasks' /metrics says of backups: not in the graph itself (`systemHealth.backup` shows it). */
export interface BackupSample {
  /** The newest good backup; null when there is none. */
  lastSuccessAt: Date | null;
  /** BACKUP_SCHEDULE is set. */
  scheduled: boolean;
}

@ObjectType({ description: 'Every service and queue at one scrape.' })
export class MetricsSnapshot {
  @Field(() => Date)
  time: Date;

  @Field(() => [ServiceMetrics])
  services: ServiceMetrics[];

  @Field(() => [QueueDepth], { description: 'Empty when the tasks service did not answer.' })
  queues: QueueDepth[];

  @Field(() => Int, { nullable: true, description: 'Live agent workers, when the tasks service answered.' })
  workers: number | null;

  /** Null when no scraped service exported the backup gauges. */
  backup?: BackupSample | null;
}
