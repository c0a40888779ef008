import { PAGE_LIST_SIZE } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { mayRead, readableOwner } from '../access/log-access.js';
import { LEVEL_VALUE } from './log.enums.js';
import { LogAddedArgs, LogConnection, LogsArgs } from './log.inputs.js';
import { toLogEntry } from './log.service.js';
import { LogEntry } from './log-entry.entity.js';
import { LOGS_ADDED } from './log-ingest.js';
import type { ParsedLine } from './log-line.js';

@Resolver(() => LogEntry)
export class LogResolver {
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Directive('@cost(weight: 5)')
  @Query(() => LogConnection, {
    description: 'Stored log lines, newest first. totalCount stops counting at 100,000.',
  })
  logs(@Args(() => LogsArgs) args: LogsArgs, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.logs.list({ ...args, owner: readableOwner(ctx.user) });
  }

  @Authorized()
  @Query(() => [String], {
    description: 'The services that logged lines the caller may read, by name: what the logs filter offers.',
  })
  logServices(@Ctx() ctx: ObservabilityContext): Promise<string[]> {
    return ctx.services.logs.services(readableOwner(ctx.user));
  }

  @Authorized()
  @Subscription(() => LogEntry, {
    description:
      'Log lines as they are stored, filtered by minimum level and service; users get their own requests’ lines.',
    subscribe: ({ args, context }) => {
      const ctx = context as ObservabilityContext;
      const { level, service } = args as LogAddedArgs;
      const owner = readableOwner(ctx.user);
      const min = level ? LEVEL_VALUE[level] : 0;
      return ctx.services.live.stream('logAdded', LOGS_ADDED, (p: { entries: ParsedLine[] }) =>
        p.entries
          .filter((e) => e.level >= min && (!service || e.service === service) && mayRead(owner, e))
          .map(toLogEntry),
      );
    },
  })
  logAdded(@Root() entry: LogEntry, @Args(() => LogAddedArgs) _args: LogAddedArgs): LogEntry {
    return entry;
  }
}
