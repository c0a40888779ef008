import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'While active, the rule (every rule when `ruleId` is null) still changes state and keeps history, but sends no email or webhook.',
})
@Entity({ tableName: 'alert_silences' })
export class AlertSilence {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { nullable: true, description: 'Null: every rule.' })
  @Property({ type: 'uuid', nullable: true })
  ruleId: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The ADMIN who created it.' })
  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startsAt: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  endsAt: Date;

  @Field(() => Boolean, { description: 'It covers now.' })
  get active(): boolean {
    const now = Date.now();
    return this.startsAt.getTime() <= now && now < this.endsAt.getTime();
  }

  /** It applies to the rule: it names it, or every rule. */
  covers(ruleId: string): boolean {
    return this.ruleId === null || this.ruleId === ruleId;
  }
}

/** The silences covering `now`. */
export const activeSilences = (em: EntityManager, now: Date) =>
  em.find(AlertSilence, { startsAt: { $lte: now }, endsAt: { $gt: now } });
