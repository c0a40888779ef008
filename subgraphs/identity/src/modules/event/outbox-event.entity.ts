import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A service event written in the same transaction as the change it describes, then relayed to its
 * Redis stream. A Redis outage or a crash between commit and relay delays the event; it never loses
 * one, nor announces a change that was rolled back.
 */
@Entity({ tableName: 'outbox' })
export class OutboxEvent {
  /** As text: it goes into the event's JSON payload as `eventId`, which has no BigInt. */
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id: string;

  @Property({ type: 'string', length: 64 })
  stream: string;

  @Property({ type: 'string', length: 64 })
  type: string;

  @Property({ type: 'json' })
  payload: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
