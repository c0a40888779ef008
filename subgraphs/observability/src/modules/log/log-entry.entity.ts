import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { LogLevel, levelOf } from './log.enums.js';

@ObjectType({ description: 'One log line of one service, as shipped to the log stream.' })
@Entity({ tableName: 'log_entries' })
export class LogEntry {
  @Field(() => ID, { description: 'Its log-stream id, zero-padded so that ids sort by arrival.' })
  @PrimaryKey({ type: 'string', length: 32 })
  id: string;

  @Field(() => Date, { description: 'When the service logged it.' })
  @Property({ type: 'datetime' })
  time: Date;

  /** pino's number (10 trace … 60 fatal). */
  @Property({ type: 'smallint' })
  level: number;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  service: string;

  @Field(() => String)
  @Property({ type: 'text' })
  message: string;

  @Field(() => String, { nullable: true, description: 'The request it belongs to (x-request-id).' })
  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signed-in user whose request logged it; null for lines of no user’s request.',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  userId: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Every other field of the line (err, route, ms, ...).' })
  @Property({ type: 'json' })
  context: Record<string, unknown>;

  @Field(() => LogLevel, { name: 'level' })
  get levelName(): LogLevel {
    return levelOf(this.level);
  }
}
