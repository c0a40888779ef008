import { Field, Float, ObjectType } from 'type-graphql';
import type { BackupSample } from '../metric/metric.types.js';

const HOUR_MS = 3_600_000;

@ObjectType({
  description: 'The newest good backup, from the tasks service’s /metrics at the latest scrape.',
})
export class BackupHealth {
  @Field(() => Boolean, { description: 'BACKUP_SCHEDULE is set on the tasks service.' })
  scheduled: boolean;

  @Field(() => Date, { nullable: true, description: 'When the newest good backup was taken; null: none.' })
  lastSuccessAt: Date | null;

  @Field(() => Float, { nullable: true })
  ageHours: number | null;

  @Field(() => Float, { description: 'BACKUP_MAX_AGE_HOURS.' })
  maxAgeHours: number;

  @Field(() => Boolean, {
    description: 'Scheduled, and no good backup younger than maxAgeHours: systemHealth is DEGRADED.',
  })
  overdue: boolean;
}

export function backupHealth(sample: BackupSample, maxAgeHours: number, now = Date.now()): BackupHealth {
  const ageHours = sample.lastSuccessAt ? (now - sample.lastSuccessAt.getTime()) / HOUR_MS : null;
  return {
    scheduled: sample.scheduled,
    lastSuccessAt: sample.lastSuccessAt,
    ageHours,
    maxAgeHours,
    overdue: sample.scheduled && (ageHours === null || ageHours > maxAgeHours),
  };
}
