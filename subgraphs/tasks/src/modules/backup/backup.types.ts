import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BackupKind, BackupStatus } from './backup.enums.js';

@ObjectType({ description: 'One backup in BACKUP_DIR (ADMIN only).' })
export class Backup {
  @Field(() => ID, {
    description: 'Sorts by time, e.g. `20261201T101500Z-3f9a`; `npm run restore <id>` takes it.',
  })
  id: string;

  @Field(() => BackupKind)
  kind: BackupKind;

  @Field(() => BackupStatus)
  status: BackupStatus;

  @Field(() => Float, { description: 'Bytes of its own artifacts and of the files it copied first.' })
  size: number;

  @Field(() => Date, { description: 'When its database snapshot was taken.' })
  startedAt: Date;

  @Field(() => Int, { nullable: true, description: 'Milliseconds it took; null while incomplete.' })
  duration: number | null;

  @Field(() => Boolean)
  encrypted: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The last verification: true passed, false refused it, null never verified.',
  })
  verified: boolean | null;

  @Field(() => Date, { nullable: true })
  verifiedAt: Date | null;

  @Field(() => [String], { description: 'What the last verification found wrong, one line each.' })
  problems: string[];
}

@ObjectType({ description: 'Scheduled backups and the newest good one (ADMIN only).' })
export class BackupOverview {
  @Field(() => String, { nullable: true, description: 'BACKUP_SCHEDULE (cron, UTC); null when off.' })
  schedule: string | null;

  @Field(() => Date, { nullable: true })
  nextRunAt: Date | null;

  @Field(() => Int, { description: 'BACKUP_RETENTION_DAYS; the last good backup is kept past it.' })
  retentionDays: number;

  @Field(() => Boolean, { description: 'BACKUP_ENCRYPTION_KEY is set: new backups are encrypted.' })
  encryption: boolean;

  @Field(() => Backup, { nullable: true, description: 'Complete and not refused by verification.' })
  lastGood: Backup | null;
}
