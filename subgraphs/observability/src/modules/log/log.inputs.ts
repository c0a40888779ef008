import { Connection, PageArgs } from '@trae/kit';
import { ArgsType, Field, Int } from 'type-graphql';
import { LogLevel } from './log.enums.js';
import { LogEntry } from './log-entry.entity.js';

@ArgsType()
export class LogsArgs extends PageArgs({ size: 50, description: 'At most 100; 50 when left out.' }) {
  @Field(() => LogLevel, { nullable: true, description: 'Minimum level.' })
  level?: LogLevel;

  @Field(() => String, { nullable: true })
  service?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Text the message or any field of `context` contains (case-insensitive).',
  })
  search?: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;

  @Field(() => String, { nullable: true, description: 'One request, across every service it reached.' })
  requestId?: string;

  @Field(() => Int, { nullable: true, description: 'The HTTP status a `request` line answered.' })
  status?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Lines whose `route`, or the path of whose `url`, starts with this (e.g. `/graphql`).',
  })
  route?: string;

  @Field(() => String, { nullable: true, description: 'The lines of one signed-in user’s requests.' })
  userId?: string;
}

@ArgsType()
export class LogAddedArgs {
  @Field(() => LogLevel, { nullable: true, description: 'Minimum level.' })
  level?: LogLevel;

  @Field(() => String, { nullable: true })
  service?: string;
}

/** CONTRACT.md names it `LogConnection`. */
export const LogConnection = Connection(LogEntry, 'Log');
