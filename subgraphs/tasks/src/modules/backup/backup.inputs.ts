import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateBackupInput {
  @Field(() => Boolean, {
    defaultValue: true,
    description: 'Then verify it: checksums, pg_restore --list, a trial restore.',
  })
  verify: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Then remove backups past the retention.' })
  prune: boolean;
}
