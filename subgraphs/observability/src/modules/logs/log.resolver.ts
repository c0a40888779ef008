import { Args, Authorized, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { LogAddedArgs, LogConnection, LogsArgs } from './log.inputs.js';
import { toLogEntry } from './log.service.js';
import { LogEntry } from './log-entry.entity.js';
import { LOGS_ADDED } from './log-ingest.js';
import { LEVEL_VALUE } from './log-level.js';
import type { ParsedLine } from './log-line.js';

@Resolver(() => LogEntry)
export class LogResolver {
  @Authorized()
  @Query(() => LogConnection, {
    description: 'Stored log lines, newest first. totalCount stops counting at 100,000.',
  })
  logs(@Args(() => LogsArgs) args: LogsArgs, @Ctx() ctx: ObservabilityContext) {
    const services = ctx.services.access.services(ctx.user, args.service);
    return ctx.services.logs.list({ ...args, services });
  }

  @Authorized()
  @Subscription(() => LogEntry, {
    description: 'Log lines as they are stored, filtered by minimum level and service.',
    subscribe: ({ args, context }) => {
      const ctx = context as ObservabilityContext;
      const { level, service } = args as LogAddedArgs;
      const services = ctx.services.access.services(ctx.user, service);
      const min = level ? LEVEL_VALUE[level] : 0;
      return ctx.services.live.stream('logAdded', LOGS_ADDED, (p: { entries: ParsedLine[] }) =>
        p.entries
          .filter((e) => e.level >= min && (!services || services.includes(e.service)))
          .map(toLogEntry),
      );
    },
  })
  logAdded(@Root() entry: LogEntry, @Args(() => LogAddedArgs) _args: LogAddedArgs): LogEntry {
    return entry;
  }
}
