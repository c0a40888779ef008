import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { Task } from '../task/task.entity.js';
import { CreateBackupInput } from './backup.inputs.js';
import { Backup, BackupOverview } from './backup.types.js';

@Resolver(() => Backup)
export class BackupResolver {
  @Authorized('ADMIN')
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@cost(weight: 10)')
  @Query(() => [Backup], {
    description: 'Every backup in BACKUP_DIR, newest first (retention bounds the list).',
  })
  backups(@Ctx() ctx: TasksContext) {
    return ctx.services.backups.list();
  }

  @Authorized('ADMIN')
  @Query(() => BackupOverview)
  backupOverview(@Ctx() ctx: TasksContext) {
    return ctx.services.backups.overview();
  }

  @Authorized('ADMIN')
  @Mutation(() => Task, {
    description: 'Backs up now, as a `system` `backup` task: follow it with `taskUpdated(id)`.',
  })
  createBackup(
    @Arg('input', () => CreateBackupInput, { defaultValue: { verify: true, prune: false } })
    input: CreateBackupInput,
    @Ctx() ctx: TasksContext,
  ) {
    return ctx.services.backups.create(ctx.user, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Task, {
    description: 'Verifies a backup as a `system` `backup_verify` task; the outcome shows on `backups`.',
  })
  verifyBackup(
    @Arg('id', () => ID) id: string,
    @Arg('trial', () => Boolean, { defaultValue: true, description: 'Restore into a scratch database.' })
    trial: boolean,
    @Ctx() ctx: TasksContext,
  ) {
    return ctx.services.backups.verify(ctx.user, id, trial);
  }
}
