import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An account's TOTP secret, encrypted (secret-box.ts). Unconfirmed until a first code proves the app
 * has it. `lastTimeStep` is the newest 30-second step a code was accepted for: a code is good once.
 */
@Entity({ tableName: 'user_totp' })
export class UserTotp {
  @PrimaryKey({ type: 'uuid' })
  userId: string;

  @Property({ type: 'text' })
  secretBox: string;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'bigint', nullable: true })
  lastTimeStep?: number | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
