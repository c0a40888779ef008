import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A service event written in the same transaction as the change it describes, then relayed to its
 * Redis stream. A crash between commit and relay delays the event; it never loses or invents one.
 */
@Entity({ tableName: 'outbox' })
export class OutboxEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'string', length: 64 })
  stream: string;

  @Property({ type: 'string', length: 64 })
  type: string;

  @Property({ type: 'json' })
  payload: unknown;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
