import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A user's chosen avatar: one of their own READY images. Deleting the file drops the row (FK cascade). */
@Entity({ tableName: 'avatars' })
export class Avatar {
  @PrimaryKey({ type: 'uuid' })
  userId: string;

  @Property({ type: 'uuid' })
  fileId: string;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
