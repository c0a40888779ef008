import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ErrorSeverity } from './error.enums.js';

@ObjectType({ description: 'Error-level log lines with a stack, grouped by fingerprint.' })
@Entity({ tableName: 'error_tracking' })
export class ErrorGroup {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Field(() => String, { description: 'sha256 of the type, normalized message and top in-app frames.' })
  @Property({ type: 'string', length: 64, unique: true })
  fingerprint: string;

  @Field(() => String, { name: 'type' })
  @Property({ type: 'string', length: 100 })
  errorType: string;

  @Field(() => String, { name: 'message', description: 'The latest occurrence’s message.' })
  @Property({ type: 'text' })
  errorMessage: string;

  @Field(() => String, { name: 'stackTrace', nullable: true })
  @Property({ type: 'text', nullable: true })
  stackTrace: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  service: string;

  @Field(() => ErrorSeverity)
  @Property({ type: 'string', length: 20 })
  severity: ErrorSeverity;

  @Field(() => Int, { description: 'Occurrences, all time.' })
  @Property({ type: 'integer' })
  count: number;

  @Field(() => Date, { name: 'firstSeen' })
  @Property({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { name: 'lastSeen' })
  @Property({ type: 'datetime' })
  lastSeenAt: Date;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  resolved: boolean;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who resolved it.' })
  @Property({ type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Field(() => Int, { description: 'Times it came back after being resolved.' })
  @Property({ type: 'integer' })
  reopenedCount: number;

  @Field(() => GraphQLJSONObject, {
    name: 'sampleContext',
    nullable: true,
    description: 'The latest occurrence: its log id, request id, message and fields.',
  })
  @Property({ type: 'json', nullable: true })
  context: Record<string, unknown> | null;

  /** Filled by the list from `error_counts` (see error-series.ts); not a column. */
  @Field(() => [Int], {
    description:
      'Occurrences in each of the last 24 hours, oldest first, the current hour last: the sparkline.',
  })
  hourly: number[] = [];
}
