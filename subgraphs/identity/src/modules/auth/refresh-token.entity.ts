import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One refresh token. Only its sha256 is stored. Tokens of one login share a `familyId`; each use
 * spends the token and issues its successor, so presenting a spent token means it was stolen
 * and the whole family is revoked.
 */
@Entity({ tableName: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId: string;

  @Index()
  @Property({ type: 'uuid' })
  familyId: string;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash: string;

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
