import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BackupHealth } from './backup-health.js';
import { ComponentKind, ComponentStatus, SystemStatus } from './health.enums.js';

@ObjectType({ description: 'One probe of one component.' })
export class HealthSample {
  @Field(() => Date)
  time: Date;

  @Field(() => ComponentStatus)
  status: ComponentStatus;

  @Field(() => Int)
  latencyMs: number;
}

@ObjectType({ description: 'A service, the worker, the database, Redis or the queue, at its latest probe.' })
export class ComponentHealth {
  @Field(() => String)
  name: string;

  @Field(() => ComponentKind)
  kind: ComponentKind;

  @Field(() => ComponentStatus)
  status: ComponentStatus;

  @Field(() => Int)
  latencyMs: number;

  @Field(() => String, { nullable: true })
  version: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is down (admins only).' })
  error: string | null;

  @Field(() => String, { nullable: true, description: 'For the queue: workers and waiting jobs.' })
  detail: string | null;

  @Field(() => Date)
  checkedAt: Date;

  @Field(() => Float, { description: 'Share of probes that found it up, over the kept history (0..1).' })
  uptime: number;

  /** Newest first; the `history` field serves a slice of it. */
  samples: HealthSample[];
}

@ObjectType({ description: 'Every component of the platform, from the latest probe round.' })
export class SystemHealth {
  @Field(() => SystemStatus)
  status: SystemStatus;

  @Field(() => Date)
  checkedAt: Date;

  @Field(() => [ComponentHealth])
  components: ComponentHealth[];

  @Field(() => BackupHealth, {
    nullable: true,
    description: 'Null until a scrape of the tasks service has read its backup gauges.',
  })
  backup: BackupHealth | null;
}
